import { aliasedTable, and, asc, between, desc, eq, exists, sql } from "drizzle-orm";
import { checkIns, exerciseLogs, painReports, programItems, redFlagAnswers } from "@/db/schema";
import type { Db } from "@/db/engine/types";
import type { PainContext } from "@/db/schema/enums";
import { minePrepared } from "@/server/data/clinic-data";
import type { Day } from "@/server/domain/days";
import { perConnection, placeholder as p } from "../prepared";
import type { PatientScope } from "../scope";

/** One pain context on one day: the last score the patient gave and the highest. */
export interface DayPain {
  day: Day;
  context: PainContext;
  /** The score of the latest answer (by when the patient tapped). */
  latest: number;
  highest: number;
}

/** One exercise on one day: how many logs said done, how many skipped, and the sessions done. */
export interface DaySessions {
  day: Day;
  exerciseId: string;
  doneLogs: number;
  skippedLogs: number;
  sessionsDone: number;
}

/** The history's reads, prepared once per connection: every visit to /p runs them. */
const statements = perConnection((db) => {
  const mine = minePrepared(
    checkIns,
    eq(checkIns.patientId, p("patientId")),
    between(checkIns.day, p("from"), p("to")),
  );
  // Pain reports carry the patient and the day themselves: filtering on those columns reads only
  // this patient's window through pain_reports_patient_day_score_idx, in (day, context) order.
  // The latest score of a day and context needs the check-ins' tap times, so it is looked up only
  // where that day and context hold more than one answer: nearly every group has one, and its
  // score is both the latest and the highest (0.6 ms for five weeks against 1.3 with window
  // functions over every report, issue 11).
  const later = aliasedTable(painReports, "later");
  const latestOfGroup = db
    .select({ score: later.score })
    .from(later)
    .innerJoin(checkIns, eq(checkIns.id, later.checkInId))
    .where(
      minePrepared(
        later,
        eq(later.patientId, p("patientId")),
        eq(later.day, painReports.day),
        eq(later.context, painReports.context),
      ),
    )
    .orderBy(desc(checkIns.submittedAt), desc(later.id))
    .limit(1);
  return {
    pain: db
      .select({
        day: painReports.day,
        context: painReports.context,
        latest:
          sql`case when count(*) = 1 then max(${painReports.score}) else (${latestOfGroup}) end`.mapWith(
            Number,
          ),
        highest: sql`max(${painReports.score})`.mapWith(Number),
      })
      .from(painReports)
      .where(
        minePrepared(
          painReports,
          eq(painReports.patientId, p("patientId")),
          between(painReports.day, p("from"), p("to")),
        ),
      )
      .groupBy(painReports.day, painReports.context)
      .orderBy(asc(painReports.day), asc(painReports.context))
      .prepare("check_in_history_pain"),
    sessions: db
      .select({
        day: checkIns.day,
        exerciseId: programItems.exerciseId,
        doneLogs: sql`count(*) filter (where ${exerciseLogs.sessionsDone} > 0)`.mapWith(Number),
        skippedLogs: sql`count(*) filter (where ${exerciseLogs.sessionsDone} = 0)`.mapWith(Number),
        sessionsDone: sql`coalesce(sum(${exerciseLogs.sessionsDone}), 0)`.mapWith(Number),
      })
      .from(checkIns)
      .innerJoin(exerciseLogs, eq(exerciseLogs.checkInId, checkIns.id))
      .innerJoin(programItems, eq(programItems.id, exerciseLogs.programItemId))
      .where(mine)
      .groupBy(checkIns.day, programItems.exerciseId)
      .orderBy(asc(checkIns.day), asc(programItems.exerciseId))
      .prepare("check_in_history_sessions"),
    // A safety check counts once it holds answers; only its day matters to the schedule.
    safetyDays: db
      .selectDistinct({ day: checkIns.day })
      .from(checkIns)
      .where(
        and(
          mine,
          eq(checkIns.kind, "safety"),
          exists(
            db
              .select({ one: sql`1` })
              .from(redFlagAnswers)
              .where(eq(redFlagAnswers.checkInId, checkIns.id)),
          ),
        ),
      )
      .orderBy(asc(checkIns.day))
      .prepare("check_in_history_safety_days"),
  };
});

/**
 * The patient's own check-ins between two days (inclusive), summed up per day in SQL, so the
 * patient's pages read at most one row per day and context or exercise, however many answers
 * were sent (issue 11). Every query is bound to the scope's patient and clinic and reads through
 * the (patient_id, day) indexes of `pain_reports` and `check_ins`; `db` is the caller's read.
 */
export async function readCheckInHistory(options: {
  db: Db;
  scope: PatientScope;
  from: Day;
  to: Day;
}): Promise<{ pain: DayPain[]; sessions: DaySessions[] }> {
  const { db, scope, from, to } = options;
  const q = statements(db);
  const values = scope.data.bind({ patientId: scope.patientId, from, to });
  const pain = await q.pain.execute(values);
  const sessions = await q.sessions.execute(values);
  return { pain, sessions };
}

/**
 * The days between two (inclusive) on which the patient answered a safety check. Only the plan
 * page asks: it reads every check-in row of the window for its kind, which over the progress
 * page's twelve weeks cost 2.5 ms after a commit for nothing that page shows (issue 11).
 */
export async function readSafetyCheckDays(options: {
  db: Db;
  scope: PatientScope;
  from: Day;
  to: Day;
}): Promise<Day[]> {
  const { db, scope, from, to } = options;
  const rows = await statements(db).safetyDays.execute(
    scope.data.bind({ patientId: scope.patientId, from, to }),
  );
  return rows.map((row) => row.day);
}

/**
 * The logs of a day's summary one by one, as the schedule counts them: one done entry per log
 * that said done and one skipped entry per log that said skipped.
 */
export function loggedSessions(sessions: readonly DaySessions[]) {
  return sessions.flatMap((s) => [
    ...Array.from({ length: s.doneLogs }, () => ({ key: s.exerciseId, day: s.day, done: true })),
    ...Array.from({ length: s.skippedLogs }, () => ({
      key: s.exerciseId,
      day: s.day,
      done: false,
    })),
  ]);
}

/**
 * The day's pain as points for `dailyPain`, which takes a day's last morning score and its
 * highest during score: the highest, then the latest, carry both.
 */
export function painPoints(pain: readonly DayPain[]) {
  return pain.flatMap((p) => [
    { day: p.day, context: p.context, score: p.highest },
    { day: p.day, context: p.context, score: p.latest },
  ]);
}
