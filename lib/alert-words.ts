/**
 * Alerts in plain words for clinicians: what the rule is and the numbers that fired it
 * (CLINICAL.md, "Alerts"). Missing or unexpected inputs fall back to the raw numbers rather
 * than hide anything. Pure: no database, no React.
 */
import { redFlagQuestionText } from "@/server/domain/red-flags";
import { dateTimeFormat, relativeTimeFormat } from "./intl-format";
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
  "pain-high": "High morning pain",
  "safety-check-overdue": "Safety check overdue",
};

export const SEVERITY_LABELS: Record<string, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
};

/** The kind in words; a kind this build does not know yet shows as stored. */
export function alertKindLabel(kind: string): string {
  return ALERT_KIND_LABELS[kind] ?? kind;
}

const num = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v) ? v : undefined;
/** Whole numbers as they are, anything else to one decimal: counts and scores. */
const one = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
/** Pain means and baselines always to one decimal, so "2.0" reads as the average it is. */
const mean = (v: number) => v.toFixed(1);
const isDay = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);
const day = (v: unknown) => (isDay(v) ? formatDay(v) : undefined);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Alerts raised before question sets were stored answered set 1. */
function questionSetOf(inputs: Record<string, unknown>): number {
  return num(inputs.questionSet) ?? 1;
}

function rawNumbers(inputs: Record<string, unknown>): string {
  const parts = Object.entries(inputs)
    .filter(([, v]) => typeof v === "number" || typeof v === "string")
    .map(([k, v]) => `${k} ${String(v)}`);
  return parts.length > 0 ? `Figures: ${parts.join(", ")}.` : "No figures were stored.";
}

/**
 * What fired the alert, in one or two sentences with its numbers. `ruleVersion` picks the words of
 * the version that raised it (retired versions stay readable as they were); the current by default.
 */
export function describeAlert(
  kind: string,
  inputs: Record<string, unknown>,
  ruleVersion?: number,
): string {
  switch (kind) {
    case "red-flag-emergency":
    case "red-flag-urgent": {
      const ids = Array.isArray(inputs.questionIds) ? inputs.questionIds.map(String) : [];
      const when = day(inputs.day);
      const set = questionSetOf(inputs);
      // Set 1 asked questions ("…?"), set 2 gives statements: each ends with its own stop.
      const quoted = ids.map((id) => {
        const text = redFlagQuestionText(id, set);
        return /[.?!]$/.test(text) ? text : `${text}.`;
      });
      return `Answered yes${when ? ` on ${when}` : ""}: ${quoted.join(" ") || "(question not recorded)"}`;
    }
    case "pain-high": {
      const days = num(inputs.daysAtOrAbove8);
      if (days === undefined) break;
      return `Morning pain was 8/10 or more on ${plural(days, "day")} of the last 7.`;
    }
    case "safety-check-overdue": {
      const without = num(inputs.daysWithout);
      if (without === undefined) break;
      const last = day(inputs.lastSafetyCheckDay);
      return `No safety check answered for ${plural(without, "day")}${last ? `; the last was on ${last}` : "; none since the program began"}.`;
    }
    case "pain-worsening": {
      const [baseline, mean7, n] = [num(inputs.baseline), num(inputs.mean7), num(inputs.reports7)];
      if (baseline === undefined || mean7 === undefined) break;
      return `Morning pain averaged ${mean(mean7)} over the last 7 days${n ? ` (${plural(n, "report")})` : ""}, ${mean(mean7 - baseline)} points above the baseline of ${mean(baseline)}.`;
    }
    case "pain-over-limit": {
      const [score, limit] = [num(inputs.score), num(inputs.painLimit)];
      if (score === undefined || limit === undefined) break;
      const n = num(inputs.reportsOverLimit7);
      const when = day(inputs.day);
      const version = num(inputs.versionNumber);
      return `Pain during exercise reached ${one(score)}/10${when ? ` on ${when}` : ""}, above the limit of ${one(limit)}/10${version ? ` of program version ${version}` : ""}.${n && n > 1 ? ` ${n} reports above the limit in the last 7 days.` : ""}`;
    }
    case "not-settled": {
      const [score, usual] = [num(inputs.score), num(inputs.usual)];
      if (score === undefined || usual === undefined) break;
      const when = day(inputs.day);
      const n = num(inputs.reportsNotSettled7);
      const rise = ruleVersion === 1 ? "above" : `${one(score - usual)} points above`;
      return `Next-morning pain was ${one(score)}/10${when ? ` on ${when}` : ""}, ${rise} the usual pain of ${mean(usual)}.${n && n > 1 ? ` ${n} such mornings in the last 7 days.` : ""}`;
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
      return `No check-in for ${plural(silent, "day")}${last ? `; the last was on ${last}` : "; none since the program began"}.`;
    }
    case "not-improving": {
      const [baseline, mean7] = [num(inputs.baseline), num(inputs.mean7)];
      if (baseline === undefined || mean7 === undefined) break;
      const days = num(inputs.daysOnProgram);
      const short = ruleVersion === 1 ? "not 2 points lower" : "neither 2 points nor 30 % lower";
      return `After ${days ?? "28 or more"} days on the program, morning pain averages ${mean(mean7)} against a baseline of ${mean(baseline)}: ${short}.`;
    }
  }
  return rawNumbers(inputs);
}

/** "Rule pain-worsening@1"; the version is spelt out only when the id does not carry it. */
export function describeRule(ruleId: string, ruleVersion: number): string {
  return ruleId.endsWith(`@${ruleVersion}`)
    ? `Rule ${ruleId}`
    : `Rule ${ruleId}, version ${ruleVersion}`;
}

const FIGURE_LABELS: Record<string, string> = {
  baseline: "Baseline (morning pain)",
  mean7: "Mean morning pain, last 7 days",
  reports7: "Morning reports, last 7 days",
  from: "From",
  to: "To",
  day: "Day",
  score: "Score",
  painLimit: "Pain limit",
  versionNumber: "Program version",
  reportsOverLimit7: "Reports above the limit, last 7 days",
  usual: "Usual pain",
  reportsNotSettled7: "Unsettled mornings, last 7 days",
  adherence7: "Adherence, last 7 full days",
  done: "Sessions done",
  expected: "Sessions expected",
  daysOnProgram: "Days on the program",
  lastCheckInDay: "Last check-in",
  programStartDay: "Program began",
  silentDays: "Days without a check-in",
  questionIds: "Questions answered yes",
  questionSet: "Question set",
  daysAtOrAbove8: "Days with morning pain 8 or more",
  days: "Days",
  daysWithout: "Days without a safety check",
  lastSafetyCheckDay: "Last safety check",
};

/** Internal references that mean nothing to a reader. */
const HIDDEN_FIGURES = new Set(["checkInId"]);

function figureValue(key: string, value: unknown): string {
  if (key === "adherence7" && typeof value === "number") return `${Math.round(value * 100)} %`;
  if (isDay(value)) return formatDay(value);
  if (typeof value === "number") return one(value);
  if (Array.isArray(value)) return value.map(String).join(", ");
  if (value === null || value === undefined) return "none";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Every stored input as a labelled figure, in the order the rule stored them. */
export function alertFigures(inputs: Record<string, unknown>): { label: string; value: string }[] {
  return Object.entries(inputs)
    .filter(([key]) => !HIDDEN_FIGURES.has(key))
    .map(([key, value]) => ({ label: FIGURE_LABELS[key] ?? key, value: figureValue(key, value) }));
}

/** How long ago, in the largest whole unit: "2 hours ago", "yesterday", "3 days ago". */
export function timeAgo(date: Date, now: number): string {
  const minutes = Math.max(0, Math.round((now - date.getTime()) / 60_000));
  const format = relativeTimeFormat();
  if (minutes < 1) return "just now";
  if (minutes < 60) return format.format(-minutes, "minute");
  if (minutes < 24 * 60) return format.format(-Math.round(minutes / 60), "hour");
  return format.format(-Math.round(minutes / 1440), "day");
}

/**
 * "19 Nov 2026, 13:07" in the clinic's time zone. The zone is explicit so the server's render and
 * the browser's hydration agree wherever either runs.
 */
export function formatMoment(date: Date, timeZone: string): string {
  return dateTimeFormat({ dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}
