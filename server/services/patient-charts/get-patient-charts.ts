import { and, asc, between, desc, eq, max, sql } from "drizzle-orm";
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
import { minePrepared } from "@/server/data/clinic-data";
import { adherence } from "@/server/domain/adherence";
import type { ExerciseSession, ItemSchedule } from "@/server/domain/clinical-types";
import { addDays, dayInZone, daysBetween, type Day } from "@/server/domain/days";
import { baselinePain } from "@/server/domain/pain";
import { scheduleItems, versionOn } from "@/server/domain/timeline";
import { NotFoundError } from "../errors";
import { perConnection, placeholder as p } from "../prepared";
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

/** Every statement of the chart query, prepared once per connection with placeholders. */
const statements = perConnection((db) => {
  const mine = minePrepared(painReports, eq(painReports.patientId, p("patientId")));
  return {
    // The patient's time zone with their current program, or the last one for a discharged
    // patient (none: a null id). No row when the patient is not this clinic's: one statement is
    // both the NOT_FOUND check and the program's lookup.
    patient: db
      .select({ timeZone: patients.timeZone, programId: programs.id })
      .from(patients)
      .leftJoin(
        programs,
        and(eq(programs.patientId, patients.id), eq(programs.clinicId, patients.clinicId)),
      )
      .where(minePrepared(patients, eq(patients.id, p("patientId"))))
      .orderBy(
        sql`case when ${programs.status} = 'active' then 0 else 1 end`,
        desc(programs.createdAt),
      )
      .limit(1)
      .prepare("patient_charts_patient"),
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
      .prepare("patient_charts_versions"),
    points: db
      .select({
        day: painReports.day,
        context: painReports.context,
        score: max(painReports.score),
      })
      .from(painReports)
      .where(and(mine, between(painReports.day, p("from"), p("to"))))
      .groupBy(painReports.day, painReports.context)
      .prepare("patient_charts_points"),
    firstWeek: db
      .select({ day: painReports.day, context: painReports.context, score: painReports.score })
      .from(painReports)
      .where(
        and(mine, eq(painReports.context, "morning"), between(painReports.day, p("from"), p("to"))),
      )
      .prepare("patient_charts_first_week"),
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
      .prepare("patient_charts_items"),
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
        minePrepared(
          checkIns,
          eq(checkIns.patientId, p("patientId")),
          between(checkIns.day, p("from"), p("to")),
        ),
      )
      .prepare("patient_charts_sessions"),
  };
});

/**
 * Everything the patient's charts draw, for one range: one point per day and pain context (the
 * worst report of that context on that day) from the range's first day or the program's, whichever
 * is later; the pain limit of each day's version; the baseline; session adherence per 7-day block
 * ending yesterday; and where each version began. Clinic-scoped: another clinic's patient is not
 * found. Reads only the range's rows, grouped in SQL.
 */
export async function getPatientCharts(options: {
  scope: ClinicScope;
  patientId: string;
  range: ChartRange;
  now?: Date;
}) {
  const { scope, patientId } = options;
  const { data } = scope;
  const ids = data.bind({ patientId });
  const now = options.now ?? new Date();
  // The reads, one after the other in one read transaction; the arithmetic runs after it.
  const read = await data.read(async (db) => {
    const q = statements(db);
    const [patient] = await q.patient.execute(ids);
    if (!patient) throw new NotFoundError("That patient");
    const today = dayInZone(now, patient.timeZone);
    const programId = patient.programId;
    const versionRows = programId ? await q.versions.execute({ programId }) : [];
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
    const grouped = await q.points.execute({ ...ids, from, to: today });
    const firstWeek =
      versions.length > 0
        ? await q.firstWeek.execute({ ...ids, from: startDay, to: addDays(startDay, 6) })
        : [];
    const scheduled =
      programId && versionRows.length > 0
        ? {
            itemRows: await q.items.execute({ programId }),
            sessionRows: await q.sessions.execute({
              ...ids,
              from: addDays(from, -6),
              to: addDays(today, -1),
            }),
          }
        : null;
    return { today, from, startDay, versionRows, versions, grouped, firstWeek, scheduled };
  });
  const { today, from, startDay, versionRows, versions, grouped, firstWeek, scheduled } = read;

  const byDay = new Map<Day, Partial<Record<PainContext, number>>>();
  for (const r of grouped) {
    if (r.score !== null) byDay.set(r.day, { ...byDay.get(r.day), [r.context]: r.score });
  }

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

  const baseline = versions.length > 0 ? (baselinePain(firstWeek, startDay) ?? null) : null;

  let weeks: ChartWeek[] = [];
  if (scheduled) {
    const { itemRows, sessionRows } = scheduled;
    const items = scheduleItems(
      versions.map((v, i) => ({
        ...v,
        items: itemRows
          .filter((r) => r.versionId === versionRows[i]!.id)
          .map(({ versionId: _, ...item }) => item),
      })),
    );
    const sessions: ExerciseSession[] = sessionRows.map(({ skippedReason, ...s }) => ({
      ...s,
      skipped: skippedReason !== null,
    }));
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
