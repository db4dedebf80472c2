import { z } from "zod";
import { BAND_COLOURS, DOSE_SIDES } from "@/db/schema/enums";

/**
 * The one dose schema: program items and template items are checked by it, in the browser and on
 * the server, so a dose the template editor accepts is one the program builder accepts too. The
 * database's CHECKs hold the lower bounds; these limits add the upper ones.
 */
export const DOSE_LIMITS = {
  sets: { min: 1, max: 20 },
  reps: { min: 1, max: 200 },
  holdSeconds: { min: 0, max: 600 },
  restSeconds: { min: 0, max: 600 },
  durationSeconds: { min: 1, max: 7200 },
  sessionsPerDay: { min: 1, max: 10 },
  daysPerWeek: { min: 1, max: 7 },
  loadKg: { min: 0, max: 200 },
  notes: { max: 500 },
  items: { min: 1, max: 30 },
} as const;

export type DoseNumberField =
  | "sets"
  | "reps"
  | "holdSeconds"
  | "restSeconds"
  | "durationSeconds"
  | "sessionsPerDay"
  | "daysPerWeek";

/** What each field is called in messages and labels, the same in both editors. */
export const DOSE_LABELS: Record<DoseNumberField | "loadKg" | "side" | "notes", string> = {
  sets: "Sets",
  reps: "Reps",
  holdSeconds: "Hold",
  restSeconds: "Rest",
  durationSeconds: "Duration",
  sessionsPerDay: "Sessions a day",
  daysPerWeek: "Days a week",
  loadKg: "Load",
  side: "Side",
  notes: "Note",
};

const SECONDS_FIELDS: ReadonlySet<DoseNumberField> = new Set([
  "holdSeconds",
  "restSeconds",
  "durationSeconds",
]);

/** A limit in words: "20", "10 minutes", "1 second". */
function limitWords(field: DoseNumberField, n: number): string {
  if (!SECONDS_FIELDS.has(field)) return String(n);
  if (n >= 60 && n % 60 === 0) return `${n / 60} minutes`;
  return n === 1 ? "1 second" : `${n} seconds`;
}

/** A whole-number dose field with its limits; each message names the field and the limit. */
export function doseCount(field: DoseNumberField) {
  const label = DOSE_LABELS[field];
  const { min, max } = DOSE_LIMITS[field];
  const whole = `${label} must be a whole number.`;
  return z
    .number({ error: whole })
    .int(whole)
    .min(
      min,
      min === 0
        ? `${label} cannot be negative.`
        : `${label} must be at least ${limitWords(field, min)}.`,
    )
    .max(max, `${label} can be at most ${limitWords(field, max)}.`);
}

export const ZDoseLoadKg = z
  .number({ error: "Load must be a number of kilograms." })
  .min(DOSE_LIMITS.loadKg.min, "Load cannot be negative.")
  .max(DOSE_LIMITS.loadKg.max, `Load can be at most ${DOSE_LIMITS.loadKg.max} kg.`);

export const ZDoseNotes = z
  .string({ error: "The note must be text." })
  .trim()
  .max(DOSE_LIMITS.notes.max, `Keep the note to ${DOSE_LIMITS.notes.max} characters or fewer.`);

/**
 * One exercise with its dose. Side, load and note may be left out (a dose on both legs, no load,
 * no note). An empty note is no note.
 */
export const ZDoseItem = z
  .object({
    exerciseId: z.string({ error: "Choose an exercise." }).min(1, "Choose an exercise.").max(64),
    sets: doseCount("sets").nullable(),
    reps: doseCount("reps").nullable(),
    holdSeconds: doseCount("holdSeconds").nullable(),
    restSeconds: doseCount("restSeconds").nullable(),
    durationSeconds: doseCount("durationSeconds").nullable(),
    sessionsPerDay: doseCount("sessionsPerDay"),
    daysPerWeek: doseCount("daysPerWeek"),
    side: z
      .enum(DOSE_SIDES, { error: "Choose the side: both legs, the affected leg, left or right." })
      .default("both"),
    loadKg: ZDoseLoadKg.nullable().default(null),
    bandColour: z.enum(BAND_COLOURS, { error: "Choose a band colour." }).nullable().default(null),
    notes: ZDoseNotes.nullable()
      .default(null)
      .transform((v) => v || null),
  })
  .refine((i) => i.loadKg === null || i.bandColour === null, {
    message: "Give either a load in kg or a band colour, not both.",
    path: ["bandColour"],
  })
  .refine((i) => i.reps !== null || i.holdSeconds !== null || i.durationSeconds !== null, {
    message: "Say how much: reps, a hold or a duration.",
    path: ["reps"],
  });

export type DoseItemInput = z.input<typeof ZDoseItem>;
export type DoseItem = z.output<typeof ZDoseItem>;

/** The exercises of a program or a template, in order. */
export const ZDoseItems = z
  .array(ZDoseItem)
  .min(DOSE_LIMITS.items.min, "Add at least one exercise.")
  .max(DOSE_LIMITS.items.max, `${DOSE_LIMITS.items.max} exercises at most.`);
