import { mailSettings, missingMailSettings } from "@/server/env";
import { getClinicSettings, updateClinicDetails } from "@/server/services/clinic/clinic-details";
import { adminProcedure, router } from "@/server/trpc";
import {
  ZGetClinicSettingsOutput,
  ZUpdateClinicDetailsInput,
  ZUpdateClinicDetailsOutput,
} from "./clinic-schemas";

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
});
