/** Calendar days are `YYYY-MM-DD` in the patient's own time zone (CLINICAL.md, example 10). */
export type Day = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The calendar day an instant falls on in a time zone. Asked again and again for the same few
 * instants (a version's start, an alert's last answer, each time a patient's figures are worked
 * out), and formatting one costs microseconds: the answers are kept, up to a bound.
 */
export function dayInZone(instant: Date, timeZone: string): Day {
  const key = `${timeZone}|${instant.getTime()}`;
  let day = daysOfInstants.get(key);
  if (day === undefined) {
    if (daysOfInstants.size >= MAX_DAYS_OF_INSTANTS) daysOfInstants.clear();
    day = formatDayInZone(instant, timeZone);
    daysOfInstants.set(key, day);
  }
  return day;
}

const MAX_DAYS_OF_INSTANTS = 50_000;
const daysOfInstants = new Map<string, Day>();

function formatDayInZone(instant: Date, timeZone: string): Day {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** Midnight UTC of a calendar day in milliseconds, read by position (days are `YYYY-MM-DD`). */
function utcOf(day: Day): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

/** Adds whole days to a calendar day (no time zone involved: days are labels). */
export function addDays(day: Day, days: number): Day {
  return new Date(utcOf(day) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((utcOf(to) - utcOf(from)) / 86_400_000);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Building a formatter costs far more than using one: one per zone for the process. */
function offsetFormatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    offsetFormatters.set(timeZone, f);
  }
  return f;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = offsetFormatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The first instant of a calendar day in a time zone. Two passes settle a day whose offset differs
 * from the day before (a daylight-saving change at or near midnight).
 */
export function startOfDayInZone(day: Day, timeZone: string): Date {
  const key = `${timeZone} ${day}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    // Every check-in asks for the same few days; a day's start never changes, so keep them, up to
    // a bound that a clinic's zones and a year of days stay well under.
    if (dayStarts.size >= MAX_DAY_STARTS) dayStarts.clear();
    start = computeStartOfDay(day, timeZone);
    dayStarts.set(key, start);
  }
  return new Date(start);
}

const MAX_DAY_STARTS = 50_000;
const dayStarts = new Map<string, number>();

function computeStartOfDay(day: Day, timeZone: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const wallMidnight = Date.UTC(y, m - 1, d);
  let guess = wallMidnight - zoneOffsetMs(wallMidnight, timeZone);
  guess = wallMidnight - zoneOffsetMs(guess, timeZone);
  // Where midnight itself is skipped the day starts at the first instant that belongs to it.
  while (dayInZone(new Date(guess), timeZone) !== day) guess += 15 * 60_000;
  return guess;
}
