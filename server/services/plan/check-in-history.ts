import { and, asc, eq, gte, inArray, lte, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  alerts,
  checkIns,
  exerciseLogs,
  painReports,
  programItems,
  redFlagAnswers,
} from "@/db/schema";
import type { OpenRedFlag } from "@/server/domain/alert-rules";
import { dayInZone, type Day } from "@/server/domain/days";
import type { PatientScope } from "../scope";

/**
 * The patient's own check-ins between two days (inclusive), in the shapes the schedule and the
 * progress page read. Every query is bound to the scope's patient and clinic.
 */
export function readCheckInHistory(options: { scope: PatientScope; from: Day; to: Day }) {
  const { scope, from, to } = options;
  const db: DbOrTx = scope.db;
  const mine = and(
    eq(checkIns.patientId, scope.patientId),
    eq(checkIns.clinicId, scope.clinicId),
    gte(checkIns.day, from),
    lte(checkIns.day, to),
  );
  const pain = db
    .select({ day: painReports.day, context: painReports.context, score: painReports.score })
    .from(painReports)
    .innerJoin(checkIns, eq(checkIns.id, painReports.checkInId))
    .where(mine)
    .orderBy(asc(checkIns.submittedAt))
    .all();
  const sessions = db
    .select({
      day: checkIns.day,
      exerciseId: programItems.exerciseId,
      sessionsDone: exerciseLogs.sessionsDone,
    })
    .from(exerciseLogs)
    .innerJoin(checkIns, eq(checkIns.id, exerciseLogs.checkInId))
    .innerJoin(programItems, eq(programItems.id, exerciseLogs.programItemId))
    .where(mine)
    .all();
  const safety = db
    .select({
      checkInId: checkIns.id,
      day: checkIns.day,
      questionId: redFlagAnswers.questionId,
      answer: redFlagAnswers.answer,
    })
    .from(checkIns)
    .innerJoin(redFlagAnswers, eq(redFlagAnswers.checkInId, checkIns.id))
    .where(and(mine, eq(checkIns.kind, "safety")))
    .all();
  return { pain, sessions, safety };
}

const RED_FLAG_KINDS = {
  "red-flag-emergency": "emergency",
  "red-flag-urgent": "urgent",
} as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The patient's unresolved red-flag alerts (any rule version), each with its level and the day of
 * the latest yes it holds: the alert's own `day` input, or else the day it was last updated in
 * the patient's time zone (alerts raised before the day was recorded).
 */
export function readOpenRedFlags(options: {
  scope: PatientScope;
  timeZone: string;
}): OpenRedFlag[] {
  const { scope } = options;
  const rows = scope.db
    .select({ kind: alerts.kind, inputs: alerts.inputs, updatedAt: alerts.updatedAt })
    .from(alerts)
    .where(
      and(
        eq(alerts.patientId, scope.patientId),
        eq(alerts.clinicId, scope.clinicId),
        inArray(alerts.kind, Object.keys(RED_FLAG_KINDS)),
        ne(alerts.status, "resolved"),
      ),
    )
    .all();
  return rows.map((row) => {
    const day = row.inputs.day;
    return {
      level: RED_FLAG_KINDS[row.kind as keyof typeof RED_FLAG_KINDS],
      day:
        typeof day === "string" && DAY.test(day) ? day : dayInZone(row.updatedAt, options.timeZone),
    };
  });
}
