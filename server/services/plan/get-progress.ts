import { and, eq, min } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { checkIns, patients, programVersions } from "@/db/schema";
import { itemsToday, weekStart } from "@/server/domain/check-in-schedule";
import { dayInZone, type Day } from "@/server/domain/days";
import {
  chartStart,
  countedWeek,
  dailyPain,
  encouragement,
  weekSessions,
  weeklySummaries,
} from "@/server/domain/patient-progress";
import { NotFoundError } from "../errors";
import { getCurrentProgram } from "../programs/get-current-program";
import { perConnection, placeholder as p } from "../prepared";
import type { PatientScope } from "../scope";
import { loggedSessions, painPoints, readCheckInHistory } from "./check-in-history";

/** How many ISO weeks the patient's chart shows at most, this one included. */
const WEEKS_SHOWN = 8;

/** The page's own reads, prepared once per connection. */
const statements = perConnection((db) => ({
  patient: db
    .select({ timeZone: patients.timeZone, clinicId: patients.clinicId })
    .from(patients)
    .where(eq(patients.id, p("patientId")))
    .prepare(),
  firstVersion: db
    .select({ effectiveFrom: min(programVersions.effectiveFrom) })
    .from(programVersions)
    .where(eq(programVersions.programId, p("programId")))
    .prepare(),
  firstAnswer: db
    .select({ day: min(checkIns.day) })
    .from(checkIns)
    .innerJoin(programVersions, eq(programVersions.id, checkIns.versionId))
    .where(
      and(eq(checkIns.patientId, p("patientId")), eq(programVersions.programId, p("programId"))),
    )
    .prepare(),
}));

/**
 * The first day of the patient's active program in their time zone: the day its first version
 * took effect, or the day of the earliest answer given on it if that is earlier (history brought
 * in from before the program was entered).
 */
function programStartDay(options: {
  db: DbOrTx;
  patientId: string;
  programId: string;
  timeZone: string;
}): Day | null {
  const q = statements(options.db);
  const first = q.firstVersion.get({ programId: options.programId });
  if (!first?.effectiveFrom) return null;
  const effective = dayInZone(first.effectiveFrom, options.timeZone);
  const answered = q.firstAnswer.get({
    patientId: options.patientId,
    programId: options.programId,
  });
  return answered?.day && answered.day < effective ? answered.day : effective;
}

/** The patient's own week and pain over the weeks; only their own answers. */
export function getProgress(options: { scope: PatientScope; now?: Date }) {
  const { scope } = options;
  const patient = statements(scope.db).patient.get({ patientId: scope.patientId });
  if (!patient || patient.clinicId !== scope.clinicId) throw new NotFoundError("Your plan");
  const today = dayInZone(options.now ?? new Date(), patient.timeZone);
  const program = getCurrentProgram({
    db: scope.db,
    clinicId: scope.clinicId,
    patientId: scope.patientId,
  });
  const programStart = program
    ? programStartDay({
        db: scope.db,
        patientId: scope.patientId,
        programId: program.version.programId,
        timeZone: patient.timeZone,
      })
    : null;
  const from = chartStart({ today, programStart, weeksShown: WEEKS_SHOWN });
  const week = countedWeek({ today, programStart });
  // From Monday at least, so "today" is worked out exactly as on the plan page.
  const history = readCheckInHistory({
    scope,
    from: [from, weekStart(today)].sort()[0]!,
    to: today,
  });
  const items = (program?.items ?? []).map((i) => ({
    key: i.exercise.id,
    sessionsPerDay: i.sessionsPerDay,
    daysPerWeek: i.daysPerWeek,
  }));
  const weekCount = weekSessions({
    items,
    days: week.days,
    sessions: history.sessions
      .filter((s) => s.day >= week.from)
      .map((s) => ({ key: s.exerciseId, sessionsDone: s.sessionsDone })),
  });
  // Today's asks read only this week's logs: passing the weeks of the chart too would only make
  // every log of them be checked and dropped.
  const monday = weekStart(today);
  const todays = itemsToday({
    today,
    items,
    logs: loggedSessions(history.sessions.filter((s) => s.day >= monday)),
  });
  const days = dailyPain({ from, to: today, pain: painPoints(history.pain) });
  const weeks = weeklySummaries({ days, sessions: history.sessions });
  return {
    today,
    programStart,
    /** The program began today: the page shows today's sessions, not a week's. */
    firstDay: programStart === today,
    /** The first day this week's count covers (Monday, or the program's first day). */
    weekFrom: week.from,
    week: weekCount,
    todayDone: todays.reduce((n, i) => n + Math.min(i.doneToday, i.asked), 0),
    todayAsked: todays.reduce((n, i) => n + i.asked, 0),
    days,
    weeks,
    encouragement: encouragement({ week: weekCount, weeks }),
  };
}
