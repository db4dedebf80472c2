import { z } from "zod";
import {
  BAND_COLOURS,
  EXERCISE_CATEGORIES,
  PATIENT_STATUSES,
  PROGRAM_STATUSES,
  SIDEDNESS,
  SIDES,
} from "@/db/schema/enums";
import { ZSaveProgramVersionInput } from "@/lib/schemas/program";
import {
  getProgramForEditing,
  getProgramHistory,
} from "@/server/services/programs/program-history";
import { saveProgramVersion } from "@/server/services/programs/save-program-version";
import { router, staffProcedure } from "@/server/trpc";
import { ZDoseOutput, ZExerciseFigureOutput, ZVersionOutputFields, ZId } from "./schemas";

const ZPatientInput = z.object({ patientId: ZId });
export const ZProgramHistoryOutput = z.array(
  z.object({
    ...ZVersionOutputFields,
    programStatus: z.enum(PROGRAM_STATUSES),
    itemCount: z.number(),
    changes: z.array(z.string()),
  }),
);

export const ZProgramForEditingOutput = z.object({
  patientStatus: z.enum(PATIENT_STATUSES),
  affectedSide: z.enum(SIDES),
  baseVersionNumber: z.number().nullable(),
  painLimit: z.number(),
  items: z.array(
    z.object({
      exerciseId: z.string(),
      name: z.string(),
      category: z.enum(EXERCISE_CATEGORIES),
      sidedness: z.enum(SIDEDNESS),
      archived: z.boolean(),
      figure: ZExerciseFigureOutput,
      ...ZDoseOutput,
      side: z.enum(SIDES),
      loadKg: z.number().nullable(),
      bandColour: z.enum(BAND_COLOURS).nullable(),
      notes: z.string().nullable(),
    }),
  ),
});

/**
 * The version saved, or, when the draft was exactly the version in force, that version with
 * `unchanged` (nothing was written).
 */
export const ZSaveProgramVersionOutput = z.object({
  versionId: z.string(),
  number: z.number(),
  unchanged: z.boolean(),
});

export const programsRouter = router({
  history: staffProcedure
    .input(ZPatientInput)
    .output(ZProgramHistoryOutput)
    .query(({ ctx, input }) => getProgramHistory({ scope: ctx.scope, patientId: input.patientId })),
  forEditing: staffProcedure
    .input(ZPatientInput)
    .output(ZProgramForEditingOutput)
    .query(({ ctx, input }) =>
      getProgramForEditing({ scope: ctx.scope, patientId: input.patientId }),
    ),
  saveVersion: staffProcedure
    .input(ZSaveProgramVersionInput)
    .output(ZSaveProgramVersionOutput)
    .mutation(({ ctx, input }) => saveProgramVersion({ scope: ctx.scope, input })),
});
