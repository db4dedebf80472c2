import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { checkIns, exerciseLogs, painReports, programItems, redFlagAnswers } from "@/db/schema";
import type { Day } from "@/server/domain/days";
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
