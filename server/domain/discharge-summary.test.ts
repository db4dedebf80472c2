import { describe, expect, it } from "vitest";
import type { ExerciseSession, PainReport, VersionWithItems } from "./clinical-types";
import { addDays } from "./days";
import { episodeAdherence, episodePain, goalTally, versionHistory } from "./discharge-summary";

const item = (itemId: string, exerciseId = itemId) => ({
  itemId,
  exerciseId,
  sessionsPerDay: 1,
  daysPerWeek: 7,
  sets: 2,
  reps: 10,
});

const session = (day: string, itemId: string): ExerciseSession => ({
  day,
  itemId,
  sessionsDone: 1,
  setsDone: null,
  repsDone: null,
  skipped: false,
});

const morning = (day: string, score: number): PainReport => ({ day, context: "morning", score });

describe("episodeAdherence", () => {
  const versions: VersionWithItems[] = [
    { number: 1, painLimit: 5, fromDay: "2026-03-01", items: [item("a")] },
  ];

  it("counts from the program's first day to the day before discharge", () => {
    // 14 days expected (1 March to 14 March), 10 sessions done, one of them twice (capped).
    const days = Array.from({ length: 10 }, (_, i) => addDays("2026-03-01", i));
    const sessions = [...days.map((d) => session(d, "a")), session("2026-03-01", "a")];
    const result = episodeAdherence({ versions, sessions, dischargeDay: "2026-03-15" })!;
    expect(result).toMatchObject({ from: "2026-03-01", to: "2026-03-14", days: 14 });
    expect(result.expected).toBeCloseTo(14);
    expect(result.done).toBeCloseTo(11);
    expect(result.sessionAdherence).toBeCloseTo(11 / 14);
  });

  it("does not count a session on the discharge day itself", () => {
    const sessions = [session("2026-03-15", "a")];
    const result = episodeAdherence({ versions, sessions, dischargeDay: "2026-03-15" })!;
    expect(result.done).toBe(0);
  });

  it("follows each version's days: a new version's items expected from the next day", () => {
    const two: VersionWithItems[] = [
      { number: 1, painLimit: 5, fromDay: "2026-03-01", items: [item("a")] },
      { number: 2, painLimit: 5, fromDay: "2026-03-05", items: [item("b"), item("c")] },
    ];
    // Version 1 in force 1–5 March (5 days), version 2 from 6 March: 2 items × 3 days to 8 March.
    const result = episodeAdherence({ versions: two, sessions: [], dischargeDay: "2026-03-09" })!;
    expect(result.expected).toBeCloseTo(5 + 6);
    expect(result.sessionAdherence).toBe(0);
  });

  it("is undefined with no program, or one that started on the discharge day", () => {
    expect(episodeAdherence({ versions: [], sessions: [], dischargeDay: "2026-03-15" })).toBe(
      undefined,
    );
    expect(episodeAdherence({ versions, sessions: [], dischargeDay: "2026-03-01" })).toBe(
      undefined,
    );
  });
});

describe("episodePain", () => {
  it("reads the baseline from the first week and the end from the last, and judges the change", () => {
    const reports = [
      morning("2026-03-01", 6),
      morning("2026-03-02", 6),
      morning("2026-03-04", 6),
      morning("2026-03-20", 3),
      morning("2026-03-22", 3),
      morning("2026-03-24", 4),
      // The discharge day's own report counts: the last 7 days end on it.
      morning("2026-03-25", 2),
    ];
    const pain = episodePain({ reports, programStart: "2026-03-01", dischargeDay: "2026-03-25" });
    expect(pain.baseline).toBe(6);
    expect(pain.end).toBe(3);
    expect(pain.change).toBe(-3);
    expect(pain).toMatchObject({ improved: true, worsened: false, morningReports: 7 });
    expect(pain).toMatchObject({ endFrom: "2026-03-19", endTo: "2026-03-25" });
  });

  it("needs both a 30 % and a 2-point fall to call it improved", () => {
    // Baseline 8, end 6.5: 1.5 points (19 %), not meaningful either way.
    const reports = [
      ...["2026-03-01", "2026-03-02", "2026-03-03"].map((d) => morning(d, 8)),
      morning("2026-03-20", 6),
      morning("2026-03-21", 7),
      morning("2026-03-22", 6.5),
    ];
    const pain = episodePain({ reports, programStart: "2026-03-01", dischargeDay: "2026-03-22" });
    expect(pain.change).toBeCloseTo(-1.5);
    expect(pain).toMatchObject({ improved: false, worsened: false });
  });

  it("calls a rise of 2 points worse", () => {
    const reports = [
      ...["2026-03-01", "2026-03-02", "2026-03-03"].map((d) => morning(d, 2)),
      ...["2026-03-20", "2026-03-21", "2026-03-22"].map((d) => morning(d, 4)),
    ];
    const pain = episodePain({ reports, programStart: "2026-03-01", dischargeDay: "2026-03-22" });
    expect(pain).toMatchObject({ change: 2, improved: false, worsened: true });
  });

  it("leaves the figures undefined with fewer than 3 reports in a week", () => {
    const reports = [morning("2026-03-01", 6), morning("2026-03-02", 6), morning("2026-03-20", 3)];
    const pain = episodePain({ reports, programStart: "2026-03-01", dischargeDay: "2026-03-22" });
    expect(pain).toMatchObject({ baseline: undefined, end: undefined, change: undefined });
    expect(pain).toMatchObject({ improved: false, worsened: false, morningReports: 3 });
  });
});

describe("goalTally", () => {
  it("counts met, missed and open goals, and leaves dropped ones out of those set", () => {
    const goals = (["met", "met", "not_met", "active", "dropped"] as const).map((status) => ({
      status,
    }));
    expect(goalTally(goals)).toEqual({ set: 4, met: 2, notMet: 1, open: 1, dropped: 1 });
    expect(goalTally([])).toEqual({ set: 0, met: 0, notMet: 0, open: 0, dropped: 0 });
  });
});

describe("versionHistory", () => {
  it("gives each version its days in force and its reason, the last ending at discharge", () => {
    const history = versionHistory(
      [
        { number: 2, reason: "progress", note: "Added step-ups", fromDay: "2026-03-10" },
        { number: 1, reason: "initial", note: null, fromDay: "2026-03-01" },
      ],
      "2026-03-31",
    );
    expect(history).toEqual([
      {
        number: 1,
        reason: "initial",
        note: null,
        fromDay: "2026-03-01",
        toDay: "2026-03-09",
        days: 9,
      },
      {
        number: 2,
        reason: "progress",
        note: "Added step-ups",
        fromDay: "2026-03-10",
        toDay: "2026-03-31",
        days: 22,
      },
    ]);
  });

  it("gives a version replaced on its own day no days", () => {
    const history = versionHistory(
      [
        { number: 1, reason: "initial", note: null, fromDay: "2026-03-01" },
        { number: 2, reason: "edit", note: null, fromDay: "2026-03-01" },
      ],
      "2026-03-02",
    );
    expect(history.map((v) => v.days)).toEqual([0, 2]);
  });
});
