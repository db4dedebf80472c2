import { z } from "zod";
import { PATIENT_STATUSES, SIDES } from "@/db/schema/enums";
import { getHandout } from "@/server/services/programs/get-handout";
import { router, staffProcedure } from "@/server/trpc";
import { ZExerciseFigureOutput, ZExerciseMediaOutput, ZId } from "./schemas";

export const ZGetHandoutInput = z.object({ patientId: ZId });

export const ZGetHandoutOutput = z.object({
  clinic: z.object({
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  patient: z.object({ id: z.string(), displayName: z.string(), status: z.enum(PATIENT_STATUSES) }),
  timeZone: z.string(),
  preparedAt: z.date(),
  program: z
    .object({
      versionNumber: z.number().int(),
      effectiveFrom: z.date(),
      painLimit: z.number().int(),
      painLimitText: z.string(),
      items: z.array(
        z.object({
          id: z.string(),
          exerciseId: z.string(),
          name: z.string(),
          summary: z.string(),
          steps: z.array(z.string()),
          whatToFeel: z.string(),
          stopIf: z.string(),
          cautions: z.array(z.string()),
          media: z.array(ZExerciseMediaOutput),
          figure: ZExerciseFigureOutput,
          /** The leg the drawing highlights: the prescribed one, both for a together exercise. */
          side: z.enum(SIDES),
          doseText: z.string(),
          sessionText: z.string(),
          frequencyText: z.string(),
          notes: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
});

/** The printable home-exercise handout of a patient's current program. */
export const handoutRouter = router({
  get: staffProcedure
    .input(ZGetHandoutInput)
    .output(ZGetHandoutOutput)
    .query(({ ctx, input }) => getHandout({ scope: ctx.scope, patientId: input.patientId })),
});
