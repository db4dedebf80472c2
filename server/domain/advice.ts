/**
 * Progression advice for clinicians (CLINICAL.md, "Pain-monitoring model", after Silbernagel et al.
 * 2007). Advice is data: the UI words it, shows it with its inputs, and it never changes a program.
 */
import { adherence, ADHERENT_THRESHOLD, isAdherent } from "./adherence";
import type { ExerciseSession, ItemSchedule, PainReport, VersionInfo } from "./clinical-types";
import { addDays, type Day } from "./days";
import { morningTrend, usualPain } from "./pain";
import { isAtLeast } from "./stats";
import { byDay, fullDaysSince } from "./timeline";

export type Advice = "regress" | "hold" | "progress" | "not_enough_data";

/** Which row of the table decided, first match wins, in table order. */
export const ADVICE_RULES = [
  "during-over-limit-2-of-3",
  "not-settled-2-consecutive",
  "weekly-morning-rise",
  "during-over-limit-once",
  "not-settled-once",
  "adherence-below-threshold",
  "all-progress-criteria",
  "no-rule-matched",
] as const;
export type AdviceRule = (typeof ADVICE_RULES)[number];

/** The conditions of `progress`; those not met are returned so the UI can say what is missing. */
export type ProgressCriterion =
  | "days-on-version"
  | "exercise-days"
  | "no-session-over-limit"
  | "next-morning-settled"
  | "weekly-trend-not-rising"
  | "adherent";

/** `progress` needs at least 7 full days on the version (CLINICAL.md). */
export const MIN_DAYS_ON_VERSION = 7;
/** `progress` needs at least 3 exercise days on this version within the last 14 (CLINICAL.md). */
export const MIN_EXERCISE_DAYS = 3;
/** The days `MIN_EXERCISE_DAYS` looks back over, today included. */
export const EXERCISE_DAYS_WINDOW = 14;
/** `regress` when this week's mean morning pain is at least last week's + 1 (design choice). */
export const WEEKLY_RISE_POINTS = 1;

/** Everything the table reads, shown with the advice. Days run oldest first. */
export interface AdviceInputs {
  versionNumber: number;
  painLimit: number;
  /** Full days since the version took effect (0 on its first day). */
  daysOnVersion: number;
  /** The last 7 days, today included, clipped to the version's first day. */
  window: { from: Day; to: Day };
  /**
   * Exercise days: days with at least one session done, on this version, within the last 14 days
   * (today included). Two-day-a-week programs reach 3 in ten days (example 15).
   */
  exerciseDays: number;
  /** The worst `during` score of each day in the window that has one: one exercise session each. */
  during: { day: Day; score: number }[];
  /** `next_morning` reports about an exercise day on this version, with usual pain `b` then. */
  nextMorning: { day: Day; score: number; usual?: number | undefined }[];
  /** Mean `morning` pain of the 7 days ending today and of the 7 before (3 reports each). */
  thisWeekMorning?: number | undefined;
  lastWeekMorning?: number | undefined;
  /** A(7), the 7 full days ending yesterday. */
  adherence7?: number | undefined;
}

export interface AdviceResult {
  advice: Advice;
  rule: AdviceRule;
  inputs: AdviceInputs;
  /** Conditions of `progress` that are not met (empty when the advice is `progress`). */
  unmet: ProgressCriterion[];
}

/**
 * Collects the inputs of the advice from plain rows (CLINICAL.md, "Pain-monitoring model"). Pass
 * pain reports from at least 14 days before today, the program's item schedules and its exercise
 * logs from at least 7 days before today.
 */
export function adviceInputs(options: {
  today: Day;
  version: VersionInfo;
  reports: readonly PainReport[];
  sessions: readonly ExerciseSession[];
  items: readonly ItemSchedule[];
}): AdviceInputs {
  const { today, version, reports } = options;
  const weekStart = addDays(today, -6);
  const from = version.fromDay > weekStart ? version.fromDay : weekStart;
  const inWindow = (day: Day) => day >= from && day <= today;

  const exerciseFrom = addDays(today, -(EXERCISE_DAYS_WINDOW - 1));
  const onVersionSince = version.fromDay > exerciseFrom ? version.fromDay : exerciseFrom;
  const exerciseDays = new Set(
    options.sessions
      .filter((s) => s.day >= onVersionSince && s.day <= today && !s.skipped && s.sessionsDone > 0)
      .map((s) => s.day),
  );

  const worstDuring = new Map<Day, number>();
  for (const r of reports) {
    if (r.context !== "during" || !inWindow(r.day)) continue;
    worstDuring.set(r.day, Math.max(r.score, worstDuring.get(r.day) ?? 0));
  }
  const during = [...worstDuring.entries()].map(([day, score]) => ({ day, score })).sort(byDay);

  // A next-morning report speaks about the day before it: that day must be on this version.
  const nextMorning = reports
    .filter((r) => r.context === "next_morning" && inWindow(r.day) && r.day > version.fromDay)
    .sort(byDay)
    .map((r) => ({ day: r.day, score: r.score, usual: usualPain(reports, r.day) }));

  const trend = morningTrend(reports, today);
  return {
    versionNumber: version.number,
    painLimit: version.painLimit,
    daysOnVersion: fullDaysSince(version.fromDay, today),
    window: { from, to: today },
    exerciseDays: exerciseDays.size,
    during,
    nextMorning,
    thisWeekMorning: trend.thisWeek.mean,
    lastWeekMorning: trend.lastWeek.mean,
    adherence7: adherence({ items: options.items, sessions: options.sessions, today, days: 7 })
      .sessionAdherence,
  };
}

function notSettled(report: { score: number; usual?: number | undefined }): boolean {
  return report.usual !== undefined && report.score > report.usual;
}

/**
 * The advice of the table in CLINICAL.md, first match wins: regress, hold, progress, or not enough
 * data. A `next_morning` report without a usual pain `b` is never "above b" nor "≤ b".
 */
export function adviseProgression(inputs: AdviceInputs): AdviceResult {
  const overLimit = inputs.during.filter((s) => s.score > inputs.painLimit);
  const lastThreeOver = inputs.during.slice(-3).filter((s) => s.score > inputs.painLimit);
  const unsettled = inputs.nextMorning.map(notSettled);
  const twoUnsettledInARow = unsettled.some((u, i) => u && unsettled[i + 1] === true);
  const { thisWeekMorning: thisWeek, lastWeekMorning: lastWeek } = inputs;
  const bothWeeks = thisWeek !== undefined && lastWeek !== undefined;

  const unmet: ProgressCriterion[] = [];
  if (inputs.daysOnVersion < MIN_DAYS_ON_VERSION) unmet.push("days-on-version");
  if (inputs.exerciseDays < MIN_EXERCISE_DAYS) unmet.push("exercise-days");
  if (overLimit.length > 0) unmet.push("no-session-over-limit");
  const settled =
    inputs.nextMorning.length > 0 &&
    inputs.nextMorning.every((r) => r.usual !== undefined && r.score <= r.usual);
  if (!settled) unmet.push("next-morning-settled");
  if (!(bothWeeks && thisWeek <= lastWeek)) unmet.push("weekly-trend-not-rising");
  if (!isAdherent(inputs.adherence7)) unmet.push("adherent");

  const decide = (advice: Advice, rule: AdviceRule): AdviceResult => ({
    advice,
    rule,
    inputs,
    unmet,
  });

  if (lastThreeOver.length >= 2) return decide("regress", "during-over-limit-2-of-3");
  if (twoUnsettledInARow) return decide("regress", "not-settled-2-consecutive");
  if (bothWeeks && isAtLeast(thisWeek - lastWeek, WEEKLY_RISE_POINTS)) {
    return decide("regress", "weekly-morning-rise");
  }
  if (overLimit.length > 0) return decide("hold", "during-over-limit-once");
  if (unsettled.includes(true)) return decide("hold", "not-settled-once");
  if (inputs.adherence7 !== undefined && !isAtLeast(inputs.adherence7, ADHERENT_THRESHOLD)) {
    return decide("hold", "adherence-below-threshold");
  }
  if (unmet.length === 0) return decide("progress", "all-progress-criteria");
  return decide("not_enough_data", "no-rule-matched");
}

/** Progression advice for the current version from plain rows: `adviceInputs` then the table. */
export function progressionAdvice(options: Parameters<typeof adviceInputs>[0]): AdviceResult {
  return adviseProgression(adviceInputs(options));
}
