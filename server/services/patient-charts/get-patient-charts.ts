import { and, asc, between, eq, gte, inArray, lte, sql } from "drizzle-orm";
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
import type { ExerciseSession } from "@/server/domain/clinical-types";
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

/**
 * Everything the patient's charts draw, for one range: one point per day and pain context (the
 * worst report of that context on that day) from the range's first day or the program's, whichever
 * is later, the pain limit of each day's version, the baseline,
 * session adherence per 7-day block ending yesterday, and where each version began. Clinic-scoped:
 * another clinic's patient is not found. Reads only the range's rows, grouped in SQL.
 */
export function getPatientCharts(options: {
  scope: ClinicScope;
  patientId: string;
  range: ChartRange;
  now?: Date;
}) {
  const { scope, patientId } = options;
  const patient = scope.db
    .select({ timeZone: patients.timeZone })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, scope.clinicId)))
    .get();
  if (!patient) throw new NotFoundError("That patient");
  const today = dayInZone(options.now ?? new Date(), patient.timeZone);

  // The current program, or the last one for a discharged patient.
  const program = scope.db
    .select({ id: programs.id })
    .from(programs)
    .where(and(eq(programs.patientId, patientId), eq(programs.clinicId, scope.clinicId)))
    .orderBy(sql`${programs.status} = 'active' desc`, sql`${programs.createdAt} desc`)
    .limit(1)
    .get();
  const versionRows = program
    ? scope.db
        .select({
          id: programVersions.id,
          number: programVersions.number,
          reason: programVersions.reason,
          note: programVersions.note,
          painLimit: programVersions.painLimit,
          effectiveFrom: programVersions.effectiveFrom,
        })
        .from(programVersions)
        .where(eq(programVersions.programId, program.id))
        .orderBy(asc(programVersions.number))
        .all()
    : [];
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

  const grouped = scope.db
    .select({
      day: painReports.day,
      context: painReports.context,
      score: sql<number>`max(${painReports.score})`,
    })
    .from(painReports)
    .where(
      and(
        eq(painReports.patientId, patientId),
        eq(painReports.clinicId, scope.clinicId),
        between(painReports.day, from, today),
      ),
    )
    .groupBy(painReports.day, painReports.context)
    .all();
  const byDay = new Map<Day, Partial<Record<PainContext, number>>>();
  for (const r of grouped) byDay.set(r.day, { ...byDay.get(r.day), [r.context]: r.score });

  const days: ChartDay[] = [];
  const length = daysBetween(from, today) + 1;
  for (let i = 0; i < length; i++) {
    const day = addDays(from, i);
    const p = byDay.get(day) ?? {};
    days.push({
      day,
      morning: p.morning ?? null,
      during: p.during ?? null,
      after: p.after ?? null,
      next_morning: p.next_morning ?? null,
      limit: versionOn(versions, day)?.painLimit ?? null,
    });
  }

  const firstWeek = scope.db
    .select({ day: painReports.day, context: painReports.context, score: painReports.score })
    .from(painReports)
    .where(
      and(
        eq(painReports.patientId, patientId),
        eq(painReports.clinicId, scope.clinicId),
        eq(painReports.context, "morning"),
        between(painReports.day, startDay, addDays(startDay, 6)),
      ),
    )
    .all();
  const baseline = versions.length > 0 ? (baselinePain(firstWeek, startDay) ?? null) : null;

  return {
    today,
    from,
    range: options.range,
    days,
    reportCount: grouped.length,
    baseline,
    weeks: weeklyAdherence({ scope, patientId, versionRows, versions, from, today }),
    versions: versions.map(({ number, reason, note, painLimit, fromDay }) => ({
      number,
      reason,
      note,
      painLimit,
      fromDay,
    })),
  };
}

/** A per 7-day block, the last block ending yesterday, back to the range's first day. */
function weeklyAdherence(options: {
  scope: ClinicScope;
  patientId: string;
  versionRows: { id: string }[];
  versions: { number: number; painLimit: number; fromDay: Day }[];
  from: Day;
  today: Day;
}): ChartWeek[] {
  const { scope, versionRows, versions, from, today } = options;
  if (versionRows.length === 0) return [];
  const itemRows = scope.db
    .select({
      itemId: programItems.id,
      versionId: programItems.versionId,
      sessionsPerDay: programItems.sessionsPerDay,
      daysPerWeek: programItems.daysPerWeek,
      sets: programItems.sets,
      reps: programItems.reps,
    })
    .from(programItems)
    .where(
      inArray(
        programItems.versionId,
        versionRows.map((v) => v.id),
      ),
    )
    .all();
  const items = scheduleItems(
    versions.map((v, i) => ({
      ...v,
      items: itemRows
        .filter((r) => r.versionId === versionRows[i]!.id)
        .map(({ versionId: _, ...item }) => item),
    })),
  );
  const sessions: ExerciseSession[] = scope.db
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
        eq(checkIns.patientId, options.patientId),
        eq(checkIns.clinicId, scope.clinicId),
        gte(checkIns.day, from),
        lte(checkIns.day, addDays(today, -1)),
      ),
    )
    .all()
    .map(({ skippedReason, ...s }) => ({ ...s, skipped: skippedReason !== null }));

  // Bucket the logs by day once, so each week reads only its own seven days.
  const byDay = new Map<Day, ExerciseSession[]>();
  for (const s of sessions) byDay.set(s.day, [...(byDay.get(s.day) ?? []), s]);

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
