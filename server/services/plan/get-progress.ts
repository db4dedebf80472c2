import { and, eq, min } from "drizzle-orm";
import type { Db } from "@/db/engine/types";
import { checkIns, patients, programVersions } from "@/db/schema";
import { minePrepared } from "@/server/data/clinic-data";
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
import { readClinicContact } from "../clinic/clinic-details";
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
    .select({ timeZone: patients.timeZone })
    .from(patients)
    .where(minePrepared(patients, eq(patients.id, p("patientId"))))
    .limit(1)
    .prepare("progress_patient"),
  firstVersion: db
    .select({ effectiveFrom: min(programVersions.effectiveFrom) })
    .from(programVersions)
    .where(eq(programVersions.programId, p("programId")))
    .prepare("progress_first_version"),
  firstAnswer: db
    .select({ day: min(checkIns.day) })
    .from(checkIns)
    .innerJoin(programVersions, eq(programVersions.id, checkIns.versionId))
    .where(
      and(eq(checkIns.patientId, p("patientId")), eq(programVersions.programId, p("programId"))),
    )
    .prepare("progress_first_answer"),
}));

/**
 * The first day of the patient's active program in their time zone: the day its first version
 * took effect, or the day of the earliest answer given on it if that is earlier (history brought
 * in from before the program was entered).
 */
async function programStartDay(options: {
  db: Db;
  patientId: string;
  programId: string;
  timeZone: string;
}): Promise<Day | null> {
  const q = statements(options.db);
  const [first] = await q.firstVersion.execute({ programId: options.programId });
  if (!first?.effectiveFrom) return null;
  const effective = dayInZone(first.effectiveFrom, options.timeZone);
  const [answered] = await q.firstAnswer.execute({
    patientId: options.patientId,
    programId: options.programId,
  });
  return answered?.day && answered.day < effective ? answered.day : effective;
}

/** The patient's own week and pain over the weeks; only their own answers. */
export async function getProgress(options: { scope: PatientScope; now?: Date }) {
  const { scope } = options;
  // One read: on PostgreSQL one transaction for the page's statements, not one each.
  const { clinic, today, program, programStart, from, history } = await scope.data.read(
    async (db) => {
      const [patient] = await statements(db).patient.execute(
        scope.data.bind({ patientId: scope.patientId }),
      );
      if (!patient) throw new NotFoundError("Your plan");
      // The page's header and footer: read here so the page needs no second procedure for them.
      const clinic = await readClinicContact(db, scope.data.clinicId);
      if (!clinic) throw new NotFoundError("Your clinic");
      const today = dayInZone(options.now ?? new Date(), patient.timeZone);
      const program = await getCurrentProgram({
        db,
        clinicId: scope.data.clinicId,
        patientId: scope.patientId,
      });
      const programStart = program
        ? await programStartDay({
            db,
            patientId: scope.patientId,
            programId: program.version.programId,
            timeZone: patient.timeZone,
          })
        : null;
      const from = chartStart({ today, programStart, weeksShown: WEEKS_SHOWN });
      // From Monday at least, so "today" is worked out exactly as on the plan page.
      const history = await readCheckInHistory({
        db,
        scope,
        from: [from, weekStart(today)].sort()[0]!,
        to: today,
      });
      return { clinic, today, program, programStart, from, history };
    },
  );
  const week = countedWeek({ today, programStart });
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
    clinic,
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
