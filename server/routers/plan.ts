import { z } from "zod";
import { SIDES } from "@/db/schema/enums";
import { getProgress } from "@/server/services/plan/get-progress";
import { getTodayPlan } from "@/server/services/plan/get-today-plan";
import { patientProcedure, router } from "@/server/trpc";
import { ZExerciseFigureOutput, ZExerciseMediaOutput } from "./schemas";

const nullableScore = z.number().nullable();

/** The clinic's contact, on every patient page: who to call, and the emergency number. */
const ZClinicContact = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** What the emergency advice tells the patient to call, e.g. "999". */
  emergencyNumber: z.string(),
});

/** Only these fields leave the server for the patient: their plan, their answers, the clinic's contact. */
export const ZTodayPlanOutput = z.object({
  clinic: ZClinicContact,
  firstName: z.string(),
  today: z.string(),
  painLimit: z.number().nullable(),
  asks: z.object({
    morningPain: z.boolean(),
    safetyCheck: z.boolean(),
    exercisePain: z.boolean(),
    nothingAsked: z.boolean(),
  }),
  morningPainToday: nullableScore,
  exercisePainToday: nullableScore,
  /** While set, the advice comes first and the exercises are paused (CLINICAL.md, red-flag pause). */
  redFlagPause: z
    .object({
      level: z.enum(["emergency", "urgent"]),
      /** The first day after the pause, YYYY-MM-DD. */
      endsOn: z.string(),
    })
    .nullable(),
  /** How many more times this ISO week's safety check may be put off (0–2). */
  safetyCheckPostponesLeft: z.number().int().min(0).max(2),
  items: z.array(
    z.object({
      id: z.string(),
      exerciseId: z.string(),
      media: z.array(ZExerciseMediaOutput),
      figure: ZExerciseFigureOutput,
      /** The leg the drawing highlights: the prescribed one, both for a together exercise. */
      side: z.enum(SIDES),
      name: z.string(),
      summary: z.string(),
      steps: z.array(z.string()),
      whatToFeel: z.string(),
      stopIf: z.string(),
      cautions: z.array(z.string()),
      doseText: z.string(),
      sessionText: z.string(),
      frequencyText: z.string(),
      notes: z.string().nullable(),
      sets: z.number().nullable(),
      reps: z.number().nullable(),
      sessionsPerDay: z.number(),
      daysPerWeek: z.number(),
      today: z.object({
        asked: z.number(),
        doneToday: z.number(),
        skippedToday: z.number(),
        remaining: z.number(),
        restDay: z.boolean(),
        daysDoneThisWeek: z.number(),
      }),
    }),
  ),
});

export const ZProgressOutput = z.object({
  clinic: ZClinicContact,
  today: z.string(),
  programStart: z.string().nullable(),
  firstDay: z.boolean(),
  weekFrom: z.string(),
  week: z.object({ done: z.number(), asked: z.number() }),
  todayDone: z.number(),
  todayAsked: z.number(),
  days: z.array(z.object({ day: z.string(), morning: nullableScore, during: nullableScore })),
  weeks: z.array(
    z.object({
      weekStart: z.string(),
      morningMean: nullableScore,
      duringMean: nullableScore,
      sessionsDone: z.number(),
    }),
  ),
  encouragement: z.string(),
});

export const planRouter = router({
  today: patientProcedure
    .output(ZTodayPlanOutput)
    .query(({ ctx }) => getTodayPlan({ scope: ctx.patient })),
  progress: patientProcedure
    .output(ZProgressOutput)
    .query(({ ctx }) => getProgress({ scope: ctx.patient })),
});
