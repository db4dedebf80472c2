import { describe, expect, it } from "vitest";
import {
  isExercisePainDue,
  isInWeekOf,
  isMorningPainDue,
  isSafetyCheckDue,
  itemsToday,
  morningPainContexts,
  submissionInstant,
  todayAsks,
  weekStart,
} from "./check-in-schedule";
import { dayInZone } from "./days";

describe("weeks are ISO weeks, Monday to Sunday", () => {
  it("starts every day of a week on its Monday", () => {
    // 2 March 2026 is a Monday.
    expect(weekStart("2026-03-02")).toBe("2026-03-02");
    expect(weekStart("2026-03-05")).toBe("2026-03-02");
    expect(weekStart("2026-03-08")).toBe("2026-03-02");
    expect(weekStart("2026-03-09")).toBe("2026-03-09");
  });

  it("crosses month and year ends", () => {
    expect(weekStart("2026-01-01")).toBe("2025-12-29");
    expect(weekStart("2026-03-01")).toBe("2026-02-23");
  });

  it("tells whether two days share a week", () => {
    expect(isInWeekOf("2026-03-08", "2026-03-02")).toBe(true);
    expect(isInWeekOf("2026-03-09", "2026-03-08")).toBe(false);
  });
});

describe("the morning pain question", () => {
  it("is asked on the first visit of a day and not again once answered", () => {
    expect(isMorningPainDue({ today: "2026-03-04", morningDays: [] })).toBe(true);
    expect(isMorningPainDue({ today: "2026-03-04", morningDays: ["2026-03-03"] })).toBe(true);
    expect(isMorningPainDue({ today: "2026-03-04", morningDays: ["2026-03-04"] })).toBe(false);
  });

  it("is also the next-morning report after a day with a session done", () => {
    expect(morningPainContexts({ today: "2026-03-04", exerciseDays: ["2026-03-03"] })).toEqual([
      "morning",
      "next_morning",
    ]);
  });

  it("is only the morning report after a rest day, or when the exercise was earlier or today", () => {
    expect(morningPainContexts({ today: "2026-03-04", exerciseDays: [] })).toEqual(["morning"]);
    expect(morningPainContexts({ today: "2026-03-04", exerciseDays: ["2026-03-02"] })).toEqual([
      "morning",
    ]);
    expect(morningPainContexts({ today: "2026-03-04", exerciseDays: ["2026-03-04"] })).toEqual([
      "morning",
    ]);
  });

  it("follows the patient's day, not UTC's (CLINICAL.md example 10)", () => {
    // 23:30 on 3 March in Los Angeles is 4 March in UTC: an answer then belongs to 3 March, so
    // on 3 March the question is no longer due.
    const la = dayInZone(new Date("2026-03-04T07:30:00Z"), "America/Los_Angeles");
    expect(isMorningPainDue({ today: "2026-03-03", morningDays: [la] })).toBe(false);
    // 00:30 on 4 March in Auckland is still 3 March in UTC: a new day has begun for the patient.
    const nz = dayInZone(new Date("2026-03-03T11:30:00Z"), "Pacific/Auckland");
    expect(isMorningPainDue({ today: nz, morningDays: ["2026-03-03"] })).toBe(true);
  });
});

describe("the red-flag safety check", () => {
  it("is due in the first check-in of each week", () => {
    expect(isSafetyCheckDue({ today: "2026-03-02", safetyDays: [] })).toBe(true);
    expect(isSafetyCheckDue({ today: "2026-03-05", safetyDays: ["2026-03-02"] })).toBe(false);
    expect(isSafetyCheckDue({ today: "2026-03-08", safetyDays: ["2026-03-02"] })).toBe(false);
  });

  it("is due again on Monday after a check on the Sunday before", () => {
    expect(isSafetyCheckDue({ today: "2026-03-09", safetyDays: ["2026-03-08"] })).toBe(true);
  });

  it("does not count an answer dated later than today", () => {
    expect(isSafetyCheckDue({ today: "2026-03-03", safetyDays: ["2026-03-04"] })).toBe(true);
  });

  it("turns the week at local midnight on Monday in Pacific/Auckland", () => {
    // 9 March 2026 00:30 in Auckland (NZDT, +13) is 8 March 11:30 UTC, a Sunday in UTC.
    const monday = dayInZone(new Date("2026-03-08T11:30:00Z"), "Pacific/Auckland");
    expect(monday).toBe("2026-03-09");
    expect(isSafetyCheckDue({ today: monday, safetyDays: ["2026-03-08"] })).toBe(true);
    // One hour earlier it is still Sunday 8 March in Auckland: last Monday's check still counts.
    const sunday = dayInZone(new Date("2026-03-08T10:30:00Z"), "Pacific/Auckland");
    expect(sunday).toBe("2026-03-08");
    expect(isSafetyCheckDue({ today: sunday, safetyDays: ["2026-03-02"] })).toBe(false);
  });

  it("keeps Sunday evening in Los Angeles in the old week though UTC is on Monday", () => {
    const sunday = dayInZone(new Date("2026-03-09T06:30:00Z"), "America/Los_Angeles");
    expect(sunday).toBe("2026-03-08");
    expect(isSafetyCheckDue({ today: sunday, safetyDays: ["2026-03-02"] })).toBe(false);
  });
});

describe("which exercises are asked today", () => {
  const daily = { key: "squat", sessionsPerDay: 1, daysPerWeek: 7 };
  const twice = { key: "bridge", sessionsPerDay: 2, daysPerWeek: 7 };
  const threeDays = { key: "glide", sessionsPerDay: 1, daysPerWeek: 3 };

  it("asks every session of a daily item and counts what is logged today", () => {
    const [squat, bridge] = itemsToday({
      today: "2026-03-04",
      items: [daily, twice],
      logs: [
        { key: "bridge", day: "2026-03-04", done: true },
        { key: "squat", day: "2026-03-03", done: true },
      ],
    });
    expect(squat).toMatchObject({ asked: 1, doneToday: 0, remaining: 1, restDay: false });
    expect(bridge).toMatchObject({ asked: 2, doneToday: 1, remaining: 1 });
  });

  it("counts a skipped session as logged but not done", () => {
    const [squat] = itemsToday({
      today: "2026-03-04",
      items: [daily],
      logs: [{ key: "squat", day: "2026-03-04", done: false }],
    });
    expect(squat).toMatchObject({ asked: 1, doneToday: 0, skippedToday: 1, remaining: 0 });
  });

  it("rests an item once its days per week are met this week", () => {
    const logs = ["2026-03-02", "2026-03-03", "2026-03-04"].map((day) => ({
      key: "glide",
      day,
      done: true,
    }));
    const [thursday] = itemsToday({ today: "2026-03-05", items: [threeDays], logs });
    expect(thursday).toMatchObject({ asked: 0, restDay: true, daysDoneThisWeek: 3, remaining: 0 });
    // Monday is a new week: the item is asked again.
    const [monday] = itemsToday({ today: "2026-03-09", items: [threeDays], logs });
    expect(monday).toMatchObject({ asked: 1, restDay: false, daysDoneThisWeek: 0 });
  });

  it("does not count skipped days towards the week, nor a second session on one day twice", () => {
    const logs = [
      { key: "glide", day: "2026-03-02", done: false },
      { key: "glide", day: "2026-03-03", done: true },
      { key: "glide", day: "2026-03-03", done: true },
    ];
    const [item] = itemsToday({ today: "2026-03-04", items: [threeDays], logs });
    expect(item).toMatchObject({ asked: 1, daysDoneThisWeek: 1 });
  });

  it("keeps a rest-day item open when the patient did it today anyway", () => {
    const logs = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"].map((day) => ({
      key: "glide",
      day,
      done: true,
    }));
    const [item] = itemsToday({ today: "2026-03-05", items: [threeDays], logs });
    expect(item).toMatchObject({ restDay: false, asked: 1, doneToday: 1, remaining: 0 });
  });
});

describe("the exercise pain question", () => {
  it("waits for a session done today and is asked once a day", () => {
    expect(isExercisePainDue({ today: "2026-03-04", sessionsDoneToday: 0, duringDays: [] })).toBe(
      false,
    );
    expect(isExercisePainDue({ today: "2026-03-04", sessionsDoneToday: 1, duringDays: [] })).toBe(
      true,
    );
    expect(
      isExercisePainDue({ today: "2026-03-04", sessionsDoneToday: 2, duringDays: ["2026-03-04"] }),
    ).toBe(false);
  });
});

describe("today's asks together", () => {
  const base = {
    today: "2026-03-05",
    items: [{ key: "glide", sessionsPerDay: 1, daysPerWeek: 3 }],
    morningDays: ["2026-03-05"],
    duringDays: [],
    safetyDays: ["2026-03-02"],
  };

  it("says nothing is asked on a rest day with the questions answered", () => {
    const logs = ["2026-03-02", "2026-03-03", "2026-03-04"].map((day) => ({
      key: "glide",
      day,
      done: true,
    }));
    expect(todayAsks({ ...base, logs }).nothingAsked).toBe(true);
  });

  it("asks the exercise pain after a session today", () => {
    const asks = todayAsks({ ...base, logs: [{ key: "glide", day: "2026-03-05", done: true }] });
    expect(asks).toMatchObject({ exercisePain: true, morningPain: false, safetyCheck: false });
    expect(asks.nothingAsked).toBe(false);
  });

  it("asks the morning question and the safety check on a Monday's first visit", () => {
    const asks = todayAsks({ ...base, today: "2026-03-09", logs: [] });
    expect(asks).toMatchObject({ morningPain: true, safetyCheck: true, nothingAsked: false });
  });

  it("asks nothing without a program but the questions", () => {
    const asks = todayAsks({ ...base, items: [], logs: [] });
    expect(asks.nothingAsked).toBe(true);
  });
});

describe("the instant a submission counts for", () => {
  const received = new Date("2026-03-04T12:00:00Z");

  it("is when the patient tapped, for a submission that waited offline", () => {
    const tapped = new Date("2026-03-03T22:50:00Z");
    expect(submissionInstant(tapped, received)).toEqual(tapped);
  });

  it("is when it arrived, without a time or with an implausible phone clock", () => {
    expect(submissionInstant(undefined, received)).toEqual(received);
    expect(submissionInstant(new Date("2026-03-04T13:00:00Z"), received)).toEqual(received);
    expect(submissionInstant(new Date("2026-01-01T00:00:00Z"), received)).toEqual(received);
    expect(submissionInstant(new Date("nonsense"), received)).toEqual(received);
  });

  it("accepts a phone clock a little ahead, counting from arrival", () => {
    expect(submissionInstant(new Date("2026-03-04T12:02:00Z"), received)).toEqual(received);
  });
});
