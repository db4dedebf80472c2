import { z } from "zod";
import { ADVICE_RULES } from "@/server/domain/advice";
import { ADVICE_VALUES } from "@/db/schema/enums";
import { getPatientAdvice } from "@/server/services/clinical/patient-advice";
import { router, staffProcedure } from "@/server/trpc";
import { ZId } from "./schemas";

const ZDay = z.string();
const ZAdviceInputs = z.object({
  versionNumber: z.number(),
  painLimit: z.number(),
  daysOnVersion: z.number(),
  window: z.object({ from: ZDay, to: ZDay }),
  exerciseDays: z.number(),
  during: z.array(z.object({ day: ZDay, score: z.number() })),
  nextMorning: z.array(z.object({ day: ZDay, score: z.number(), usual: z.number().optional() })),
  thisWeekMorning: z.number().optional(),
  lastWeekMorning: z.number().optional(),
  adherence7: z.number().optional(),
});

export const ZPatientAdviceOutput = z.object({
  today: ZDay,
  redFlag: z.boolean(),
  hasProgram: z.boolean(),
  advice: z
    .object({
      advice: z.enum(ADVICE_VALUES),
      rule: z.enum(ADVICE_RULES),
      inputs: ZAdviceInputs,
      unmet: z.array(
        z.enum([
          "days-on-version",
          "exercise-days",
          "no-session-over-limit",
          "next-morning-settled",
          "weekly-trend-not-rising",
          "adherent",
        ]),
      ),
    })
    .nullable(),
});

/** Progression advice for clinicians only (CLINICAL.md): staff procedures, never the patient's. */
export const adviceRouter = router({
  forPatient: staffProcedure
    .input(z.object({ patientId: ZId }))
    .output(ZPatientAdviceOutput)
    .query(({ ctx, input }) => getPatientAdvice({ scope: ctx.scope, patientId: input.patientId })),
});
