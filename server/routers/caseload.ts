import { z } from "zod";
import { ADVICE_VALUES, CONDITIONS, PATIENT_STATUSES } from "@/db/schema/enums";
import {
  CASELOAD_SORTS,
  caseloadClinicians,
  listCaseload,
} from "@/server/services/caseload/list-caseload";
import { router, staffProcedure } from "@/server/trpc";
import { ZId, ZPageInput } from "./schemas";

export const ZCaseloadInput = z.object({
  ...ZPageInput,
  // The address never asks for more (lib/caseload-url.ts); a bound keeps the offset sane.
  page: z.number().int().min(1).max(10_000).default(1),
  sort: z
    .object({ id: z.enum(CASELOAD_SORTS), desc: z.boolean() })
    .default({ id: "name", desc: false }),
  filters: z
    .object({
      mine: z.boolean().default(true),
      needsAttention: z.boolean().default(false),
      condition: z.enum(CONDITIONS).optional(),
      clinicianId: ZId.optional(),
      status: z.enum(["active", "discharged", "all"]).default("active"),
      search: z.string().trim().max(100).optional(),
    })
    .default({ mine: true, needsAttention: false, status: "active" }),
});

const n = z.number().nullable();
export const ZCaseloadOutput = z.object({
  rows: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      condition: z.enum(CONDITIONS),
      status: z.enum(PATIENT_STATUSES),
      clinicianId: z.string(),
      clinicianName: z.string(),
      day: z.string().nullable(),
      versionNumber: n,
      versionFromDay: z.string().nullable(),
      lastCheckInAt: z.date().nullable(),
      /** The patient's own calendar day of that check-in. */
      lastCheckInDay: z.string().nullable(),
      adherence7: n,
      adherence28: n,
      morningPain: n,
      baselinePain: n,
      painChange: n,
      improved: z.boolean(),
      worsening: z.boolean(),
      advice: z.enum(ADVICE_VALUES).nullable(),
      redFlag: z.boolean(),
      needsAttention: z.boolean(),
      /** The patient's messages nobody at the clinic has read yet. */
      unreadMessages: z.number(),
      /** The latest outcome measure score and its change from the first (issue 15). */
      outcomeMeasureId: z.string().nullable(),
      outcomeScore: n,
      outcomeChange: n,
      outcomeMeaningful: z.boolean().nullable(),
      openAlerts: z.object({
        critical: z.number(),
        high: z.number(),
        medium: z.number(),
        low: z.number(),
      }),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  clinicians: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const caseloadRouter = router({
  list: staffProcedure
    .input(ZCaseloadInput)
    .output(ZCaseloadOutput)
    .query(async ({ ctx, input }) => ({
      ...(await listCaseload({ scope: ctx.scope, input })),
      clinicians: await caseloadClinicians({ scope: ctx.scope }),
    })),
});
