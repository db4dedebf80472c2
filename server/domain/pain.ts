/** Pain measures of CLINICAL.md, "Pain" and "Alerts" (0–10 Numeric Pain Rating Scale). */
import type { PainContext, PainReport } from "./clinical-types";
import { addDays, type Day } from "./days";
import { isAtLeast, mean, median } from "./stats";
import { byDay } from "./timeline";

/** Fewer reports than this leave usual pain, the baseline and a 7-day mean undefined. */
export const MIN_PAIN_REPORTS = 3;
/** Meaningful change on the 0–10 scale: 2 points (Farrar et al. 2001; design choice for all). */
export const MEANINGFUL_CHANGE_POINTS = 2;
/** Meaningful change as a share of the starting score: 30 % (Farrar et al. 2001). */
export const MEANINGFUL_CHANGE_FRACTION = 0.3;

/** Scores of one context with a day in the inclusive range [from, to], in day order. */
export function scoresBetween(
  reports: readonly PainReport[],
  context: PainContext,
  from: Day,
  to: Day,
): number[] {
  return reports
    .filter((r) => r.context === context && r.day >= from && r.day <= to)
    .sort(byDay)
    .map((r) => r.score);
}

/**
 * Usual pain `b` at a day: the median of the `morning` reports in the 7 days before it (the day
 * itself excluded); undefined with fewer than 3 reports (CLINICAL.md, "Pain").
 */
export function usualPain(reports: readonly PainReport[], day: Day): number | undefined {
  const scores = scoresBetween(reports, "morning", addDays(day, -7), addDays(day, -1));
  return scores.length >= MIN_PAIN_REPORTS ? median(scores) : undefined;
}

/**
 * Baseline: the mean of the `morning` reports in the first 7 days of the program (its start day and
 * the 6 after it); undefined with fewer than 3 (CLINICAL.md, "Pain").
 */
export function baselinePain(
  reports: readonly PainReport[],
  programStartDay: Day,
): number | undefined {
  const scores = scoresBetween(reports, "morning", programStartDay, addDays(programStartDay, 6));
  return scores.length >= MIN_PAIN_REPORTS ? mean(scores) : undefined;
}

/**
 * Meaningful change on the scale (CLINICAL.md, "Pain"): a difference of at least 2 points, or of at
 * least 30 % of the starting score. From 0 only the 2 points count (30 % of 0 is no change).
 */
export function isMeaningfulChange(from: number, to: number): boolean {
  const diff = Math.abs(to - from);
  if (isAtLeast(diff, MEANINGFUL_CHANGE_POINTS)) return true;
  return from > 0 && isAtLeast(diff, MEANINGFUL_CHANGE_FRACTION * from);
}

/**
 * Meaningful improvement, the positive badge (CLINICAL.md, "Alerts"): baseline − the last 7 days'
 * mean is at least 2 points AND at least 30 % of the baseline. False when either is undefined.
 */
export function isMeaningfulImprovement(
  baseline: number | undefined,
  recentMean: number | undefined,
): boolean {
  if (baseline === undefined || recentMean === undefined) return false;
  const drop = baseline - recentMean;
  return (
    isAtLeast(drop, MEANINGFUL_CHANGE_POINTS) &&
    isAtLeast(drop, MEANINGFUL_CHANGE_FRACTION * baseline)
  );
}

/** Mean `morning` pain over seven days, with the reports it came from. */
export interface WeekOfPain {
  from: Day;
  to: Day;
  count: number;
  /** Undefined with fewer than 3 reports. */
  mean: number | undefined;
}

/**
 * Mean `morning` pain of the 7 days ending on `lastDay` (inclusive); undefined with fewer than 3
 * reports, as for usual pain and the baseline. "The last 7 days" of CLINICAL.md end today.
 */
export function weekOfMorningPain(reports: readonly PainReport[], lastDay: Day): WeekOfPain {
  const from = addDays(lastDay, -6);
  const scores = scoresBetween(reports, "morning", from, lastDay);
  return {
    from,
    to: lastDay,
    count: scores.length,
    mean: scores.length >= MIN_PAIN_REPORTS ? mean(scores) : undefined,
  };
}

/**
 * Weekly mean `morning` pain for a chart: `weeks` blocks of 7 days, oldest first, the last one
 * ending today (the same weeks the trend compares).
 */
export function weeklyMorningPain(
  reports: readonly PainReport[],
  today: Day,
  weeks: number,
): WeekOfPain[] {
  return Array.from({ length: weeks }, (_, i) =>
    weekOfMorningPain(reports, addDays(today, -7 * (weeks - 1 - i))),
  );
}

/** This week against last week, for the "+1" and "not rising" rules. */
export interface MorningTrend {
  thisWeek: WeekOfPain;
  lastWeek: WeekOfPain;
  /** thisWeek.mean − lastWeek.mean; undefined unless both are defined. */
  change: number | undefined;
}

/**
 * Week-over-week `morning` pain (CLINICAL.md, pain-monitoring model): this week is the 7 days
 * ending today, last week the 7 days before; both need 3 reports.
 */
export function morningTrend(reports: readonly PainReport[], today: Day): MorningTrend {
  const thisWeek = weekOfMorningPain(reports, today);
  const lastWeek = weekOfMorningPain(reports, addDays(today, -7));
  const change =
    thisWeek.mean !== undefined && lastWeek.mean !== undefined
      ? thisWeek.mean - lastWeek.mean
      : undefined;
  return { thisWeek, lastWeek, change };
}
