import { describe, expect, it } from "vitest";
import type { ItemSchedule, PrescribedItem } from "./clinical-types";
import {
  byDay,
  daysInForce,
  fullDaysSince,
  programStartDay,
  scheduleItems,
  versionOn,
} from "./timeline";

// Day boundaries in the patient's time zone (CLINICAL.md example 10) are tested in days.test.ts.

const v1 = { number: 1, painLimit: 5, fromDay: "2026-03-01" };
const v2 = { number: 2, painLimit: 2, fromDay: "2026-03-05" };
const v3 = { number: 3, painLimit: 4, fromDay: "2026-03-05" };

const prescribed = (itemId: string): PrescribedItem => ({
  itemId,
  sessionsPerDay: 1,
  daysPerWeek: 7,
  sets: 2,
  reps: 10,
});

describe("versionOn", () => {
  it("finds the version in force on a day, whatever the input order", () => {
    expect(versionOn([v2, v1], "2026-03-04")).toBe(v1);
    expect(versionOn([v2, v1], "2026-03-05")).toBe(v2);
    expect(versionOn([v2, v1], "2026-04-01")).toBe(v2);
  });

  it("has none before the program", () => {
    expect(versionOn([v1, v2], "2026-02-28")).toBeUndefined();
    expect(versionOn([], "2026-03-01")).toBeUndefined();
  });

  it("leaves the later of two versions saved on one day in force for that day", () => {
    expect(versionOn([v3, v1, v2], "2026-03-05")).toBe(v3);
  });
});

describe("programStartDay and fullDaysSince", () => {
  it("starts the program on its first version's day", () => {
    expect(programStartDay([v2, v1])).toBe("2026-03-01");
    expect(programStartDay([])).toBeUndefined();
  });

  it("counts full days before today, 0 on the first day and for a day still to come", () => {
    expect(fullDaysSince("2026-03-01", "2026-03-08")).toBe(7);
    expect(fullDaysSince("2026-03-01", "2026-03-01")).toBe(0);
    expect(fullDaysSince("2026-03-09", "2026-03-01")).toBe(0);
  });
});

describe("scheduleItems", () => {
  it("expects the first version from its day and a later one from the day after it was saved", () => {
    const items = scheduleItems([
      { ...v2, items: [prescribed("c")] },
      { ...v1, items: [prescribed("a"), prescribed("b")] },
    ]);
    // The day version 2 is saved still belongs to version 1 (CLINICAL.md, "Adherence").
    expect(items.map((i) => [i.itemId, i.fromDay, i.toDay])).toEqual([
      ["a", "2026-03-01", "2026-03-05"],
      ["b", "2026-03-01", "2026-03-05"],
      ["c", "2026-03-06", null],
    ]);
  });

  it("gives a version replaced on the day it was saved an empty range", () => {
    const items = scheduleItems([
      { ...v1, items: [prescribed("a")] },
      { ...v2, items: [prescribed("c")] },
      { ...v3, items: [prescribed("d")] },
    ]);
    const c = items.find((i) => i.itemId === "c") as ItemSchedule;
    expect([c.fromDay, c.toDay]).toEqual(["2026-03-06", "2026-03-05"]);
    expect(daysInForce(c, "2026-03-01", "2026-03-31")).toBe(0);
    const d = items.find((i) => i.itemId === "d") as ItemSchedule;
    expect([d.fromDay, d.toDay]).toEqual(["2026-03-06", null]);
  });
});

describe("daysInForce", () => {
  const item: ItemSchedule = { ...prescribed("a"), fromDay: "2026-03-05", toDay: "2026-03-08" };

  it("clips the item's days to the range at both ends", () => {
    expect(daysInForce(item, "2026-03-01", "2026-03-31")).toBe(4);
    expect(daysInForce(item, "2026-03-06", "2026-03-07")).toBe(2);
    expect(daysInForce({ ...item, toDay: null }, "2026-03-01", "2026-03-07")).toBe(3);
  });

  it("is 0 outside the range", () => {
    expect(daysInForce(item, "2026-03-09", "2026-03-15")).toBe(0);
    expect(daysInForce(item, "2026-02-01", "2026-03-04")).toBe(0);
  });
});

describe("byDay", () => {
  it("sorts oldest first and keeps equal days together", () => {
    const days = [{ day: "2026-03-02" }, { day: "2026-03-01" }, { day: "2026-03-02" }];
    expect([...days].sort(byDay).map((d) => d.day)).toEqual([
      "2026-03-01",
      "2026-03-02",
      "2026-03-02",
    ]);
  });
});
