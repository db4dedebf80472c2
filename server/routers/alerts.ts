import { z } from "zod";
import { ALERT_SEVERITIES, ALERT_STATUSES } from "@/db/schema/enums";
import {
  acknowledgeAlert,
  listAlerts,
  openAlertCounts,
  openAlertSummary,
  resolveAlert,
} from "@/server/services/alerts/alerts";
import { router, staffProcedure } from "@/server/trpc";
import { ZId, ZPageInput } from "./schemas";

export const ZListAlertsInput = z.object({
  ...ZPageInput,
  status: z.enum(ALERT_STATUSES).default("open"),
  mine: z.boolean().default(false),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  patientId: ZId.optional(),
});

const ZAlertRow = z.object({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  clinicianName: z.string(),
  kind: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  ruleId: z.string(),
  ruleVersion: z.number(),
  inputs: z.record(z.string(), z.unknown()),
  status: z.enum(ALERT_STATUSES),
  openedAt: z.date(),
  updatedAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  acknowledgedByName: z.string().nullable(),
  acknowledgeNote: z.string().nullable(),
  resolvedAt: z.date().nullable(),
  resolvedByName: z.string().nullable(),
});

const ZStatusChange = z.object({ id: z.string(), status: z.enum(ALERT_STATUSES) });

const ZAlertCounts = z.object({
  total: z.number(),
  mine: z.number(),
  critical: z.number(),
  high: z.number(),
  medium: z.number(),
  low: z.number(),
});

export const ZGetAlertSummaryOutput = z.object({
  counts: ZAlertCounts,
  critical: z.array(
    z.object({
      id: z.string(),
      patientId: z.string(),
      patientName: z.string(),
      kind: z.string(),
      openedAt: z.date(),
    }),
  ),
});

export const ZAcknowledgeAlertInput = z.object({
  alertId: ZId,
  note: z.string().trim().max(500, "Keep the note to 500 characters or fewer.").default(""),
});

export const alertsRouter = router({
  list: staffProcedure
    .input(ZListAlertsInput)
    .output(
      z.object({
        rows: z.array(ZAlertRow),
        total: z.number(),
        page: z.number(),
        pageSize: z.number(),
        timeZone: z.string(),
      }),
    )
    .query(({ ctx, input }) => listAlerts({ scope: ctx.scope, input })),
  counts: staffProcedure
    .output(ZAlertCounts)
    .query(({ ctx }) => openAlertCounts({ scope: ctx.scope })),
  /** The menu's counts and the critical banner of every staff page, in one call. */
  summary: staffProcedure
    .output(ZGetAlertSummaryOutput)
    .query(({ ctx }) => openAlertSummary({ scope: ctx.scope })),
  acknowledge: staffProcedure
    .input(ZAcknowledgeAlertInput)
    .output(ZStatusChange)
    .mutation(({ ctx, input }) =>
      acknowledgeAlert({ scope: ctx.scope, alertId: input.alertId, note: input.note || null }),
    ),
  resolve: staffProcedure
    .input(z.object({ alertId: ZId }))
    .output(ZStatusChange)
    .mutation(({ ctx, input }) => resolveAlert({ scope: ctx.scope, alertId: input.alertId })),
});
