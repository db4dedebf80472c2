import { describe, expect, it } from "vitest";
import { adviceInputs, adviseProgression, progressionAdvice, type AdviceInputs } from "./advice";
import type { ExerciseSession, ItemSchedule, PainReport } from "./clinical-types";
import { addDays } from "./days";

const today = "2026-03-20";
const at = (daysAgo: number) => addDays(today, -daysAgo);

const during = (...scores: number[]) =>
  scores.map((score, i) => ({ day: at(scores.length - 1 - i), score }));
const settled = (...days: number[]) => days.map((d) => ({ day: at(d), score: 2, usual: 2 }));

/** Example 7: 10 days on the version, 6 sessions, during max 4, settled, 2.0 → 1.6, A(7) 0.86. */
const example7: AdviceInputs = {
  versionNumber: 2,
  painLimit: 5,
  daysOnVersion: 10,
  window: { from: at(6), to: today },
  exerciseDays: 6,
  during: during(2, 3, 4, 3, 4, 2),
  nextMorning: settled(5, 3, 1),
  thisWeekMorning: 1.6,
  lastWeekMorning: 2.0,
  adherence7: 0.86,
};
const advise = (overrides: Partial<AdviceInputs>) =>
  adviseProgression({ ...example7, ...overrides });

describe("progression advice: the worked examples", () => {
  it("example 5: limit 5, during [6, 4, 6] in the last 3 sessions → regress", () => {
    const result = advise({ during: during(6, 4, 6) });
    expect(result.advice).toBe("regress");
    expect(result.rule).toBe("during-over-limit-2-of-3");
  });

  it("example 6: limit 5, during [3, 4, 6], next mornings settled, A(7) 0.9 → hold", () => {
    const result = advise({ during: during(3, 4, 6), adherence7: 0.9 });
    expect(result.advice).toBe("hold");
    expect(result.rule).toBe("during-over-limit-once");
  });

  it("example 7: every progress criterion met → progress, with the inputs it used", () => {
    const result = adviseProgression(example7);
    expect(result).toEqual({
      advice: "progress",
      rule: "all-progress-criteria",
      inputs: example7,
      unmet: [],
    });
  });

  it("example 8: as 7 but b undefined → not enough data", () => {
    const result = advise({
      nextMorning: example7.nextMorning.map((r) => ({ ...r, usual: undefined })),
    });
    expect(result.advice).toBe("not_enough_data");
    expect(result.rule).toBe("no-rule-matched");
    expect(result.unmet).toEqual(["next-morning-settled"]);
  });

  it("example 8: with b undefined a regress rule still matches by itself", () => {
    const result = advise({
      nextMorning: [{ day: at(1), score: 9, usual: undefined }],
      during: during(6, 6, 4),
    });
    expect(result.advice).toBe("regress");
    expect(result.rule).toBe("during-over-limit-2-of-3");
  });
});

describe("progression advice: regress", () => {
  it("counts only the last 3 sessions for 2 of 3", () => {
    expect(advise({ during: during(6, 6, 3, 3, 4) }).rule).toBe("during-over-limit-once");
    expect(advise({ during: during(6, 3, 3, 6) }).rule).toBe("during-over-limit-once");
  });

  it("regresses on 2 of 2 when only two sessions carry a during report", () => {
    expect(advise({ during: during(7, 6) }).rule).toBe("during-over-limit-2-of-3");
  });

  it("treats pain at the limit as allowed", () => {
    expect(advise({ during: during(5, 5, 5) }).advice).toBe("progress");
  });

  it("regresses when 2 consecutive next-morning reports are above b", () => {
    const result = advise({
      nextMorning: [
        { day: at(5), score: 2, usual: 2 },
        { day: at(3), score: 4, usual: 2 },
        { day: at(1), score: 3, usual: 2.5 },
      ],
    });
    expect(result.advice).toBe("regress");
    expect(result.rule).toBe("not-settled-2-consecutive");
  });

  it("holds on two unsettled reports that are not consecutive", () => {
    const separated = advise({
      nextMorning: [
        { day: at(5), score: 4, usual: 2 },
        { day: at(3), score: 2, usual: 2 },
        { day: at(1), score: 4, usual: 2 },
      ],
    });
    expect(separated.advice).toBe("hold");
    expect(separated.rule).toBe("not-settled-once");
  });

  it("does not chain two unsettled reports across a report without b", () => {
    const broken = advise({
      nextMorning: [
        { day: at(5), score: 4, usual: 2 },
        { day: at(3), score: 4, usual: undefined },
        { day: at(1), score: 4, usual: 2 },
      ],
    });
    expect(broken.rule).toBe("not-settled-once");
  });

  it("regresses when this week's morning mean is at least last week's + 1", () => {
    expect(advise({ thisWeekMorning: 3, lastWeekMorning: 2 }).rule).toBe("weekly-morning-rise");
    expect(advise({ thisWeekMorning: 8 / 3, lastWeekMorning: 5 / 3 }).rule).toBe(
      "weekly-morning-rise",
    );
  });

  it("a rise of less than 1 is neither regress nor progress", () => {
    const result = advise({ thisWeekMorning: 2.9, lastWeekMorning: 2 });
    expect(result.advice).toBe("not_enough_data");
    expect(result.unmet).toEqual(["weekly-trend-not-rising"]);
  });

  it("lets a regress rule win over any hold rule", () => {
    const result = advise({ during: during(6, 6, 2), adherence7: 0.3 });
    expect(result.advice).toBe("regress");
    expect(result.unmet).toEqual(["no-session-over-limit", "adherent"]);
  });
});

describe("progression advice: hold", () => {
  it("holds on one next-morning report above b", () => {
    const result = advise({ nextMorning: [{ day: at(2), score: 3, usual: 2 }] });
    expect(result.rule).toBe("not-settled-once");
  });

  it("holds when A(7) is below 0.80", () => {
    const result = advise({ adherence7: 0.79 });
    expect(result.advice).toBe("hold");
    expect(result.rule).toBe("adherence-below-threshold");
  });

  it("checks the limit before the next mornings", () => {
    const result = advise({
      during: during(6),
      nextMorning: [{ day: at(0), score: 3, usual: 2 }],
    });
    expect(result.rule).toBe("during-over-limit-once");
  });
});

describe("progression advice: not enough data", () => {
  it("names each progress criterion that is missing", () => {
    const result = advise({
      daysOnVersion: 6,
      exerciseDays: 2,
      nextMorning: [],
      thisWeekMorning: undefined,
      adherence7: undefined,
    });
    expect(result.advice).toBe("not_enough_data");
    expect(result.unmet).toEqual([
      "days-on-version",
      "exercise-days",
      "next-morning-settled",
      "weekly-trend-not-rising",
      "adherent",
    ]);
  });

  it("needs 7 full days on the version and 3 sessions", () => {
    expect(advise({ daysOnVersion: 7, exerciseDays: 3 }).advice).toBe("progress");
    expect(advise({ daysOnVersion: 6 }).advice).toBe("not_enough_data");
    expect(advise({ exerciseDays: 2 }).advice).toBe("not_enough_data");
  });

  it("does not progress without last week's mean", () => {
    expect(advise({ lastWeekMorning: undefined }).unmet).toEqual(["weekly-trend-not-rising"]);
  });
});

describe("adviceInputs from plain rows", () => {
  const version = { number: 2, painLimit: 5, fromDay: at(10) };
  const items: ItemSchedule[] = [
    {
      itemId: "old",
      sessionsPerDay: 1,
      daysPerWeek: 7,
      sets: 2,
      reps: 10,
      fromDay: at(30),
      toDay: at(11),
    },
    {
      itemId: "a",
      sessionsPerDay: 1,
      daysPerWeek: 7,
      sets: 2,
      reps: 10,
      fromDay: at(10),
      toDay: null,
    },
  ];
  const log = (daysAgo: number, overrides: Partial<ExerciseSession> = {}): ExerciseSession => ({
    day: at(daysAgo),
    itemId: "a",
    sessionsDone: 1,
    setsDone: null,
    repsDone: null,
    skipped: false,
    ...overrides,
  });
  const pain = (daysAgo: number, context: PainReport["context"], score: number): PainReport => ({
    day: at(daysAgo),
    context,
    score,
  });
  // Example 7 from raw rows: sessions on 7..1 days ago except 5, and today.
  const sessions = [7, 6, 4, 3, 2, 1, 0]
    .map((d) => log(d))
    .concat(log(5, { sessionsDone: 0, skipped: true }), log(5, { itemId: "b", sessionsDone: 0 }));
  const reports = [
    ...[13, 12, 11, 10, 9].map((d) => pain(d, "morning", 2)),
    ...[6, 5, 4, 3, 2].map((d, i) => pain(d, "morning", [2, 2, 1, 2, 1][i] as number)),
    pain(6, "during", 3),
    pain(4, "during", 4),
    pain(4, "during", 2),
    pain(3, "during", 3),
    pain(1, "during", 4),
    pain(8, "during", 9),
    pain(2, "after", 9),
    pain(5, "next_morning", 2),
    pain(3, "next_morning", 1),
    pain(0, "next_morning", 2),
  ];

  it("example 7 from rows: progress, with the numbers it used", () => {
    const result = progressionAdvice({ today, version, reports, sessions, items });
    expect(result.advice).toBe("progress");
    expect(result.inputs).toMatchObject({
      versionNumber: 2,
      painLimit: 5,
      daysOnVersion: 10,
      window: { from: at(6), to: today },
      // Days with a session done on this version in the last 14: 7 to 1 days ago but 5, and today.
      exerciseDays: 7,
      during: [
        { day: at(6), score: 3 },
        { day: at(4), score: 4 },
        { day: at(3), score: 3 },
        { day: at(1), score: 4 },
      ],
      nextMorning: [
        { day: at(5), score: 2, usual: 2 },
        { day: at(3), score: 1, usual: 2 },
        { day: at(0), score: 2, usual: 2 },
      ],
      thisWeekMorning: 1.6,
      lastWeekMorning: 2,
    });
    expect(result.inputs.adherence7).toBeCloseTo(6 / 7);
  });

  it("example 8 from rows: 2 morning reports in the week before leave b undefined", () => {
    const sparse = reports
      .filter((r) => r.context !== "morning")
      .concat([pain(2, "morning", 2), pain(1, "morning", 2)]);
    const result = progressionAdvice({ today, version, reports: sparse, sessions, items });
    expect(result.inputs.nextMorning.every((r) => r.usual === undefined)).toBe(true);
    expect(result.advice).toBe("not_enough_data");
  });

  it("starts the window on the version's first day and ignores next mornings about the version before", () => {
    const fresh = { number: 3, painLimit: 2, fromDay: at(2) };
    const inputs = adviceInputs({
      today,
      version: fresh,
      reports: [
        pain(3, "during", 9),
        pain(2, "next_morning", 9),
        pain(1, "next_morning", 1),
        pain(1, "during", 3),
      ],
      sessions,
      items,
    });
    expect(inputs.window).toEqual({ from: at(2), to: today });
    expect(inputs.daysOnVersion).toBe(2);
    expect(inputs.exerciseDays).toBe(3);
    expect(inputs.during).toEqual([{ day: at(1), score: 3 }]);
    expect(inputs.nextMorning).toEqual([{ day: at(1), score: 1, usual: undefined }]);
    expect(adviseProgression(inputs).rule).toBe("during-over-limit-once");
  });
});
