import { z } from "zod";
import {
  CONDITIONS,
  GOAL_STATUSES,
  PATIENT_STATUSES,
  SIDES,
  VERSION_REASONS,
} from "@/db/schema/enums";
import { ZClosingNote } from "@/lib/schemas/goals-notes";
import {
  dischargeWithSummary,
  listDischargeSummaries,
} from "@/server/services/discharge/discharge";
import { getDischargeSummary } from "@/server/services/discharge/summary";
import { router, staffProcedure } from "@/server/trpc";
import { ZId } from "./schemas";

export const ZDischargeInput = z.object({ patientId: ZId, closingNote: ZClosingNote });
export const ZDischargeOutput = z.object({ id: z.string(), summaryId: z.string() });
export const ZListSummariesInput = z.object({ patientId: ZId });
export const ZGetSummaryInput = z.object({ patientId: ZId, summaryId: ZId.optional() });

export const ZListSummariesOutput = z.object({
  summaries: z.array(
    z.object({ id: z.string(), episodeStartedAt: z.date(), dischargedAt: z.date() }),
  ),
  timeZone: z.string(),
  /** Whether the patient is on the caseload now: goals are set only then. */
  active: z.boolean(),
});

const nullableNumber = z.number().nullable();

export const ZGetSummaryOutput = z
  .object({
    clinic: z.object({
      name: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    }),
    patient: z.object({
      id: z.string(),
      displayName: z.string(),
      yearOfBirth: z.number().int(),
      condition: z.enum(CONDITIONS),
      affectedSide: z.enum(SIDES),
      status: z.enum(PATIENT_STATUSES),
      timeZone: z.string(),
      primaryClinicianName: z.string(),
    }),
    summary: z.object({
      id: z.string(),
      authorName: z.string(),
      closingNote: z.string(),
      dischargedAt: z.date(),
      startDay: z.string(),
      dischargeDay: z.string(),
    }),
    versions: z.array(
      z.object({
        number: z.number().int(),
        reason: z.enum(VERSION_REASONS),
        note: z.string().nullable(),
        fromDay: z.string(),
        toDay: z.string(),
        days: z.number().int(),
        authorName: z.string(),
      }),
    ),
    adherence: z
      .object({
        from: z.string(),
        to: z.string(),
        days: z.number().int(),
        expected: z.number(),
        done: z.number(),
        sessionAdherence: nullableNumber,
        doseAdherence: nullableNumber,
      })
      .nullable(),
    pain: z.object({
      baseline: nullableNumber,
      end: nullableNumber,
      endFrom: z.string(),
      endTo: z.string(),
      change: nullableNumber,
      improved: z.boolean(),
      worsened: z.boolean(),
      morningReports: z.number().int(),
    }),
    outcomes: z.array(
      z.object({
        measureId: z.string(),
        name: z.string(),
        interpretation: z.enum(["change", "rating"]),
        direction: z.enum(["higher-is-better", "lower-is-better"]),
        threshold: z.number(),
        thresholdSource: z.string(),
        responses: z.number().int(),
        firstScore: z.number(),
        firstDay: z.string(),
        lastScore: z.number(),
        lastDay: z.string(),
        change: nullableNumber,
        meaningful: z.boolean(),
      }),
    ),
    goals: z.object({
      tally: z.object({
        set: z.number().int(),
        met: z.number().int(),
        notMet: z.number().int(),
        open: z.number().int(),
        dropped: z.number().int(),
      }),
      rows: z.array(
        z.object({
          id: z.string(),
          what: z.string(),
          measure: z.string(),
          target: z.string(),
          targetDay: z.string(),
          status: z.enum(GOAL_STATUSES),
          statusChangedAt: z.date(),
        }),
      ),
    }),
    preparedAt: z.date(),
  })
  .nullable();

/** Discharge with a closing note, and the printable summary of the episode (issue 15, part 4). */
export const dischargeRouter = router({
  discharge: staffProcedure
    .input(ZDischargeInput)
    .output(ZDischargeOutput)
    .mutation(({ ctx, input }) =>
      dischargeWithSummary({
        scope: ctx.scope,
        patientId: input.patientId,
        closingNote: input.closingNote,
      }),
    ),
  list: staffProcedure
    .input(ZListSummariesInput)
    .output(ZListSummariesOutput)
    .query(({ ctx, input }) =>
      listDischargeSummaries({ scope: ctx.scope, patientId: input.patientId }),
    ),
  summary: staffProcedure
    .input(ZGetSummaryInput)
    .output(ZGetSummaryOutput)
    .query(({ ctx, input }) =>
      getDischargeSummary({
        scope: ctx.scope,
        patientId: input.patientId,
        ...(input.summaryId ? { summaryId: input.summaryId } : {}),
      }),
    ),
});
