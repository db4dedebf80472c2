import { z } from "zod";
import { VERSION_REASONS } from "@/db/schema/enums";
import { exerciseFigureSchema } from "@/lib/figure/schema";

/** Ids are UUIDv7 text; anything else cannot exist, so it is NOT_FOUND-equivalent early. */
export const ZId = z.string().min(1).max(64);

export const ZPageInput = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(5).max(100).default(25),
};

/** A saved program version as procedures return it: its number, why it was made, by whom. */
export const ZVersionOutputFields = {
  id: z.string(),
  programId: z.string(),
  number: z.number(),
  reason: z.enum(VERSION_REASONS),
  note: z.string().nullable(),
  painLimit: z.number(),
  effectiveFrom: z.date(),
  authorName: z.string(),
};

/** A program item's dose as procedures return it: the fields that are not set are null. */
export const ZDoseOutput = {
  sets: z.number().nullable(),
  reps: z.number().nullable(),
  holdSeconds: z.number().nullable(),
  restSeconds: z.number().nullable(),
  durationSeconds: z.number().nullable(),
  sessionsPerDay: z.number(),
  daysPerWeek: z.number(),
};

/** A write that answers with the id of the row it made or changed, and nothing else. */
export const ZIdOutput = z.object({ id: z.string() });

/**
 * An exercise's drawn movement (issue 14), or null when it has none. A stored figure the model's
 * schema no longer accepts (tightened after it was saved) reads as null, so an old drawing costs
 * the page its picture, never the page itself.
 */
export const ZExerciseFigureOutput = exerciseFigureSchema.nullable().catch(null);

/** One picture of an exercise as pages show it: never its file name or type on disk. */
export const ZExerciseMediaOutput = z.object({
  id: z.string(),
  alt: z.string(),
  width: z.number(),
  height: z.number(),
});
