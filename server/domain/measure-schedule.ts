import type { ScheduleKind } from "@/lib/measures/schema";
import { addDays, daysBetween, type Day } from "./days";

/**
 * When a scheduled outcome measure is due (issue 15). A schedule has occurrences: "at start" and
 * "at discharge" one, on the day the clinician chose; "every N weeks" one every N weeks from its
 * first day. An occurrence stays open until it is answered or the next one comes: a missed week
 * is not asked twice. Each occurrence takes one response.
 */
export interface MeasureSchedule {
  kind: ScheduleKind;
  /** Weeks between occurrences, for `interval`. */
  everyWeeks: number | null;
  firstDay: Day;
  /** The day it was cancelled in the patient's zone, if it was: nothing is due from then. */
  cancelledDay: Day | null;
}

/** The occurrence open on `today` (the latest one on or before it), or null before the first. */
export function currentOccurrence(schedule: MeasureSchedule, today: Day): Day | null {
  if (schedule.cancelledDay !== null && schedule.cancelledDay <= today) return null;
  if (today < schedule.firstDay) return null;
  if (schedule.kind !== "interval") return schedule.firstDay;
  const step = 7 * Math.max(1, schedule.everyWeeks ?? 1);
  const k = Math.floor(daysBetween(schedule.firstDay, today) / step);
  return addDays(schedule.firstDay, k * step);
}

/**
 * Whether `day` is one of the schedule's occurrences on or before `today`: an answer made on an
 * offline phone for an occurrence that has since passed is still taken, once.
 */
export function isOccurrence(schedule: MeasureSchedule, day: Day, today: Day): boolean {
  if (day > today || day < schedule.firstDay) return false;
  if (schedule.cancelledDay !== null && day >= schedule.cancelledDay) return false;
  if (schedule.kind !== "interval") return day === schedule.firstDay;
  const step = 7 * Math.max(1, schedule.everyWeeks ?? 1);
  return daysBetween(schedule.firstDay, day) % step === 0;
}

/** The next occurrence after `today`, for "next due" on the clinician's page; null if none. */
export function nextOccurrence(schedule: MeasureSchedule, today: Day): Day | null {
  if (schedule.cancelledDay !== null) return null;
  if (today < schedule.firstDay) return schedule.firstDay;
  if (schedule.kind !== "interval") return null;
  const step = 7 * Math.max(1, schedule.everyWeeks ?? 1);
  const k = Math.floor(daysBetween(schedule.firstDay, today) / step) + 1;
  return addDays(schedule.firstDay, k * step);
}
