/**
 * The figures of a discharge summary (issue 15, part 4): adherence over the episode, pain from the
 * baseline to the end, and the goals reached. Built on the same rules as the caseload
 * (CLINICAL.md, "Adherence" and "Pain"), so the summary and the record never disagree.
 */
import { adherence } from "./adherence";
import type { ExerciseSession, PainReport, VersionWithItems } from "./clinical-types";
import { addDays, daysBetween, type Day } from "./days";
import {
  baselinePain,
  isMeaningfulChange,
  isMeaningfulImprovement,
  weekOfMorningPain,
} from "./pain";
import { programStartDay, scheduleItems } from "./timeline";

export interface EpisodeAdherence {
  /** The days counted: the program's first day to the last full day before discharge. */
  from: Day;
  to: Day;
  days: number;
  expected: number;
  done: number;
  /** Σ done / Σ expected over the episode; undefined when nothing was expected. */
  sessionAdherence: number | undefined;
  doseAdherence: number | undefined;
}

/**
 * Session and dose adherence over the whole program, A(N) with N the days from its first day up to
 * the discharge day (the discharge day itself is never counted: like "today", it was not over).
 * Undefined when the program started on the discharge day or there was none.
 */
export function episodeAdherence(options: {
  versions: readonly VersionWithItems[];
  sessions: readonly ExerciseSession[];
  dischargeDay: Day;
}): EpisodeAdherence | undefined {
  const start = programStartDay(options.versions);
  if (start === undefined) return undefined;
  const days = daysBetween(start, options.dischargeDay);
  if (days < 1) return undefined;
  const result = adherence({
    items: scheduleItems(options.versions),
    sessions: options.sessions,
    today: options.dischargeDay,
    days,
  });
  return {
    from: result.window.from,
    to: result.window.to,
    days,
    expected: result.expected,
    done: result.done,
    sessionAdherence: result.sessionAdherence,
    doseAdherence: result.doseAdherence,
  };
}

export interface EpisodePain {
  /** Mean `morning` pain of the program's first 7 days; undefined with fewer than 3 reports. */
  baseline: number | undefined;
  /** Mean `morning` pain of the 7 days ending on the discharge day; same rule. */
  end: number | undefined;
  endFrom: Day;
  endTo: Day;
  /** end − baseline: negative is better. */
  change: number | undefined;
  /** Baseline − end ≥ 2 points and ≥ 30 % (CLINICAL.md, "Meaningful improvement"). */
  improved: boolean;
  /** A rise of 2 points or 30 %: the change is meaningful and in the wrong direction. */
  worsened: boolean;
  /** Every `morning` report of the episode, for "n reports" beside the means. */
  morningReports: number;
}

export function episodePain(options: {
  reports: readonly PainReport[];
  programStart: Day | undefined;
  dischargeDay: Day;
}): EpisodePain {
  const { reports, programStart, dischargeDay } = options;
  const baseline = programStart === undefined ? undefined : baselinePain(reports, programStart);
  const endWeek = weekOfMorningPain(reports, dischargeDay);
  const change =
    baseline !== undefined && endWeek.mean !== undefined ? endWeek.mean - baseline : undefined;
  return {
    baseline,
    end: endWeek.mean,
    endFrom: endWeek.from,
    endTo: endWeek.to,
    change,
    improved: isMeaningfulImprovement(baseline, endWeek.mean),
    worsened:
      baseline !== undefined &&
      endWeek.mean !== undefined &&
      endWeek.mean > baseline &&
      isMeaningfulChange(baseline, endWeek.mean),
    morningReports: reports.filter(
      (r) =>
        r.context === "morning" &&
        (programStart === undefined || r.day >= programStart) &&
        r.day <= dischargeDay,
    ).length,
  };
}

export type GoalOutcome = "active" | "met" | "not_met" | "dropped";

export interface GoalTally {
  /** Goals that counted: every goal except the dropped ones. */
  set: number;
  met: number;
  notMet: number;
  /** Still open at discharge. */
  open: number;
  dropped: number;
}

/** How many goals were reached: dropped goals are listed apart and not counted as set. */
export function goalTally(goals: readonly { status: GoalOutcome }[]): GoalTally {
  const count = (status: GoalOutcome) => goals.filter((g) => g.status === status).length;
  const dropped = count("dropped");
  return {
    set: goals.length - dropped,
    met: count("met"),
    notMet: count("not_met"),
    open: count("active"),
    dropped,
  };
}

export interface VersionChange<R extends string> {
  number: number;
  reason: R;
  note: string | null;
  fromDay: Day;
  /** Last day in force; the discharge day for the last version. */
  toDay: Day;
  days: number;
}

/**
 * The program's versions as a history: each with the days it was in force and why it replaced the
 * one before. Two versions saved on one day leave the earlier in force for none of it.
 */
export function versionHistory<R extends string>(
  versions: readonly { number: number; reason: R; note: string | null; fromDay: Day }[],
  dischargeDay: Day,
): VersionChange<R>[] {
  const sorted = [...versions].sort((a, b) => a.number - b.number);
  return sorted.map((v, i) => {
    const next = sorted[i + 1];
    const toDay = next ? addDays(next.fromDay, -1) : dischargeDay;
    return {
      number: v.number,
      reason: v.reason,
      note: v.note,
      fromDay: v.fromDay,
      toDay,
      days: Math.max(0, daysBetween(v.fromDay, toDay) + 1),
    };
  });
}
