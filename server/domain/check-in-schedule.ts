/**
 * What the patient is asked, and when (CLINICAL.md, "Pain" and "Red flags"). Pure: the caller
 * passes the days already answered, every day a `YYYY-MM-DD` label in the patient's time zone.
 *
 * - The morning pain question: once a day, on the first visit of the day, until it is answered.
 * - After an exercise day (at least one session done yesterday) the morning answer is also the
 *   `next_morning` report: the same score stored under both contexts.
 * - The red-flag safety check: in the first check-in of each week. A week is the ISO week, Monday
 *   to Sunday, in the patient's time zone.
 * - Exercises: an item asks for its sessions per day on each day until its days per week are met
 *   for this week; the patient chooses which days.
 * - The exercise pain question (worst pain during the exercises): once a day, after at least one
 *   session was done that day.
 */
import type { PainContext } from "@/db/schema/enums";
import { addDays, daysBetween, type Day } from "./days";

/** The Monday that starts the ISO week holding `day`. */
export function weekStart(day: Day): Day {
  let start = weekStarts.get(day);
  if (start === undefined) {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    start = addDays(day, -((weekday + 6) % 7));
    // The patient's pages ask this of the same few weeks' days on every request.
    if (weekStarts.size >= 10_000) weekStarts.clear();
    weekStarts.set(day, start);
  }
  return start;
}

const weekStarts = new Map<Day, Day>();

export function isInWeekOf(day: Day, reference: Day): boolean {
  return weekStart(day) === weekStart(reference);
}

export function isMorningPainDue(options: { today: Day; morningDays: readonly Day[] }): boolean {
  return !options.morningDays.includes(options.today);
}

/** The contexts the morning answer is stored under. */
export function morningPainContexts(options: {
  today: Day;
  exerciseDays: readonly Day[];
}): PainContext[] {
  return options.exerciseDays.includes(addDays(options.today, -1))
    ? ["morning", "next_morning"]
    : ["morning"];
}

export function isSafetyCheckDue(options: { today: Day; safetyDays: readonly Day[] }): boolean {
  return !options.safetyDays.some(
    (day) => isInWeekOf(day, options.today) && daysBetween(day, options.today) >= 0,
  );
}

export interface ScheduledItem {
  /** Identifies the exercise across program versions, so a mid-week change keeps the count. */
  key: string;
  sessionsPerDay: number;
  daysPerWeek: number;
}

export interface LoggedSession {
  key: string;
  day: Day;
  done: boolean;
}

export interface ItemToday {
  key: string;
  /** Sessions asked today: 0 on a rest day for this item. */
  asked: number;
  doneToday: number;
  skippedToday: number;
  /** Asked sessions not yet logged (done or skipped) today. */
  remaining: number;
  /** Distinct days this week, before today, with at least one session done. */
  daysDoneThisWeek: number;
  restDay: boolean;
}

export function itemsToday(options: {
  today: Day;
  items: readonly ScheduledItem[];
  logs: readonly LoggedSession[];
}): ItemToday[] {
  const { today } = options;
  return options.items.map((item) => {
    const mine = options.logs.filter((l) => l.key === item.key);
    const earlierDays = new Set(
      mine
        .filter((l) => l.done && isInWeekOf(l.day, today) && daysBetween(l.day, today) > 0)
        .map((l) => l.day),
    );
    const todays = mine.filter((l) => l.day === today);
    const doneToday = todays.filter((l) => l.done).length;
    const skippedToday = todays.length - doneToday;
    const restDay = earlierDays.size >= item.daysPerWeek && doneToday === 0;
    const asked = restDay ? 0 : item.sessionsPerDay;
    return {
      key: item.key,
      asked,
      doneToday,
      skippedToday,
      remaining: Math.max(0, asked - todays.length),
      daysDoneThisWeek: earlierDays.size,
      restDay,
    };
  });
}

export function isExercisePainDue(options: {
  today: Day;
  sessionsDoneToday: number;
  duringDays: readonly Day[];
}): boolean {
  return options.sessionsDoneToday > 0 && !options.duringDays.includes(options.today);
}

export interface TodayAsks {
  morningPain: boolean;
  safetyCheck: boolean;
  exercisePain: boolean;
  items: ItemToday[];
  /** Nothing at all is asked today: no question and no session. */
  nothingAsked: boolean;
}

export function todayAsks(options: {
  today: Day;
  items: readonly ScheduledItem[];
  logs: readonly LoggedSession[];
  morningDays: readonly Day[];
  duringDays: readonly Day[];
  safetyDays: readonly Day[];
}): TodayAsks {
  const items = itemsToday(options);
  const sessionsDoneToday = items.reduce((n, i) => n + i.doneToday, 0);
  const morningPain = isMorningPainDue(options);
  const safetyCheck = isSafetyCheckDue(options);
  const exercisePain = isExercisePainDue({ ...options, sessionsDoneToday });
  return {
    morningPain,
    safetyCheck,
    exercisePain,
    items,
    nothingAsked:
      !morningPain && !safetyCheck && !exercisePain && items.every((i) => i.asked === 0),
  };
}

/** How far a phone's clock may run ahead of the server's before its time is not believed. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** The oldest a submission kept on an offline phone may be and still keep its own time. */
export const MAX_QUEUED_MS = 14 * 86_400_000;

/**
 * The instant a submission counts for: when the patient tapped (it may have waited on an offline
 * phone), unless the phone's clock is implausible, then when the server received it.
 */
export function submissionInstant(tappedAt: Date | undefined, receivedAt: Date): Date {
  if (!tappedAt || Number.isNaN(tappedAt.getTime())) return receivedAt;
  const age = receivedAt.getTime() - tappedAt.getTime();
  if (age < -CLOCK_SKEW_MS || age > MAX_QUEUED_MS) return receivedAt;
  return age < 0 ? receivedAt : tappedAt;
}
