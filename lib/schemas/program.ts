import { z } from "zod";
import { VERSION_REASONS } from "@/db/schema/enums";
import { ZDoseItem, ZDoseItems } from "./dose";

/** One exercise of a prescription: the one dose schema templates use too (lib/schemas/dose.ts). */
export const ZProgramItemInput = ZDoseItem;
export type ProgramItemInput = z.input<typeof ZProgramItemInput>;
export type ProgramItem = z.output<typeof ZProgramItemInput>;

export const ZSaveProgramVersionInput = z.object({
  patientId: z.string().min(1).max(64),
  /** The version the clinician started from; null for a patient with no program yet. */
  baseVersionNumber: z.number().int().min(1).nullable(),
  reason: z.enum(VERSION_REASONS, { error: "Choose why the program changes." }),
  note: z.string().trim().max(1000, "Keep the note under 1,000 characters.").nullable(),
  painLimit: z
    .number({ error: "The pain limit must be a whole number." })
    .int("The pain limit must be a whole number.")
    .min(0, "The pain limit must be at least 0.")
    .max(10, "The pain limit can be at most 10."),
  items: ZDoseItems,
});

export type SaveProgramVersionInput = z.output<typeof ZSaveProgramVersionInput>;
/** What a caller sends: side, load and note may be left out. */
export type SaveProgramVersionDraft = z.input<typeof ZSaveProgramVersionInput>;
