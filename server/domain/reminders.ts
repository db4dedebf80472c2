/**
 * When a patient is reminded (issue 16, decision 032). Pure: the caller passes the patient's
 * settings, their state and the instant; every day is a `YYYY-MM-DD` label in the patient's own
 * time zone and every clock time `HH:MM` on the patient's own wall clock, so a reminder set for
 * 18:00 comes at 18:00 local time in summer and in winter.
 *
 * - A reminder is due on a chosen weekday once the patient's clock has passed the chosen time,
 *   until the day is over: a reminder missed while the server was down is sent late, but only
 *   within the same day, and never during quiet hours.
 * - Nothing is sent on a day already done (every session asked today logged, or a rest day), nor
 *   to a discharged patient, a patient without a working link or without a program.
 * - The nudge: after 3 full days with no check-in at all (and before the clinician's 7-day
 *   `no-check-in` alert), once per silent stretch, at the reminder time, in place of that day's
 *   reminder. A day gets at most one notice.
 */
import { addDays, daysBetween, type Day } from "./days";

/** No notice between these times on the patient's clock (design choice: asleep or winding down). */
export const QUIET_HOURS = { from: "21:30", until: "07:00" } as const;
/** The earliest and latest reminder times a patient may choose: outside quiet hours. */
export const EARLIEST_REMINDER = "07:00";
export const LATEST_REMINDER = "21:00";
/** Full days without a check-in before the patient is nudged. */
export const NUDGE_AFTER_SILENT_DAYS = 3;
/** The clinician's `no-check-in@1` fires after this many days: the nudge comes before it. */
export const NO_CHECK_IN_DAYS = 7;

export const WEEKDAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;
/** Every day of the week, as the `weekdays` bit mask stores it (bit 0 Monday … bit 6 Sunday). */
export const EVERY_DAY = 0b111_1111;

/** Minutes after midnight of an `HH:MM` time; NaN when it is not one. */
export function minutesOf(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

/** A time a patient may choose: a real `HH:MM` between the earliest and latest reminder. */
export function isAllowedReminderTime(time: string): boolean {
  const m = minutesOf(time);
  return m >= minutesOf(EARLIEST_REMINDER) && m <= minutesOf(LATEST_REMINDER);
}

export function isQuietTime(minutes: number): boolean {
  return minutes >= minutesOf(QUIET_HOURS.from) || minutes < minutesOf(QUIET_HOURS.until);
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** The patient's wall clock at an instant: the day and the minutes since that day's midnight. */
export function localClock(instant: Date, timeZone: string): { day: Day; minutes: number } {
  let f = clockFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    clockFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    day: `${get("year")}-${get("month")}-${get("day")}`,
    minutes: Number(get("hour")) * 60 + Number(get("minute")),
  };
}

/** 0 for Monday … 6 for Sunday. */
export function weekdayOf(day: Day): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export function isChosenWeekday(weekdays: number, day: Day): boolean {
  return (weekdays & (1 << weekdayOf(day))) !== 0;
}

/** The weekdays of a mask, Monday first (0 … 6). */
export function weekdaysOfMask(weekdays: number): number[] {
  return [0, 1, 2, 3, 4, 5, 6].filter((i) => (weekdays & (1 << i)) !== 0);
}

export function maskOfWeekdays(days: readonly number[]): number {
  return days.reduce((mask, i) => mask | (1 << i), 0);
}

export interface ReminderSettingsFacts {
  remindersOn: boolean;
  /** `HH:MM` on the patient's clock. */
  remindAt: string;
  weekdays: number;
}

export interface PatientFacts {
  active: boolean;
  /** The patient has a link that is neither revoked nor expired. */
  linkWorks: boolean;
  hasProgram: boolean;
  /** The patient's last check-in day, or null if they never checked in. */
  lastCheckInDay: Day | null;
  /** The first day of the current program (the silence is counted from it when never checked in). */
  programStartDay: Day | null;
}

export type NoNoticeReason =
  | "off"
  | "discharged"
  | "no-link"
  | "no-program"
  | "not-yet"
  | "quiet-hours"
  | "not-a-reminder-day"
  | "day-done"
  | "already-sent";

export type NoticeDecision =
  | { notice: "reminder"; day: Day; sourceId: Day }
  | { notice: "nudge"; day: Day; sourceId: string }
  | { notice: null; day: Day; reason: NoNoticeReason };

/**
 * Full days with no check-in before `today` (today is not over, so it does not count yet). Counted
 * from the program's start when the patient never checked in; null when neither is known.
 */
export function silentDays(
  today: Day,
  lastCheckInDay: Day | null,
  programStartDay: Day | null,
): number | null {
  if (lastCheckInDay) return Math.max(0, daysBetween(lastCheckInDay, today) - 1);
  if (programStartDay) return Math.max(0, daysBetween(programStartDay, today));
  return null;
}

/** What identifies one silent stretch: it starts after the last check-in (or the program's start). */
export function silentStretchId(lastCheckInDay: Day | null, programStartDay: Day | null): string {
  return lastCheckInDay ? `after:${lastCheckInDay}` : `start:${programStartDay ?? "none"}`;
}

/**
 * The steps that need no database beyond the settings and the patient's row: whether it is time
 * for anything today. The scheduler asks this first, for every patient with reminders on, and
 * reads a patient's sessions only when it says "maybe".
 */
export function timeForNotice(options: {
  now: Date;
  timeZone: string;
  settings: ReminderSettingsFacts;
  patient: Pick<PatientFacts, "active" | "linkWorks" | "hasProgram">;
}): { day: Day; reason: NoNoticeReason | null } {
  const { settings, patient } = options;
  const clock = localClock(options.now, options.timeZone);
  const no = (reason: NoNoticeReason) => ({ day: clock.day, reason });
  if (!settings.remindersOn) return no("off");
  if (!patient.active) return no("discharged");
  if (!patient.linkWorks) return no("no-link");
  if (!patient.hasProgram) return no("no-program");
  if (clock.minutes < minutesOf(settings.remindAt)) return no("not-yet");
  if (isQuietTime(clock.minutes)) return no("quiet-hours");
  return { day: clock.day, reason: null };
}

/**
 * Today's notice for one patient, if any: the nudge when they have been silent for 3 full days
 * (and not yet nudged for this silence), otherwise the reminder on a chosen weekday that is not
 * yet done; each at most once (`sent` says what the outbox already holds).
 */
export function decideNotice(options: {
  now: Date;
  timeZone: string;
  settings: ReminderSettingsFacts;
  patient: PatientFacts;
  /** Every session asked today is logged (or today is a rest day for every exercise). */
  dayDone: boolean;
  sent: { reminderToday: boolean; nudgeThisStretch: boolean };
}): NoticeDecision {
  const { settings, patient, sent } = options;
  const time = timeForNotice(options);
  const { day } = time;
  if (time.reason) return { notice: null, day, reason: time.reason };
  // One notice a day: today's reminder, once sent, also stands for the nudge.
  if (sent.reminderToday) return { notice: null, day, reason: "already-sent" };
  const silent = silentDays(day, patient.lastCheckInDay, patient.programStartDay);
  if (
    silent !== null &&
    silent >= NUDGE_AFTER_SILENT_DAYS &&
    silent < NO_CHECK_IN_DAYS &&
    !sent.nudgeThisStretch
  ) {
    return {
      notice: "nudge",
      day,
      sourceId: silentStretchId(patient.lastCheckInDay, patient.programStartDay),
    };
  }
  if (!isChosenWeekday(settings.weekdays, day)) {
    return { notice: null, day, reason: "not-a-reminder-day" };
  }
  if (options.dayDone) return { notice: null, day, reason: "day-done" };
  return { notice: "reminder", day, sourceId: day };
}

/**
 * A queued reminder is still worth sending at `now`: the patient's day is still the day it was
 * for, and it is not quiet hours. A reminder held up past midnight (the server was down, the push
 * service refused) is dropped rather than sent the next day.
 */
export function stillTimely(options: { now: Date; timeZone: string; day: Day }): boolean {
  const clock = localClock(options.now, options.timeZone);
  return clock.day === options.day && !isQuietTime(clock.minutes);
}

/**
 * The session days in [from, to] the calendar feed shows: the chosen weekdays, from the program's
 * start on.
 */
export function calendarDays(options: {
  from: Day;
  to: Day;
  weekdays: number;
  programStartDay: Day | null;
}): Day[] {
  const days: Day[] = [];
  const start =
    options.programStartDay && options.programStartDay > options.from
      ? options.programStartDay
      : options.from;
  for (let day = start; day <= options.to; day = addDays(day, 1)) {
    if (isChosenWeekday(options.weekdays, day)) days.push(day);
  }
  return days;
}

/**
 * The instant a patient's wall-clock time happens on a day in their zone. A time the clocks skip
 * (a spring-forward gap) comes out an hour later, as a phone's alarm does; reminder times never
 * fall in a gap anyway (gaps are at night, reminders between 07:00 and 21:00 in every zone Rehabit
 * knows of).
 */
export function instantOf(day: Day, time: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const minutes = minutesOf(time);
  const wall = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  // Guess with the offset at the wall time read as UTC, then correct once with the offset there.
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const clock = localClock(new Date(guess), timeZone);
    const [gy, gm, gd] = clock.day.split("-").map(Number) as [number, number, number];
    const shown = Date.UTC(gy, gm - 1, gd) + clock.minutes * 60_000;
    guess += wall - shown;
  }
  return new Date(guess);
}
