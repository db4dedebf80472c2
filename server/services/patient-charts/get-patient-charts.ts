import { and, asc, between, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  checkIns,
  exerciseLogs,
  painReports,
  patients,
  programItems,
  programs,
  programVersions,
} from "@/db/schema";
import type { PainContext } from "@/db/schema/enums";
import { CHART_RANGES, type ChartRange } from "@/lib/chart-ranges";
import { adherence } from "@/server/domain/adherence";
import type { ExerciseSession, ItemSchedule } from "@/server/domain/clinical-types";
import { addDays, dayInZone, daysBetween, type Day } from "@/server/domain/days";
import { baselinePain } from "@/server/domain/pain";
import { scheduleItems, versionOn } from "@/server/domain/timeline";
import { NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";

export { CHART_RANGES, type ChartRange };
const RANGE_DAYS: Record<Exclude<ChartRange, "all">, number> = { "4w": 28, "12w": 84 };

export interface ChartDay {
  day: Day;
  morning: number | null;
  during: number | null;
  after: number | null;
  next_morning: number | null;
  /** The pain limit of the version in force that day; null before the program. */
  limit: number | null;
}

export interface ChartWeek {
  from: Day;
  to: Day;
  /** A over the 7 days; null when nothing was expected (not zero). */
  adherence: number | null;
  done: number;
  expected: number;
}

const p = (name: string) => sql.placeholder(name);

/** Every statement of the chart query, prepared once per connection with placeholders. */
function prepareStatements(db: DbOrTx) {
  const mine = and(
    eq(painReports.patientId, p("patientId")),
    eq(painReports.clinicId, p("clinicId")),
  );
  return {
    patient: db
      .select({ timeZone: patients.timeZone })
      .from(patients)
      .where(and(eq(patients.id, p("patientId")), eq(patients.clinicId, p("clinicId"))))
      .prepare(),
    // The current program, or the last one for a discharged patient.
    program: db
      .select({ id: programs.id })
      .from(programs)
      .where(and(eq(programs.patientId, p("patientId")), eq(programs.clinicId, p("clinicId"))))
      .orderBy(sql`${programs.status} = 'active' desc`, sql`${programs.createdAt} desc`)
      .limit(1)
      .prepare(),
    versions: db
      .select({
        id: programVersions.id,
        number: programVersions.number,
        reason: programVersions.reason,
        note: programVersions.note,
        painLimit: programVersions.painLimit,
        effectiveFrom: programVersions.effectiveFrom,
      })
      .from(programVersions)
      .where(eq(programVersions.programId, p("programId")))
      .orderBy(asc(programVersions.number))
      .prepare(),
    points: db
      .select({
        day: painReports.day,
        context: painReports.context,
        score: sql<number>`max(${painReports.score})`,
      })
      .from(painReports)
      .where(and(mine, between(painReports.day, p("from"), p("to"))))
      .groupBy(painReports.day, painReports.context)
      .prepare(),
    firstWeek: db
      .select({ day: painReports.day, context: painReports.context, score: painReports.score })
      .from(painReports)
      .where(
        and(mine, eq(painReports.context, "morning"), between(painReports.day, p("from"), p("to"))),
      )
      .prepare(),
    items: db
      .select({
        itemId: programItems.id,
        versionId: programItems.versionId,
        // On the day a version changes, a session counts for the same exercise in either version.
        exerciseId: programItems.exerciseId,
        sessionsPerDay: programItems.sessionsPerDay,
        daysPerWeek: programItems.daysPerWeek,
        sets: programItems.sets,
        reps: programItems.reps,
      })
      .from(programItems)
      .innerJoin(programVersions, eq(programVersions.id, programItems.versionId))
      .where(eq(programVersions.programId, p("programId")))
      .prepare(),
    sessions: db
      .select({
        day: checkIns.day,
        itemId: exerciseLogs.programItemId,
        sessionsDone: exerciseLogs.sessionsDone,
        setsDone: exerciseLogs.setsDone,
        repsDone: exerciseLogs.repsDone,
        skippedReason: exerciseLogs.skippedReason,
      })
      .from(checkIns)
      .innerJoin(exerciseLogs, eq(exerciseLogs.checkInId, checkIns.id))
      .where(
        and(
          eq(checkIns.patientId, p("patientId")),
          eq(checkIns.clinicId, p("clinicId")),
          between(checkIns.day, p("from"), p("to")),
        ),
      )
      .prepare(),
  };
}

const prepared = new WeakMap<object, ReturnType<typeof prepareStatements>>();
function statementsFor(db: DbOrTx) {
  let statements = prepared.get(db);
  if (!statements) {
    statements = prepareStatements(db);
    prepared.set(db, statements);
  }
  return statements;
}

/**
 * Everything the patient's charts draw, for one range: one point per day and pain context (the
 * worst report of that context on that day) from the range's first day or the program's, whichever
 * is later; the pain limit of each day's version; the baseline; session adherence per 7-day block
 * ending yesterday; and where each version began. Clinic-scoped: another clinic's patient is not
 * found. Reads only the range's rows, grouped in SQL.
 */
export function getPatientCharts(options: {
  scope: ClinicScope;
  patientId: string;
  range: ChartRange;
  now?: Date;
}) {
  const { scope, patientId } = options;
  const q = statementsFor(scope.db);
  const ids = { patientId, clinicId: scope.clinicId };
  const patient = q.patient.get(ids);
  if (!patient) throw new NotFoundError("That patient");
  const today = dayInZone(options.now ?? new Date(), patient.timeZone);
  const program = q.program.get(ids);
  const versionRows = program ? q.versions.all({ programId: program.id }) : [];
  const versions = versionRows.map((v) => ({
    number: v.number,
    reason: v.reason,
    note: v.note,
    painLimit: v.painLimit,
    fromDay: dayInZone(v.effectiveFrom, patient.timeZone),
  }));
  const startDay = versions[0]?.fromDay ?? today;
  // A range never reaches back before the program began: those weeks would only be empty.
  const rangeFrom =
    options.range === "all" ? startDay : addDays(today, -(RANGE_DAYS[options.range] - 1));
  const from =
    versions.length > 0 && startDay > rangeFrom && startDay <= today
      ? startDay
      : rangeFrom < today
        ? rangeFrom
        : addDays(today, -27);

  const grouped = q.points.all({ ...ids, from, to: today });
  const byDay = new Map<Day, Partial<Record<PainContext, number>>>();
  for (const r of grouped) byDay.set(r.day, { ...byDay.get(r.day), [r.context]: r.score });

  const days: ChartDay[] = [];
  const length = daysBetween(from, today) + 1;
  for (let i = 0; i < length; i++) {
    const day = addDays(from, i);
    const r = byDay.get(day) ?? {};
    days.push({
      day,
      morning: r.morning ?? null,
      during: r.during ?? null,
      after: r.after ?? null,
      next_morning: r.next_morning ?? null,
      limit: versionOn(versions, day)?.painLimit ?? null,
    });
  }

  const firstWeek =
    versions.length > 0
      ? q.firstWeek.all({ ...ids, from: startDay, to: addDays(startDay, 6) })
      : [];
  const baseline = versions.length > 0 ? (baselinePain(firstWeek, startDay) ?? null) : null;

  let weeks: ChartWeek[] = [];
  if (program && versionRows.length > 0) {
    const itemRows = q.items.all({ programId: program.id });
    const items = scheduleItems(
      versions.map((v, i) => ({
        ...v,
        items: itemRows
          .filter((r) => r.versionId === versionRows[i]!.id)
          .map(({ versionId: _, ...item }) => item),
      })),
    );
    const sessions: ExerciseSession[] = q.sessions
      .all({ ...ids, from: addDays(from, -6), to: addDays(today, -1) })
      .map(({ skippedReason, ...s }) => ({ ...s, skipped: skippedReason !== null }));
    weeks = weeklyAdherence({ items, sessions, from, today });
  }

  return {
    today,
    from,
    range: options.range,
    days,
    reportCount: grouped.length,
    baseline,
    weeks,
    versions,
  };
}

/** A per 7-day block, the last block ending yesterday, back to the range's first day. */
function weeklyAdherence(options: {
  items: ItemSchedule[];
  sessions: ExerciseSession[];
  from: Day;
  today: Day;
}): ChartWeek[] {
  const { items, sessions, from, today } = options;
  // Bucket the logs by day once, so each week reads only its own seven days.
  const byDay = new Map<Day, ExerciseSession[]>();
  for (const s of sessions) {
    const list = byDay.get(s.day);
    if (list) list.push(s);
    else byDay.set(s.day, [s]);
  }
  const weeks: ChartWeek[] = [];
  for (let end = addDays(today, -1); end >= from; end = addDays(end, -7)) {
    const start = addDays(end, -6);
    const inWeek: ExerciseSession[] = [];
    for (let d = 0; d < 7; d++) inWeek.push(...(byDay.get(addDays(start, d)) ?? []));
    const a = adherence({ items, sessions: inWeek, today: addDays(end, 1), days: 7 });
    weeks.push({
      from: start,
      to: end,
      adherence: a.sessionAdherence ?? null,
      done: a.done,
      expected: a.expected,
    });
  }
  return weeks.reverse();
}
