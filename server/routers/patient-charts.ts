import { z } from "zod";
import { CHECK_IN_KINDS, PAIN_CONTEXTS, SKIP_REASONS, VERSION_REASONS } from "@/db/schema/enums";
import { getCheckInLog } from "@/server/services/patient-charts/check-in-log";
import { exportCheckIns } from "@/server/services/patient-charts/check-ins-export";
import {
  CHART_RANGES,
  getPatientCharts,
} from "@/server/services/patient-charts/get-patient-charts";
import { router, staffProcedure } from "@/server/trpc";
import { ZId, ZPageInput } from "./schemas";

const score = z.number().nullable();
export const ZPatientChartsOutput = z.object({
  today: z.string(),
  from: z.string(),
  range: z.enum(CHART_RANGES),
  days: z.array(
    z.object({
      day: z.string(),
      morning: score,
      during: score,
      after: score,
      next_morning: score,
      limit: score,
    }),
  ),
  reportCount: z.number(),
  baseline: z.number().nullable(),
  weeks: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      adherence: z.number().nullable(),
      done: z.number(),
      expected: z.number(),
    }),
  ),
  versions: z.array(
    z.object({
      number: z.number(),
      reason: z.enum(VERSION_REASONS),
      note: z.string().nullable(),
      painLimit: z.number(),
      fromDay: z.string(),
    }),
  ),
});

export const ZCheckInLogOutput = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  rows: z.array(
    z.object({
      id: z.string(),
      day: z.string(),
      kind: z.enum(CHECK_IN_KINDS),
      submittedAt: z.date(),
      note: z.string().nullable(),
      versionNumber: z.number().nullable(),
      pain: z.array(z.object({ context: z.enum(PAIN_CONTEXTS), score: z.number() })),
      logs: z.array(
        z.object({
          exercise: z.string(),
          sessionsDone: z.number(),
          setsDone: z.number().nullable(),
          repsDone: z.number().nullable(),
          skippedReason: z.enum(SKIP_REASONS).nullable(),
        }),
      ),
      redFlagsYes: z.number(),
      redFlagsAsked: z.number(),
      redFlagsYesQuestions: z.array(
        z.object({ id: z.string(), set: z.number(), text: z.string() }),
      ),
    }),
  ),
});

export const ZExportRowsOutput = z.array(
  z.object({
    day: z.string(),
    submittedAt: z.date(),
    kind: z.enum(CHECK_IN_KINDS),
    row: z.enum(["pain", "session"]),
    context: z.enum(PAIN_CONTEXTS).nullable(),
    score: z.number().nullable(),
    exercise: z.string().nullable(),
    sessionsDone: z.number().nullable(),
    setsDone: z.number().nullable(),
    repsDone: z.number().nullable(),
    skippedReason: z.enum(SKIP_REASONS).nullable(),
    note: z.string().nullable(),
    versionNumber: z.number().nullable(),
  }),
);

export const patientChartsRouter = router({
  exportRows: staffProcedure
    .input(z.object({ patientId: ZId }))
    .output(ZExportRowsOutput)
    .query(({ ctx, input }) => exportCheckIns({ scope: ctx.scope, patientId: input.patientId })),
  charts: staffProcedure
    .input(z.object({ patientId: ZId, range: z.enum(CHART_RANGES).default("12w") }))
    .output(ZPatientChartsOutput)
    .query(({ ctx, input }) =>
      getPatientCharts({ scope: ctx.scope, patientId: input.patientId, range: input.range }),
    ),
  checkInLog: staffProcedure
    .input(z.object({ patientId: ZId, ...ZPageInput }))
    .output(ZCheckInLogOutput)
    .query(({ ctx, input }) => getCheckInLog({ scope: ctx.scope, ...input })),
});
