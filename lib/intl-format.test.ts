import { describe, expect, it } from "vitest";
import { dateTimeFormat, formatCalendarDay, relativeTimeFormat } from "./intl-format";

describe("cached date formatters", () => {
  const instant = new Date("2026-11-29T23:30:00Z");

  it("print what toLocaleString prints with the same options", () => {
    const cases: Intl.DateTimeFormatOptions[] = [
      { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" },
      { dateStyle: "medium", timeStyle: "short", timeZone: "Pacific/Auckland" },
      { day: "numeric", month: "short", year: "numeric", timeZone: "America/New_York" },
      { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
      { hour: "2-digit", minute: "2-digit" },
    ];
    for (const options of cases)
      expect(dateTimeFormat(options).format(instant)).toBe(
        instant.toLocaleString("en-GB", options),
      );
  });

  it("keep one formatter per set of options", () => {
    const options = { day: "numeric", month: "long", timeZone: "Asia/Tokyo" } as const;
    expect(dateTimeFormat({ ...options })).toBe(dateTimeFormat({ ...options }));
    expect(dateTimeFormat(options)).not.toBe(dateTimeFormat({ ...options, timeZone: "UTC" }));
  });

  it("name a calendar day the same in every time zone", () => {
    expect(formatCalendarDay("2026-11-29", { weekday: "long" })).toBe("Sunday");
    expect(formatCalendarDay("2026-11-29", { day: "numeric", month: "short" })).toBe("29 Nov");
    expect(
      formatCalendarDay("2026-03-01", { weekday: "long", day: "numeric", month: "long" }),
    ).toBe("Sunday 1 March");
  });

  it("say how long ago in words", () => {
    expect(relativeTimeFormat().format(-1, "day")).toBe("yesterday");
    expect(relativeTimeFormat()).toBe(relativeTimeFormat());
  });
});
