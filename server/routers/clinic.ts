import { z } from "zod";
import { AUDIT_CHECK_PROBLEMS, AUDIT_CHECK_STATUSES } from "@/db/schema/audit-checks";
import { mailSettings, missingMailSettings } from "@/server/env";
import { getAuditStatus } from "@/server/services/audit/audit-checks";
import { getClinicSettings, updateClinicDetails } from "@/server/services/clinic/clinic-details";
import { adminProcedure, router } from "@/server/trpc";
import {
  ZGetClinicSettingsOutput,
  ZUpdateClinicDetailsInput,
  ZUpdateClinicDetailsOutput,
} from "./clinic-schemas";

/** The clinic's latest check of its audit chain (decision 021): row ids and positions only. */
export const ZGetAuditStatusOutput = z.object({
  timeZone: z.string(),
  latest: z
    .object({
      checkedAt: z.date(),
      status: z.enum(AUDIT_CHECK_STATUSES),
      rowsChecked: z.number().int(),
      chainLength: z.number().int(),
      brokenEventId: z.string().nullable(),
      brokenPosition: z.number().int().nullable(),
      problem: z.enum(AUDIT_CHECK_PROBLEMS).nullable(),
    })
    .nullable(),
});
export type AuditStatus = z.infer<typeof ZGetAuditStatusOutput>;

export const clinicRouter = router({
  /** The clinic's details and whether email works, for the admins' team page. */
  settings: adminProcedure.output(ZGetClinicSettingsOutput).query(({ ctx }) =>
    getClinicSettings({
      scope: ctx.scope,
      mail: mailSettings(),
      missingMail: missingMailSettings(),
    }),
  ),
  updateDetails: adminProcedure
    .input(ZUpdateClinicDetailsInput)
    .output(ZUpdateClinicDetailsOutput)
    .mutation(({ ctx, input }) => updateClinicDetails({ scope: ctx.scope, ...input })),
  /** The latest check of the clinic's audit chain, for the warning on the admin pages. */
  auditStatus: adminProcedure
    .output(ZGetAuditStatusOutput)
    .query(({ ctx }) => getAuditStatus({ scope: ctx.scope })),
});
