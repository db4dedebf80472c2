/**
 * Alerts in plain words for clinicians: what the rule is and the numbers that fired it
 * (CLINICAL.md, "Alerts"). Missing or unexpected inputs fall back to the raw numbers rather
 * than hide anything.
 */
import { RED_FLAG_QUESTIONS } from "@/server/domain/red-flags";
import { formatDay } from "./labels";

export const ALERT_KIND_LABELS: Record<string, string> = {
  "red-flag-emergency": "Red flag: emergency",
  "red-flag-urgent": "Red flag: urgent",
  "pain-worsening": "Pain worsening",
  "pain-over-limit": "Pain above the limit",
  "not-settled": "Pain not settled by next morning",
  "low-adherence": "Low adherence",
  "no-check-in": "No check-in",
  "not-improving": "Not improving",
};

export const SEVERITY_LABELS: Record<string, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
};

/** A mark beside the severity word, so it never rests on colour. */
export const SEVERITY_MARKS: Record<string, string> = {
  critical: "‼",
  high: "!",
  medium: "•",
  low: "·",
};

const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const one = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
const day = (v: unknown) => {
  const d = str(v);
  return d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? formatDay(d) : undefined;
};

function rawNumbers(inputs: Record<string, unknown>): string {
  const parts = Object.entries(inputs)
    .filter(([, v]) => typeof v === "number" || typeof v === "string")
    .map(([k, v]) => `${k} ${String(v)}`);
  return parts.length > 0 ? `Figures: ${parts.join(", ")}.` : "No figures were stored.";
}

/** What fired the alert, in one or two sentences with its numbers. */
export function describeAlert(kind: string, inputs: Record<string, unknown>): string {
  switch (kind) {
    case "red-flag-emergency":
    case "red-flag-urgent": {
      const ids = Array.isArray(inputs.questionIds) ? inputs.questionIds.map(String) : [];
      const texts = ids.map(
        (id) => RED_FLAG_QUESTIONS.find((q) => q.id === id)?.text ?? `question ${id}`,
      );
      const when = day(inputs.day);
      return `Answered yes${when ? ` on ${when}` : ""}: ${texts.join(" ") || "(question not recorded)"}`;
    }
    case "pain-worsening": {
      const [baseline, mean7, n] = [num(inputs.baseline), num(inputs.mean7), num(inputs.reports7)];
      if (baseline === undefined || mean7 === undefined) break;
      return `Morning pain averaged ${one(mean7)} over the last 7 days${n ? ` (${n} reports)` : ""}, ${one(mean7 - baseline)} points above the baseline of ${one(baseline)}.`;
    }
    case "pain-over-limit": {
      const [score, limit] = [num(inputs.score), num(inputs.painLimit)];
      if (score === undefined || limit === undefined) break;
      const n = num(inputs.reportsOverLimit7);
      const when = day(inputs.day);
      return `Pain during exercise reached ${score}/10${when ? ` on ${when}` : ""}, above the limit of ${limit}/10${num(inputs.versionNumber) ? ` of version ${num(inputs.versionNumber)}` : ""}.${n && n > 1 ? ` ${n} reports above the limit in the last 7 days.` : ""}`;
    }
    case "not-settled": {
      const [score, usual] = [num(inputs.score), num(inputs.usual)];
      if (score === undefined || usual === undefined) break;
      const when = day(inputs.day);
      const n = num(inputs.reportsNotSettled7);
      return `Next-morning pain was ${score}/10${when ? ` on ${when}` : ""}, above usual pain of ${one(usual)}.${n && n > 1 ? ` ${n} such mornings in the last 7 days.` : ""}`;
    }
    case "low-adherence": {
      const a = num(inputs.adherence7);
      if (a === undefined) break;
      const [done, expected] = [num(inputs.done), num(inputs.expected)];
      return `Adherence over the last 7 full days was ${Math.round(a * 100)} %${done !== undefined && expected !== undefined ? ` (${one(done)} of ${one(expected)} sessions)` : ""}, below 50 %.`;
    }
    case "no-check-in": {
      const silent = num(inputs.silentDays);
      if (silent === undefined) break;
      const last = day(inputs.lastCheckInDay);
      return `No check-in for ${silent} days${last ? `; the last was on ${last}` : "; none since the program began"}.`;
    }
    case "not-improving": {
      const [baseline, mean7, days] = [
        num(inputs.baseline),
        num(inputs.mean7),
        num(inputs.daysOnProgram),
      ];
      if (baseline === undefined || mean7 === undefined) break;
      return `After ${days ?? "28 or more"} days on the program, morning pain averages ${one(mean7)} against a baseline of ${one(baseline)}: not 2 points lower.`;
    }
  }
  return rawNumbers(inputs);
}
