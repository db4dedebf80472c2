import { z } from "zod";
import { BAND_COLOURS, SIDES, VERSION_REASONS } from "@/db/schema/enums";

const count = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} can be at most ${max}.`);

/** One exercise of a prescription, as the builder sends it; the database checks the same ranges. */
export const ZProgramItemInput = z
  .object({
    exerciseId: z.string().min(1).max(64),
    sets: count("Sets", 1, 20).nullable(),
    reps: count("Reps", 1, 200).nullable(),
    holdSeconds: count("Hold", 0, 600).nullable(),
    restSeconds: count("Rest", 0, 600).nullable(),
    durationSeconds: count("Duration", 1, 7200).nullable(),
    sessionsPerDay: count("Sessions a day", 1, 10),
    daysPerWeek: count("Days a week", 1, 7),
    side: z.enum(SIDES, { error: "Choose left, right or both." }),
    loadKg: z
      .number({ error: "Load must be a number of kilograms." })
      .min(0, "Load cannot be negative.")
      .max(200, "Load can be 200 kg at most.")
      .nullable(),
    bandColour: z.enum(BAND_COLOURS).nullable(),
    notes: z.string().trim().max(500, "Keep the note under 500 characters.").nullable(),
  })
  .refine((i) => i.loadKg === null || i.bandColour === null, {
    message: "Give either a load in kg or a band colour, not both.",
    path: ["bandColour"],
  })
  .refine((i) => i.reps !== null || i.holdSeconds !== null || i.durationSeconds !== null, {
    message: "Say how much: reps, a hold or a duration.",
    path: ["reps"],
  });

export type ProgramItemInput = z.infer<typeof ZProgramItemInput>;

export const ZSaveProgramVersionInput = z.object({
  patientId: z.string().min(1).max(64),
  /** The version the clinician started from; null for a patient with no program yet. */
  baseVersionNumber: z.number().int().min(1).nullable(),
  reason: z.enum(VERSION_REASONS, { error: "Choose why the program changes." }),
  note: z.string().trim().max(1000, "Keep the note under 1,000 characters.").nullable(),
  painLimit: count("The pain limit", 0, 10),
  items: z
    .array(ZProgramItemInput)
    .min(1, "Add at least one exercise.")
    .max(30, "Thirty exercises at most."),
});

export type SaveProgramVersionInput = z.infer<typeof ZSaveProgramVersionInput>;
