import { describe, expect, it } from "vitest";
import { addDays, dayInZone, daysBetween, isValidTimeZone, startOfDayInZone } from "./days";

describe("dayInZone (CLINICAL.md example 10)", () => {
  it("example 10: puts 23:30 in Los Angeles on 3 March 2026 on 3 March, though it is 4 March in UTC", () => {
    expect(dayInZone(new Date("2026-03-04T07:30:00Z"), "America/Los_Angeles")).toBe("2026-03-03");
  });

  it("example 10: puts 00:30 in Auckland on 4 March 2026 on 4 March, though it is 3 March in UTC", () => {
    expect(dayInZone(new Date("2026-03-03T11:30:00Z"), "Pacific/Auckland")).toBe("2026-03-04");
  });

  it("uses UTC's own day in UTC", () => {
    expect(dayInZone(new Date("2026-03-03T23:59:59Z"), "UTC")).toBe("2026-03-03");
  });
});

describe("day arithmetic", () => {
  it("adds days across month and year ends", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("counts days between labels, ignoring daylight saving", () => {
    expect(daysBetween("2026-03-01", "2026-04-01")).toBe(31);
    expect(daysBetween("2026-04-01", "2026-03-01")).toBe(-31);
  });

  it("recognises real time zones only", () => {
    expect(isValidTimeZone("Europe/London")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("startOfDayInZone", () => {
  it("finds local midnight east and west of UTC", () => {
    expect(startOfDayInZone("2026-03-04", "Pacific/Auckland").toISOString()).toBe(
      "2026-03-03T11:00:00.000Z",
    );
    expect(startOfDayInZone("2026-03-04", "America/Los_Angeles").toISOString()).toBe(
      "2026-03-04T08:00:00.000Z",
    );
    expect(startOfDayInZone("2026-03-04", "UTC").toISOString()).toBe("2026-03-04T00:00:00.000Z");
  });

  it("follows daylight-saving changes", () => {
    // Los Angeles moves to daylight time on 8 March 2026 at 02:00: midnight is still PST.
    expect(startOfDayInZone("2026-03-08", "America/Los_Angeles").toISOString()).toBe(
      "2026-03-08T08:00:00.000Z",
    );
    expect(startOfDayInZone("2026-03-09", "America/Los_Angeles").toISOString()).toBe(
      "2026-03-09T07:00:00.000Z",
    );
  });

  it("starts a day whose midnight is skipped at the first instant that exists", () => {
    // Santiago skips from 00:00 to 01:00 on 6 September 2026.
    const start = startOfDayInZone("2026-09-06", "America/Santiago");
    expect(dayInZone(start, "America/Santiago")).toBe("2026-09-06");
    expect(dayInZone(new Date(start.getTime() - 1), "America/Santiago")).toBe("2026-09-05");
  });
});
