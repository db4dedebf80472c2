import type { listCaseload } from "@/server/services/caseload/list-caseload";
import type { getPatientCharts } from "@/server/services/patient-charts/get-patient-charts";
import type {
  alertSummaryBaseline,
  alertsListBaseline,
  caseloadBaseline,
  chartBaseline,
  checkInLogBaseline,
  progressBaseline,
  todayPlanBaseline,
} from "./baselines";

/**
 * Does a service return the same figures as its hand-written SQL? Each check returns the first
 * difference it finds in words (ids and field names only, never a patient's figures), or null.
 * A timing compared against a baseline that computes something else would mean nothing.
 */

type Caseload = Awaited<ReturnType<typeof listCaseload>>;
type CaseloadRaw = ReturnType<ReturnType<typeof caseloadBaseline>>;
type Charts = Awaited<ReturnType<typeof getPatientCharts>>;
type ChartsRaw = ReturnType<ReturnType<typeof chartBaseline>>;

/** Equal, allowing for floating-point sums taken in a different order. */
function same(a: number | null | undefined, b: number | null | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  return x === y || (x !== null && y !== null && Math.abs(x - y) < 1e-9);
}

export function caseloadDifference(service: Caseload, raw: CaseloadRaw): string | null {
  if (service.total !== raw.total) return `total ${service.total} vs ${raw.total}`;
  if (service.rows.length !== raw.rows.length)
    return `page length ${service.rows.length} vs ${raw.rows.length}`;
  for (const [i, s] of service.rows.entries()) {
    const r = raw.rows[i]!;
    if (s.id !== r.id) return `row ${i}: patient ${s.id} vs ${r.id}`;
    const fields: [string, number | null, number | null][] = [
      ["version", s.versionNumber, r.version_number],
      ["A(7)", s.adherence7, r.adherence_7],
      ["A(28)", s.adherence28, r.adherence_28],
      ["morning pain", s.morningPain, r.morning_pain],
      ["pain change", s.painChange, r.pain_change],
      ["critical alerts", s.openAlerts.critical, r.critical ?? 0],
      ["high alerts", s.openAlerts.high, r.high ?? 0],
      ["medium alerts", s.openAlerts.medium, r.medium ?? 0],
      ["low alerts", s.openAlerts.low, r.low ?? 0],
      ["needs attention", Number(s.needsAttention), r.needs_attention],
    ];
    for (const [name, a, b] of fields) if (!same(a, b)) return `patient ${s.id}: ${name} differs`;
    if (s.advice !== r.advice) return `patient ${s.id}: advice differs`;
    if (s.clinicianName !== r.clinician) return `patient ${s.id}: clinician differs`;
  }
  return null;
}

export function chartDifference(charts: Charts, raw: ChartsRaw): string | null {
  if (raw.points.length !== charts.reportCount)
    return `${charts.reportCount} points vs ${raw.points.length}`;
  const drawn = new Map<string, number>();
  for (const d of charts.days)
    for (const context of ["morning", "during", "after", "next_morning"] as const) {
      const score = d[context];
      if (score !== null) drawn.set(`${d.day}|${context}`, score);
    }
  if (drawn.size !== raw.points.length) return `${drawn.size} drawn points vs ${raw.points.length}`;
  for (const p of raw.points)
    if (drawn.get(`${p.day}|${p.context}`) !== p.score)
      return `point ${p.day} ${p.context} differs`;
  if (raw.limits.join() !== charts.days.map((d) => d.limit).join()) return "pain limits differ";
  if (!same(raw.baseline, charts.baseline)) return "baseline differs";
  if (raw.weeks.length !== charts.weeks.length)
    return `${charts.weeks.length} weeks vs ${raw.weeks.length}`;
  for (const [i, w] of raw.weeks.entries()) {
    const s = charts.weeks[i]!;
    if (w.from !== s.from || !same(w.done, s.done) || !same(w.expected, s.expected))
      return `week from ${s.from} differs`;
  }
  return null;
}

type TodayPlanRaw = ReturnType<ReturnType<typeof todayPlanBaseline>>;
type ProgressRaw = ReturnType<ReturnType<typeof progressBaseline>>;
type CheckInLogRaw = NonNullable<ReturnType<ReturnType<typeof checkInLogBaseline>>>;
type AlertsRaw = ReturnType<ReturnType<typeof alertsListBaseline>>;
type SummaryRaw = ReturnType<ReturnType<typeof alertSummaryBaseline>>;

/** The parts of `plan.today` the baseline works out on its own. */
export interface TodayPlanFigures {
  clinic: { name: string };
  firstName: string;
  today: string;
  painLimit: number | null;
  asks: { morningPain: boolean; safetyCheck: boolean };
  morningPainToday: number | null;
  exercisePainToday: number | null;
  safetyCheckPostponesLeft: number;
  items: {
    id: string;
    today: { doneToday: number; skippedToday: number; daysDoneThisWeek: number };
  }[];
}

export function todayPlanDifference(plan: TodayPlanFigures, raw: TodayPlanRaw): string | null {
  if (plan.today !== raw.today) return `today ${plan.today} vs ${raw.today}`;
  if (plan.clinic.name !== raw.clinic) return "clinic name differs";
  if (plan.firstName !== raw.firstName) return "first name differs";
  const fields: [string, unknown, unknown][] = [
    ["pain limit", plan.painLimit, raw.painLimit],
    ["morning question due", plan.asks.morningPain, raw.morningDue],
    ["safety check due", plan.asks.safetyCheck, raw.safetyDue],
    ["morning pain today", plan.morningPainToday, raw.morningPainToday],
    ["exercise pain today", plan.exercisePainToday, raw.exercisePainToday],
    ["postpones left", plan.safetyCheckPostponesLeft, raw.postponesLeft],
  ];
  for (const [name, a, b] of fields) if (a !== b) return `${name} differs`;
  if (plan.items.length !== raw.items.length)
    return `${plan.items.length} exercises vs ${raw.items.length}`;
  for (const [i, item] of plan.items.entries()) {
    const r = raw.items[i]!;
    if (item.id !== r.id) return `exercise ${i}: item ${item.id} vs ${r.id}`;
    if (
      item.today.doneToday !== r.doneToday ||
      item.today.skippedToday !== r.skippedToday ||
      item.today.daysDoneThisWeek !== r.daysDoneThisWeek
    )
      return `item ${item.id}: today's sessions differ`;
  }
  return null;
}

/** The parts of `plan.progress` the baseline works out on its own. */
export interface ProgressFigures {
  clinic: { name: string };
  today: string;
  programStart: string | null;
  weekFrom: string;
  week: { done: number; asked: number };
  todayDone: number;
  todayAsked: number;
  days: { day: string; morning: number | null; during: number | null }[];
  weeks: {
    weekStart: string;
    morningMean: number | null;
    duringMean: number | null;
    sessionsDone: number;
  }[];
}

export function progressDifference(progress: ProgressFigures, raw: ProgressRaw): string | null {
  const fields: [string, unknown, unknown][] = [
    ["clinic", progress.clinic.name, raw.clinic],
    ["today", progress.today, raw.today],
    ["program start", progress.programStart, raw.programStart],
    ["week start", progress.weekFrom, raw.weekFrom],
    ["week's sessions done", progress.week.done, raw.week.done],
    ["week's sessions asked", progress.week.asked, raw.week.asked],
    ["today's sessions done", progress.todayDone, raw.todayDone],
    ["today's sessions asked", progress.todayAsked, raw.todayAsked],
  ];
  for (const [name, a, b] of fields) if (a !== b) return `${name} differs`;
  if (progress.days.length !== raw.days.length)
    return `${progress.days.length} days vs ${raw.days.length}`;
  for (const [i, d] of progress.days.entries()) {
    const r = raw.days[i]!;
    if (d.day !== r.day || d.morning !== r.morning || d.during !== r.during)
      return `day ${d.day} differs`;
  }
  if (progress.weeks.length !== raw.weeks.length)
    return `${progress.weeks.length} weeks vs ${raw.weeks.length}`;
  for (const [i, w] of progress.weeks.entries()) {
    const r = raw.weeks[i]!;
    if (
      w.weekStart !== r.weekStart ||
      !same(w.morningMean, r.morningMean) ||
      !same(w.duringMean, r.duringMean) ||
      w.sessionsDone !== r.sessionsDone
    )
      return `week from ${w.weekStart} differs`;
  }
  return null;
}

/** The parts of `patientCharts.checkInLog` the baseline reads. */
export interface CheckInLogFigures {
  total: number;
  rows: {
    id: string;
    versionNumber: number | null;
    pain: { context: string; score: number }[];
    logs: { sessionsDone: number }[];
    redFlagsYes: number;
    redFlagsAsked: number;
  }[];
}

export function checkInLogDifference(log: CheckInLogFigures, raw: CheckInLogRaw): string | null {
  if (log.total !== raw.total) return `total ${log.total} vs ${raw.total}`;
  if (log.rows.length !== raw.rows.length)
    return `page length ${log.rows.length} vs ${raw.rows.length}`;
  const painOf = (pain: readonly { context: string; score: number }[]) =>
    pain
      .map((p) => `${p.context}:${p.score}`)
      .sort()
      .join();
  for (const [i, row] of log.rows.entries()) {
    const r = raw.rows[i]!;
    if (row.id !== r.id) return `row ${i}: check-in ${row.id} vs ${r.id}`;
    if (row.versionNumber !== r.versionNumber) return `check-in ${row.id}: version differs`;
    if (painOf(row.pain) !== painOf(r.pain)) return `check-in ${row.id}: pain differs`;
    const sessions = row.logs.reduce((n, l) => n + l.sessionsDone, 0);
    const rawSessions = r.logs.reduce((n, l) => n + l.sessions_done, 0);
    if (row.logs.length !== r.logs.length || sessions !== rawSessions)
      return `check-in ${row.id}: sessions differ`;
    if (row.redFlagsYes !== r.redFlagsYes || row.redFlagsAsked !== r.redFlagsAsked)
      return `check-in ${row.id}: red-flag answers differ`;
  }
  return null;
}

export function alertsListDifference(
  list: { rows: { id: string }[]; total: number; timeZone: string },
  raw: AlertsRaw,
): string | null {
  if (list.total !== raw.total) return `total ${list.total} vs ${raw.total}`;
  if (list.timeZone !== raw.timeZone) return "time zone differs";
  if (list.rows.length !== raw.rows.length)
    return `page length ${list.rows.length} vs ${raw.rows.length}`;
  for (const [i, row] of list.rows.entries())
    if (row.id !== raw.rows[i]!.id) return `row ${i}: alert ${row.id} vs ${raw.rows[i]!.id}`;
  return null;
}

export function alertSummaryDifference(
  summary: {
    counts: {
      total: number;
      mine: number;
      critical: number;
      high: number;
      medium: number;
      low: number;
    };
    critical: { id: string }[];
  },
  raw: SummaryRaw,
): string | null {
  for (const key of ["total", "mine", "critical", "high", "medium", "low"] as const)
    if (summary.counts[key] !== raw[key]) return `${key} count differs`;
  if (summary.critical.map((a) => a.id).join() !== raw.criticalIds.join())
    return "critical alerts differ";
  return null;
}
