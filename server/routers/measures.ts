import { z } from "zod";
import { VERSION_REASONS } from "@/db/schema/enums";
import { SCHEDULE_KINDS } from "@/lib/measures/kinds";
import { answerMeasure } from "@/server/services/measures/answer";
import { listDueMeasures } from "@/server/services/measures/due";
import { getPatientMeasures } from "@/server/services/measures/patient-measures";
import {
  cancelMeasureSchedule,
  scheduleMeasure,
  setMeasureActivities,
} from "@/server/services/measures/schedule";
import { patientProcedure, router, staffProcedure } from "@/server/trpc";
import { answerProcedure } from "./check-ins";
import { ZId } from "./schemas";

const ZDay = z.iso.date({ message: "Choose a day." });
const ZMeasureId = z.string().min(1).max(64);

export const ZScheduleMeasureInput = z
  .object({
    patientId: ZId,
    measureId: ZMeasureId,
    kind: z.enum(SCHEDULE_KINDS),
    everyWeeks: z
      .number({ message: "Say every how many weeks, from 1 to 52." })
      .int()
      .min(1, "Every 1 week at least.")
      .max(52, "Every 52 weeks at most.")
      .nullish(),
    firstDay: ZDay.nullish(),
  })
  .refine((v) => v.kind !== "interval" || (v.everyWeeks ?? null) !== null, {
    message: "Say every how many weeks, from 1 to 52.",
    path: ["everyWeeks"],
  });

export const ZCancelMeasureInput = z.object({ patientId: ZId, scheduleId: ZId });

export const ZSetMeasureActivitiesInput = z.object({
  patientId: ZId,
  measureId: ZMeasureId,
  activities: z
    .array(
      z
        .string()
        .trim()
        .max(120, "Keep each activity under 120 characters: a few words, such as 'climb stairs'."),
    )
    .max(10),
});

export const ZAnswerMeasureInput = z.object({
  idempotencyKey: z.uuid({ message: "This answer has no valid key. Please tap again." }),
  tappedAt: z.coerce.date().optional(),
  scheduleId: ZId,
  occurrenceDay: ZDay,
  answers: z
    .array(
      z.object({ itemId: z.string().min(1).max(64), value: z.number().int().min(-100).max(100) }),
    )
    .min(1, "Please answer every question.")
    .max(50),
});

const ZAnswerOption = z.object({ value: z.number(), label: z.string() });
const ZFormItem = z.object({
  id: z.string(),
  text: z.string(),
  answer: z.discriminatedUnion("type", [
    z.object({
      type: z.literal("scale"),
      min: z.number(),
      max: z.number(),
      minLabel: z.string(),
      maxLabel: z.string(),
    }),
    z.object({ type: z.literal("choice"), options: z.array(ZAnswerOption) }),
  ]),
});

export const ZDueMeasuresOutput = z.object({
  today: z.string(),
  due: z.array(
    z.object({
      scheduleId: z.string(),
      occurrenceDay: z.string(),
      measureId: z.string(),
      name: z.string(),
      shortName: z.string(),
      instructions: z.string(),
      items: z.array(ZFormItem),
    }),
  ),
});

const ZSummary = z.object({
  measureId: z.string(),
  name: z.string(),
  shortName: z.string(),
  direction: z.enum(["higher-is-better", "lower-is-better"]),
  interpretation: z.enum(["change", "rating"]),
  threshold: z.number(),
  thresholdSource: z.string(),
  responses: z.number(),
  first: z.object({ score: z.number(), day: z.string() }),
  last: z.object({ score: z.number(), day: z.string() }),
  change: z.number().nullable(),
  improvement: z.number().nullable(),
  meaningful: z.boolean(),
});

const ZActivity = z.object({ id: z.string(), text: z.string(), position: z.number() });

export const ZPatientMeasuresOutput = z.object({
  today: z.string(),
  active: z.boolean(),
  measures: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      shortName: z.string(),
      summary: z.string(),
      schedule: z.array(z.enum(SCHEDULE_KINDS)),
      patientSpecific: z.object({ minItems: z.number(), maxItems: z.number() }).nullable(),
      scoring: z.object({
        method: z.enum(["mean", "sum", "single"]),
        min: z.number(),
        max: z.number(),
        decimals: z.number(),
      }),
      direction: z.enum(["higher-is-better", "lower-is-better"]),
      interpretation: z.object({ kind: z.enum(["change", "rating"]), threshold: z.number() }),
      thresholdSource: z.string(),
      licenceNote: z.string(),
    }),
  ),
  activities: z.record(z.string(), z.array(ZActivity)),
  schedules: z.array(
    z.object({
      id: z.string(),
      measureId: z.string(),
      kind: z.enum(SCHEDULE_KINDS),
      everyWeeks: z.number().nullable(),
      firstDay: z.string(),
      cancelledDay: z.string().nullable(),
      dueDay: z.string().nullable(),
      nextDay: z.string().nullable(),
    }),
  ),
  responses: z.array(
    z.object({
      id: z.string(),
      measureId: z.string(),
      day: z.string(),
      submittedAt: z.date(),
      score: z.number(),
      versionNumber: z.number().nullable(),
      answers: z.array(z.object({ itemText: z.string(), value: z.number() })),
    }),
  ),
  versions: z.array(
    z.object({ number: z.number(), reason: z.enum(VERSION_REASONS), fromDay: z.string() }),
  ),
  summaries: z.array(ZSummary),
});

/** Outcome measures (issue 15): clinicians schedule and read; the patient answers what is due. */
export const measuresRouter = router({
  forPatient: staffProcedure
    .input(z.object({ patientId: ZId }))
    .output(ZPatientMeasuresOutput)
    .query(({ ctx, input }) =>
      getPatientMeasures({ scope: ctx.scope, patientId: input.patientId }),
    ),
  schedule: staffProcedure
    .input(ZScheduleMeasureInput)
    .output(z.object({ scheduleId: z.string(), firstDay: z.string() }))
    .mutation(({ ctx, input }) => scheduleMeasure({ scope: ctx.scope, input })),
  cancel: staffProcedure
    .input(ZCancelMeasureInput)
    .output(z.object({ scheduleId: z.string() }))
    .mutation(({ ctx, input }) => cancelMeasureSchedule({ scope: ctx.scope, input })),
  setActivities: staffProcedure
    .input(ZSetMeasureActivitiesInput)
    .output(z.object({ activities: z.array(ZActivity) }))
    .mutation(({ ctx, input }) => setMeasureActivities({ scope: ctx.scope, input })),
  due: patientProcedure
    .output(ZDueMeasuresOutput)
    .query(({ ctx }) => listDueMeasures({ scope: ctx.patient })),
  answer: answerProcedure
    .input(ZAnswerMeasureInput)
    .output(z.object({ responseId: z.string(), day: z.string(), measureId: z.string() }))
    .mutation(({ ctx, input }) => answerMeasure({ scope: ctx.patient, input })),
});
