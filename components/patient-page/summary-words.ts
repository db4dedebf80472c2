import { SEVERITY_LABELS } from "@/lib/alert-words";

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const rank = (severity: string) => SEVERITY_RANK[severity] ?? 4;

/**
 * The patient's unresolved alerts for the summary, most severe first; within a severity, open
 * before acknowledged, then in the order given (the longest waiting first). An alert the clinician
 * just acknowledged keeps its place while it is still the most severe, instead of vanishing under
 * a milder one the moment its note is saved.
 */
export function orderUnresolved<T extends { severity: string }>(
  open: readonly T[],
  acknowledged: readonly T[],
): T[] {
  const tagged = [
    ...open.map((alert, index) => ({ alert, index, acknowledged: 0 })),
    ...acknowledged.map((alert, index) => ({ alert, index, acknowledged: 1 })),
  ];
  tagged.sort(
    (a, b) =>
      rank(a.alert.severity) - rank(b.alert.severity) ||
      a.acknowledged - b.acknowledged ||
      a.index - b.index,
  );
  return tagged.map((t) => t.alert);
}

/**
 * The alerts in one sentence for the summary: "2 open, 1 acknowledged; the most severe is high."
 * Severity in words, never only as a colour.
 */
export function alertsLine(
  openCount: number,
  acknowledgedCount: number,
  mostSevere: string | undefined,
): string {
  if (openCount + acknowledgedCount === 0 || !mostSevere) return "No open alerts.";
  const counts =
    acknowledgedCount === 0
      ? `${openCount} open`
      : `${openCount} open, ${acknowledgedCount} acknowledged`;
  return `${counts}; the most severe is ${(SEVERITY_LABELS[mostSevere] ?? mostSevere).toLowerCase()}.`;
}
