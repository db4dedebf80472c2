import { z } from "zod";
import { ZLinkValidDays } from "@/lib/schemas/patient-link";
import { drawLinkQr, patientLinkUrl } from "@/server/services/patient-links/link-qr";
import {
  createPatientLink,
  listPatientLinks,
  replacePatientLink,
  revokePatientLink,
} from "@/server/services/patient-links/patient-links";
import { router, staffProcedure } from "@/server/trpc";
import { ZId } from "./schemas";

export const ZCreatePatientLinkInput = z.object({
  patientId: ZId,
  validDays: ZLinkValidDays.optional(),
  /** Recorded in the audit trail: a link made for a printed handout rather than on the panel. */
  purpose: z.enum(["panel", "handout"]).default("panel"),
});
export const ZReplacePatientLinkInput = z.object({
  patientId: ZId,
  validDays: ZLinkValidDays.optional(),
});

/** The new token, shown once: as the address, and as a QR code of that address. */
export const ZCreatePatientLinkOutput = z.object({
  id: z.string(),
  token: z.string(),
  url: z.string(),
  qrSvg: z.string().startsWith("<svg"),
  expiresAt: z.date(),
});
export const ZReplacePatientLinkOutput = ZCreatePatientLinkOutput.extend({
  revokedCount: z.number().int(),
});
export const ZRevokePatientLinkInput = z.object({ linkId: ZId });
/** When the link stopped working: now, or when it was revoked before. */
export const ZRevokePatientLinkOutput = z.object({ id: z.string(), revokedAt: z.date() });

export const ZListPatientLinksOutput = z.object({
  defaultValidDays: z.number().int(),
  links: z.array(
    z.object({
      id: z.string(),
      createdAt: z.date(),
      createdByName: z.string(),
      expiresAt: z.date(),
      revokedAt: z.date().nullable(),
      lastUsedAt: z.date().nullable(),
      active: z.boolean(),
    }),
  ),
});

/** The address and QR code of a token that was just made, for the one response that carries it. */
async function shown<T extends { token: string }>(origin: string, link: T) {
  const url = patientLinkUrl(origin, link.token);
  return { ...link, url, qrSvg: await drawLinkQr(url) };
}

export const patientLinksRouter = router({
  list: staffProcedure
    .input(z.object({ patientId: ZId }))
    .output(ZListPatientLinksOutput)
    .query(async ({ ctx, input }) => ({
      defaultValidDays: ctx.patientLinkDays,
      links: await listPatientLinks({ scope: ctx.scope, patientId: input.patientId }),
    })),
  create: staffProcedure
    .input(ZCreatePatientLinkInput)
    .output(ZCreatePatientLinkOutput)
    .mutation(async ({ ctx, input }) =>
      shown(
        ctx.origin,
        await createPatientLink({
          scope: ctx.scope,
          patientId: input.patientId,
          validDays: input.validDays ?? ctx.patientLinkDays,
          purpose: input.purpose,
        }),
      ),
    ),
  replace: staffProcedure
    .input(ZReplacePatientLinkInput)
    .output(ZReplacePatientLinkOutput)
    .mutation(async ({ ctx, input }) =>
      shown(
        ctx.origin,
        await replacePatientLink({
          scope: ctx.scope,
          patientId: input.patientId,
          validDays: input.validDays ?? ctx.patientLinkDays,
        }),
      ),
    ),
  revoke: staffProcedure
    .input(ZRevokePatientLinkInput)
    .output(ZRevokePatientLinkOutput)
    .mutation(({ ctx, input }) => revokePatientLink({ scope: ctx.scope, linkId: input.linkId })),
});
