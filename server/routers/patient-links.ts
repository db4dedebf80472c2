import { z } from "zod";
import {
  createPatientLink,
  listPatientLinks,
  revokePatientLink,
} from "@/server/services/patient-links/patient-links";
import { router, staffProcedure } from "@/server/trpc";
import { ZId } from "./schemas";

export const ZCreatePatientLinkInput = z.object({
  patientId: ZId,
  validDays: z
    .number()
    .int()
    .min(1, "A link must last at least a day.")
    .max(730, "A link can last two years at most.")
    .optional(),
});
export const ZCreatePatientLinkOutput = z.object({
  id: z.string(),
  token: z.string(),
  expiresAt: z.date(),
});
export const ZRevokePatientLinkInput = z.object({ linkId: ZId });

export const patientLinksRouter = router({
  list: staffProcedure
    .input(z.object({ patientId: ZId }))
    .query(({ ctx, input }) => listPatientLinks({ scope: ctx.scope, patientId: input.patientId })),
  create: staffProcedure
    .input(ZCreatePatientLinkInput)
    .output(ZCreatePatientLinkOutput)
    .mutation(({ ctx, input }) =>
      createPatientLink({
        scope: ctx.scope,
        patientId: input.patientId,
        validDays: input.validDays ?? ctx.patientLinkDays,
      }),
    ),
  revoke: staffProcedure
    .input(ZRevokePatientLinkInput)
    .mutation(({ ctx, input }) => revokePatientLink({ scope: ctx.scope, linkId: input.linkId })),
});
