import { describe, expect, it } from "vitest";
import {
  chartStart,
  countedWeek,
  dailyPain,
  encouragement,
  weekSessions,
  weeklySummaries,
} from "./patient-progress";

describe("the patient's progress", () => {
  const pain = [
    { day: "2026-03-02", context: "morning", score: 4 },
    { day: "2026-03-02", context: "during", score: 3 },
    { day: "2026-03-02", context: "during", score: 5 },
    { day: "2026-03-03", context: "next_morning", score: 2 },
    { day: "2026-03-03", context: "morning", score: 2 },
    { day: "2026-03-09", context: "morning", score: 1 },
  ];

  it("gives one row a day with the morning answer and the worst exercise pain", () => {
    const days = dailyPain({ from: "2026-03-02", to: "2026-03-04", pain });
    expect(days).toEqual([
      { day: "2026-03-02", morning: 4, during: 5 },
      { day: "2026-03-03", morning: 2, during: null },
      { day: "2026-03-04", morning: null, during: null },
    ]);
    expect(dailyPain({ from: "2026-03-04", to: "2026-03-02", pain })).toEqual([]);
  });

  it("averages each ISO week and counts its sessions", () => {
    const days = dailyPain({ from: "2026-03-02", to: "2026-03-10", pain });
    const weeks = weeklySummaries({
      days,
      sessions: [
        { day: "2026-03-02", sessionsDone: 1 },
        { day: "2026-03-03", sessionsDone: 0 },
        { day: "2026-03-09", sessionsDone: 1 },
        { day: "2026-02-01", sessionsDone: 1 },
      ],
    });
    expect(weeks).toEqual([
      { weekStart: "2026-03-02", morningMean: 3, duringMean: 5, sessionsDone: 1 },
      { weekStart: "2026-03-09", morningMean: 1, duringMean: null, sessionsDone: 1 },
    ]);
  });

  it("counts this week's sessions up to each exercise's target", () => {
    expect(
      weekSessions({
        items: [
          { key: "a", sessionsPerDay: 1, daysPerWeek: 3 },
          { key: "b", sessionsPerDay: 2, daysPerWeek: 7 },
        ],
        sessions: [
          { key: "a", sessionsDone: 1 },
          { key: "a", sessionsDone: 1 },
          { key: "a", sessionsDone: 1 },
          { key: "a", sessionsDone: 1 },
          { key: "b", sessionsDone: 1 },
          { key: "b", sessionsDone: 0 },
        ],
      }),
    ).toEqual({ done: 4, asked: 17 });
  });

  it("encourages without ever mentioning the dose", () => {
    const week = (morningMean: number | null) => ({
      weekStart: "2026-03-02",
      morningMean,
      duringMean: null,
      sessionsDone: 0,
    });
    const all = encouragement({ week: { done: 7, asked: 7 }, weeks: [] });
    const better = encouragement({ week: { done: 1, asked: 7 }, weeks: [week(5), week(3)] });
    const some = encouragement({ week: { done: 1, asked: 7 }, weeks: [week(3), week(3)] });
    const none = encouragement({ week: { done: 0, asked: 7 }, weeks: [week(null)] });
    expect(all).toMatch(/every session/);
    expect(better).toMatch(/lower than when you started/);
    expect(some).toMatch(/Every session counts/);
    expect(none).toMatch(/fresh start/);
    for (const text of [all, better, some, none]) {
      expect(text).not.toMatch(/more|fewer|increase|reduce|harder|easier|dose/i);
    }
  });

  describe("a program that starts part-way through a week (Thursday 5 March 2026)", () => {
    // Hand-counted. The week runs Monday 2 to Sunday 8 March. Three exercises:
    // wall squat once a day on 5 days, adductor squeeze once a day every day, a glide twice a day
    // every day. A whole week would ask 5 + 7 + 14 = 26 sessions; from Thursday only 4 days are
    // left, so the week asks 1×min(5,4) + 1×min(7,4) + 2×min(7,4) = 4 + 4 + 8 = 16.
    const items = [
      { key: "squat", sessionsPerDay: 1, daysPerWeek: 5 },
      { key: "squeeze", sessionsPerDay: 1, daysPerWeek: 7 },
      { key: "glide", sessionsPerDay: 2, daysPerWeek: 7 },
    ];

    it("counts the week from the program's first day", () => {
      expect(countedWeek({ today: "2026-03-05", programStart: "2026-03-05" })).toEqual({
        from: "2026-03-05",
        to: "2026-03-08",
        days: 4,
      });
      expect(countedWeek({ today: "2026-03-07", programStart: "2026-03-05" }).days).toBe(4);
      expect(countedWeek({ today: "2026-03-08", programStart: "2026-03-08" }).days).toBe(1);
      // An older program, or none: the whole week from Monday.
      expect(countedWeek({ today: "2026-03-05", programStart: "2026-02-20" })).toEqual({
        from: "2026-03-02",
        to: "2026-03-08",
        days: 7,
      });
      expect(countedWeek({ today: "2026-03-05", programStart: null }).days).toBe(7);
      // The week after the first one is a whole week again.
      expect(countedWeek({ today: "2026-03-09", programStart: "2026-03-05" })).toEqual({
        from: "2026-03-09",
        to: "2026-03-15",
        days: 7,
      });
    });

    it("asks only the sessions of the days left, never a whole week's total", () => {
      expect(weekSessions({ items, sessions: [], days: 4 })).toEqual({ done: 0, asked: 16 });
      expect(weekSessions({ items, sessions: [] })).toEqual({ done: 0, asked: 26 });
      // Thursday and Friday: squat twice, glide 2 + 1 → done 2 + 0 + 3 = 5 of 16.
      expect(
        weekSessions({
          items,
          days: 4,
          sessions: [
            { key: "squat", sessionsDone: 1 },
            { key: "squat", sessionsDone: 1 },
            { key: "glide", sessionsDone: 2 },
            { key: "glide", sessionsDone: 1 },
          ],
        }),
      ).toEqual({ done: 5, asked: 16 });
      // On a program's last-day-of-the-week start, one day: 1 + 1 + 2 = 4.
      expect(weekSessions({ items, sessions: [], days: 1 })).toEqual({ done: 0, asked: 4 });
    });

    it("starts the chart on the program's first day, not weeks of empty days before it", () => {
      expect(chartStart({ today: "2026-03-05", programStart: "2026-03-05", weeksShown: 8 })).toBe(
        "2026-03-05",
      );
      expect(chartStart({ today: "2026-03-20", programStart: "2026-03-05", weeksShown: 8 })).toBe(
        "2026-03-05",
      );
      // Older than the weeks shown: the chart opens on the Monday seven weeks before this one.
      expect(chartStart({ today: "2026-03-05", programStart: "2025-06-01", weeksShown: 8 })).toBe(
        "2026-01-12",
      );
      expect(chartStart({ today: "2026-03-05", programStart: null, weeksShown: 8 })).toBe(
        "2026-01-12",
      );
      // A version dated ahead of the patient's day never opens the chart in the future.
      expect(chartStart({ today: "2026-03-05", programStart: "2026-03-06", weeksShown: 8 })).toBe(
        "2026-03-05",
      );
      const days = dailyPain({ from: "2026-03-05", to: "2026-03-05", pain });
      expect(days).toEqual([{ day: "2026-03-05", morning: null, during: null }]);
    });

    it("counts a first week's sessions from the first day only", () => {
      const days = dailyPain({ from: "2026-03-05", to: "2026-03-06", pain: [] });
      const weeks = weeklySummaries({
        days,
        sessions: [
          // From an earlier program, on Tuesday: not this program's.
          { day: "2026-03-03", sessionsDone: 1 },
          { day: "2026-03-05", sessionsDone: 2 },
          { day: "2026-03-06", sessionsDone: 1 },
        ],
      });
      expect(weeks).toEqual([
        { weekStart: "2026-03-02", morningMean: null, duringMean: null, sessionsDone: 3 },
      ]);
    });
  });
});
