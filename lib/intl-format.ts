/**
 * Date formatters kept for the life of the process. `toLocaleDateString("en-GB", options)` and its
 * siblings build a new Intl.DateTimeFormat on every call, 0.1–0.2 ms each on the server: the
 * patient page, which labels a hundred days, spent about 20 ms of its render on it (issue 11's
 * page bench). Call sites pass fixed options, and time zones are few, so the map stays small.
 *
 * The options must name the fields to print (as every call site does): unlike
 * `toLocaleString`, a formatter given none prints the date alone.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

/**
 * A `YYYY-MM-DD` calendar day in words, e.g. `{ weekday: "long" }` → "Thursday". Read at noon
 * UTC, so no time zone can move it to the day before or after.
 */
export function formatCalendarDay(
  day: string,
  options: Omit<Intl.DateTimeFormatOptions, "timeZone">,
): string {
  return dateTimeFormat({ ...options, timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
}

let relative: Intl.RelativeTimeFormat | undefined;

/** "2 hours ago", "yesterday": one formatter, built on first use. */
export function relativeTimeFormat(): Intl.RelativeTimeFormat {
  relative ??= new Intl.RelativeTimeFormat("en-GB", { numeric: "auto" });
  return relative;
}
