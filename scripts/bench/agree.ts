import type { listCaseload } from "@/server/services/caseload/list-caseload";
import type { getPatientCharts } from "@/server/services/patient-charts/get-patient-charts";
import type { caseloadBaseline, chartBaseline } from "./baselines";

/**
 * Does a service return the same figures as its hand-written SQL? Each check returns the first
 * difference it finds in words (ids and field names only, never a patient's figures), or null.
 * A timing compared against a baseline that computes something else would mean nothing.
 */

type Caseload = ReturnType<typeof listCaseload>;
type CaseloadRaw = ReturnType<ReturnType<typeof caseloadBaseline>>;
type Charts = ReturnType<typeof getPatientCharts>;
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
