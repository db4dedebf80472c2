/** Which program version was in force on a day, and for how long (CLINICAL.md, "Adherence"). */
import type { ItemSchedule, VersionInfo, VersionWithItems } from "./clinical-types";
import { addDays, daysBetween, type Day } from "./days";

/** Sorts anything with a day, oldest first (`YYYY-MM-DD` sorts as text). */
export function byDay(a: { day: Day }, b: { day: Day }): number {
  return a.day < b.day ? -1 : a.day > b.day ? 1 : 0;
}

function byNumber<T extends VersionInfo>(versions: readonly T[]): T[] {
  return [...versions].sort((a, b) => a.number - b.number);
}

/**
 * The version in force on a day: the highest-numbered one whose day has come. Two versions saved on
 * the same day leave the later one in force for all of that day.
 */
export function versionOn<T extends VersionInfo>(versions: readonly T[], day: Day): T | undefined {
  let found: T | undefined;
  for (const v of byNumber(versions)) {
    if (v.fromDay <= day) found = v;
  }
  return found;
}

/** The day the program started: the day its first version took effect. */
export function programStartDay(versions: readonly VersionInfo[]): Day | undefined {
  return byNumber(versions)[0]?.fromDay;
}

/**
 * Full days elapsed from `fromDay` up to, not including, today (0 on the first day). "At least 7
 * days on this version" means `fullDaysSince(version.fromDay, today) >= 7`, so the whole A(7)
 * window lies on it.
 */
export function fullDaysSince(fromDay: Day, today: Day): number {
  return Math.max(0, daysBetween(fromDay, today));
}

/**
 * The first day a version's items are expected (CLINICAL.md, "Adherence"): the first version from
 * its own day, since the program starts then; a later one from the day after it was saved, because
 * the day it is saved still belongs to the version in force when that day began.
 */
export function expectationsStart(version: VersionInfo, index: number): Day {
  return index === 0 ? version.fromDay : addDays(version.fromDay, 1);
}

/**
 * Every item with the days it was expected: from its version's `expectationsStart` to the day
 * before the next version's. A version replaced on the day it was saved is never expected, so its
 * items get an empty range.
 */
export function scheduleItems(versions: readonly VersionWithItems[]): ItemSchedule[] {
  const sorted = byNumber(versions);
  return sorted.flatMap((v, i) => {
    const next = sorted[i + 1];
    const toDay = next ? addDays(expectationsStart(next, i + 1), -1) : null;
    return v.items.map((item) => ({ ...item, fromDay: expectationsStart(v, i), toDay }));
  });
}

/** Whether the item was expected on a day. */
export function inForceOn(item: ItemSchedule, day: Day): boolean {
  return day >= item.fromDay && (item.toDay === null || day <= item.toDay);
}

/** Days of the inclusive range [from, to] on which the item was in force. */
export function daysInForce(item: ItemSchedule, from: Day, to: Day): number {
  const start = item.fromDay > from ? item.fromDay : from;
  const end = item.toDay !== null && item.toDay < to ? item.toDay : to;
  return Math.max(0, daysBetween(start, end) + 1);
}
