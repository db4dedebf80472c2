import { describe, expect, it } from "vitest";
import {
  currentOccurrence,
  isOccurrence,
  nextOccurrence,
  type MeasureSchedule,
} from "./measure-schedule";

const weekly: MeasureSchedule = {
  kind: "interval",
  everyWeeks: 1,
  firstDay: "2026-03-02",
  cancelledDay: null,
};
const fortnightly: MeasureSchedule = { ...weekly, everyWeeks: 2 };
const atStart: MeasureSchedule = {
  kind: "start",
  everyWeeks: null,
  firstDay: "2026-03-02",
  cancelledDay: null,
};

describe("when a scheduled measure is due", () => {
  it("opens nothing before the first day", () => {
    expect(currentOccurrence(weekly, "2026-03-01")).toBeNull();
    expect(nextOccurrence(weekly, "2026-03-01")).toBe("2026-03-02");
  });

  it("keeps each weekly occurrence open until the next one comes", () => {
    expect(currentOccurrence(weekly, "2026-03-02")).toBe("2026-03-02");
    expect(currentOccurrence(weekly, "2026-03-08")).toBe("2026-03-02");
    expect(currentOccurrence(weekly, "2026-03-09")).toBe("2026-03-09");
    expect(nextOccurrence(weekly, "2026-03-09")).toBe("2026-03-16");
    expect(currentOccurrence(fortnightly, "2026-03-15")).toBe("2026-03-02");
    expect(currentOccurrence(fortnightly, "2026-03-16")).toBe("2026-03-16");
  });

  it("asks a start or discharge measure once, from its day on", () => {
    expect(currentOccurrence(atStart, "2026-04-30")).toBe("2026-03-02");
    expect(nextOccurrence(atStart, "2026-03-02")).toBeNull();
    expect(isOccurrence(atStart, "2026-03-09", "2026-03-09")).toBe(false);
  });

  it("accepts a late answer for a past occurrence, never one for a future or made-up day", () => {
    expect(isOccurrence(weekly, "2026-03-02", "2026-03-20")).toBe(true);
    expect(isOccurrence(weekly, "2026-03-16", "2026-03-10")).toBe(false);
    expect(isOccurrence(weekly, "2026-03-03", "2026-03-10")).toBe(false);
    expect(isOccurrence(fortnightly, "2026-03-09", "2026-03-20")).toBe(false);
  });

  it("stops on the day it is cancelled", () => {
    const cancelled = { ...weekly, cancelledDay: "2026-03-10" };
    expect(currentOccurrence(cancelled, "2026-03-09")).toBe("2026-03-09");
    expect(currentOccurrence(cancelled, "2026-03-10")).toBeNull();
    expect(isOccurrence(cancelled, "2026-03-09", "2026-03-12")).toBe(true);
    expect(isOccurrence(cancelled, "2026-03-16", "2026-03-16")).toBe(false);
    expect(nextOccurrence(cancelled, "2026-03-09")).toBeNull();
  });
});
