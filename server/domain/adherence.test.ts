import { describe, expect, it } from "vitest";
import {
  adherence,
  adherenceWindow,
  expectedSessions,
  isAdherent,
  sessionDoseCredit,
  todayProgress,
} from "./adherence";
import type { ExerciseSession, ItemSchedule } from "./clinical-types";
import { addDays } from "./days";

const today = "2026-03-10";
const at = (daysAgo: number) => addDays(today, -daysAgo);

const item = (overrides: Partial<ItemSchedule> = {}): ItemSchedule => ({
  itemId: "a",
  sessionsPerDay: 1,
  daysPerWeek: 7,
  sets: 2,
  reps: 10,
  fromDay: "2026-01-01",
  toDay: null,
  ...overrides,
});

const log = (
  daysAgo: number,
  itemId = "a",
  overrides: Partial<ExerciseSession> = {},
): ExerciseSession => ({
  day: at(daysAgo),
  itemId,
  sessionsDone: 1,
  setsDone: null,
  repsDone: null,
  skipped: false,
  ...overrides,
});

describe("the adherence window", () => {
  it("is the N full days ending yesterday", () => {
    expect(adherenceWindow(today, 7)).toEqual({ from: at(7), to: at(1), days: 7 });
  });
});

describe("session adherence A(N)", () => {
  it("example 1: 2 × 10 once a day every day, 5 sessions in the last 7 days → 5/7, not adherent", () => {
    const sessions = [1, 2, 3, 5, 7].map((d) => log(d));
    const a = adherence({ items: [item()], sessions, today, days: 7 });
    expect(a.expected).toBe(7);
    expect(a.done).toBe(5);
    expect(a.sessionAdherence).toBeCloseTo(0.71, 2);
    expect(isAdherent(a.sessionAdherence)).toBe(false);
  });

  it("example 2: two items 3 days a week, logged 4 and 1 times → (3 + 1) / 6 = 0.67", () => {
    const items = [item({ daysPerWeek: 3 }), item({ itemId: "b", daysPerWeek: 3 })];
    const sessions = [log(1), log(2), log(3), log(4), log(5, "b")];
    const a = adherence({ items, sessions, today, days: 7 });
    expect(a.items.map((i) => [i.itemId, i.logged, i.done, i.expected])).toEqual([
      ["a", 4, 3, 3],
      ["b", 1, 1, 3],
    ]);
    expect(a.done).toBe(4);
    expect(a.expected).toBe(6);
    expect(a.sessionAdherence).toBeCloseTo(0.67, 2);
  });

  it("example 3: an item added on day 5 of the 7-day window expects 3 sessions", () => {
    const window = adherenceWindow(today, 7);
    const added = item({ fromDay: addDays(window.from, 4) });
    expect(expectedSessions(added, window.from, window.to)).toBe(3);
    expect(adherence({ items: [added], sessions: [], today, days: 7 }).expected).toBe(3);
  });

  it("pro-rates an item that left the program inside the window", () => {
    const removed = item({ fromDay: "2026-01-01", toDay: at(6) });
    const replacement = item({ itemId: "b", fromDay: at(5), sessionsPerDay: 2 });
    const a = adherence({
      items: [removed, replacement],
      sessions: [log(7), log(6), log(4, "b", { sessionsDone: 2 })],
      today,
      days: 7,
    });
    expect(a.items.map((i) => i.expected)).toEqual([2, 10]);
    expect(a.sessionAdherence).toBe(4 / 12);
  });

  it("counts what was logged each day, not skips, zero sessions, today or days out of the window", () => {
    const sessions = [
      log(1, "a", { sessionsDone: 2 }),
      log(2, "a", { sessionsDone: 0, skipped: true }),
      log(3, "a", { sessionsDone: 0 }),
      log(0),
      log(8),
      log(1, "other"),
    ];
    const a = adherence({ items: [item()], sessions, today, days: 7 });
    expect(a.done).toBe(2);
    expect(a.sessionAdherence).toBe(2 / 7);
  });

  it("is undefined when nothing was expected, which is not adherent", () => {
    const a = adherence({ items: [item({ fromDay: today })], sessions: [log(0)], today, days: 7 });
    expect(a.expected).toBe(0);
    expect(a.sessionAdherence).toBeUndefined();
    expect(a.doseAdherence).toBeUndefined();
    expect(isAdherent(a.sessionAdherence)).toBe(false);
  });

  it("is adherent from 0.80", () => {
    expect(isAdherent(0.8)).toBe(true);
    expect(isAdherent(0.79)).toBe(false);
    expect(isAdherent(1)).toBe(true);
  });

  it("is the same before and after today's sessions are logged (today never lowers a figure)", () => {
    const sessions = [1, 2, 3, 4, 5, 6].map((d) => log(d));
    const before = adherence({ items: [item()], sessions, today, days: 7 });
    const after = adherence({ items: [item()], sessions: [...sessions, log(0)], today, days: 7 });
    expect(after.sessionAdherence).toBe(before.sessionAdherence);
  });
});

describe("dose adherence", () => {
  const dose = { sets: 2, reps: 10 };

  it("earns min(1, sets done × reps done / (sets × reps)) per session", () => {
    expect(sessionDoseCredit(dose, { setsDone: 2, repsDone: 10 })).toBe(1);
    expect(sessionDoseCredit(dose, { setsDone: 1, repsDone: 10 })).toBe(0.5);
    expect(sessionDoseCredit(dose, { setsDone: 2, repsDone: 5 })).toBe(0.5);
    expect(sessionDoseCredit(dose, { setsDone: 3, repsDone: 15 })).toBe(1);
  });

  it("reads an empty sets or reps done as prescribed", () => {
    expect(sessionDoseCredit(dose, { setsDone: null, repsDone: null })).toBe(1);
    expect(sessionDoseCredit(dose, { setsDone: 1, repsDone: null })).toBe(0.5);
  });

  it("measures only what the prescription names (timed work has no reps)", () => {
    expect(sessionDoseCredit({ sets: 3, reps: null }, { setsDone: 2, repsDone: 8 })).toBe(2 / 3);
    expect(sessionDoseCredit({ sets: null, reps: 10 }, { setsDone: 4, repsDone: 5 })).toBe(0.5);
    expect(sessionDoseCredit({ sets: null, reps: null }, { setsDone: 0, repsDone: 0 })).toBe(1);
  });

  it("averages like A: best sessions first, at most the expected number", () => {
    const sessions = [
      log(1, "a", { setsDone: 1, repsDone: 10 }),
      log(2, "a", { setsDone: 2, repsDone: 10 }),
      log(3, "a", { setsDone: 1, repsDone: 10 }),
      log(4, "a", { setsDone: 1, repsDone: 4 }),
    ];
    const a = adherence({ items: [item({ daysPerWeek: 3 })], sessions, today, days: 7 });
    expect(a.done).toBe(3);
    expect(a.doseDone).toBe(2);
    expect(a.sessionAdherence).toBe(1);
    expect(a.doseAdherence).toBe(2 / 3);
  });

  it("takes a share of the next session when the expected count is fractional", () => {
    const partial = item({ daysPerWeek: 3, fromDay: at(3) });
    const sessions = [log(1, "a", { setsDone: 1, repsDone: 10 }), log(2)];
    const a = adherence({ items: [partial], sessions, today, days: 7 });
    expect(a.expected).toBeCloseTo(9 / 7);
    expect(a.done).toBeCloseTo(9 / 7);
    expect(a.doseDone).toBeCloseTo(1 + (2 / 7) * 0.5);
    expect(a.sessionAdherence).toBeCloseTo(1);
  });
});

describe("today: x of y done", () => {
  it("sums the sessions asked today and those done, each item counted up to what it asks", () => {
    const rows = [
      { asked: 2, doneToday: 3 },
      { asked: 1, doneToday: 0 },
      { asked: 0, doneToday: 0 },
    ];
    expect(todayProgress(rows)).toEqual({ done: 2, planned: 3 });
  });

  it("is 0 of 0 when nothing is asked", () => {
    expect(todayProgress([])).toEqual({ done: 0, planned: 0 });
  });
});
