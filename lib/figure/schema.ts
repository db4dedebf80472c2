import { z } from "zod";
import type { ExerciseFigure } from "./types";

/** Validates a figure from a form or the database (the model may tighten the angle limits). */
export const exerciseFigureSchema: z.ZodType<ExerciseFigure> = z.object({
  version: z.literal(1),
  view: z.enum(["side", "front"]),
  props: z
    .array(z.enum(["chair", "wall", "bed", "band", "foam-roller", "bike", "step", "towel"]))
    .max(4),
  poses: z
    .array(
      z.object({
        label: z.string().trim().min(1).max(40),
        pelvis: z.object({ x: z.number().finite(), y: z.number().finite() }),
        angles: z.record(z.string(), z.number().min(-180).max(180)),
      }),
    )
    .min(2)
    .max(6),
  working: z.enum(["near", "far", "both", "none"]),
});
