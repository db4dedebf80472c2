import { describe, expect, it } from "vitest";
import { dailyPain, encouragement, weekSessions, weeklySummaries } from "./patient-progress";

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
});
