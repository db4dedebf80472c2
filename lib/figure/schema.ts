import { z } from "zod";
import { isJointName, JOINT_NAMES } from "./body";
import type { ExerciseFigure } from "./types";

const FIGURE_PROPS = [
  "chair",
  "wall",
  "bed",
  "band",
  "foam-roller",
  "bike",
  "step",
  "towel",
] as const;

/**
 * Validates a figure from a form or the database: its shape and the names of its joints. Whether
 * it can be drawn (angles within their limits, nothing through the floor) is `figureProblems`'s
 * question, which answers in words a clinician can act on.
 */
export const exerciseFigureSchema: z.ZodType<ExerciseFigure> = z.object({
  version: z.literal(1),
  view: z.enum(["side", "front"]),
  props: z
    .array(z.enum(FIGURE_PROPS))
    .max(4)
    .refine((props) => new Set(props).size === props.length, "List each prop once."),
  poses: z
    .array(
      z.object({
        label: z.string().trim().min(1).max(40),
        pelvis: z.object({
          x: z.number().finite().min(-1000).max(1000),
          y: z.number().finite().min(-1000).max(1000),
        }),
        angles: z
          .record(z.string(), z.number().finite().min(-180).max(180))
          .refine(
            (angles) => Object.keys(angles).every(isJointName),
            `Joints are named ${JOINT_NAMES.slice(0, 3).join(", ")}, nearHip, farKnee, ….`,
          ),
      }),
    )
    .min(2)
    .max(6),
  working: z.enum(["near", "far", "both", "none"]),
});
