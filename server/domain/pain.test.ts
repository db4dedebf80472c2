import { describe, expect, it } from "vitest";
import type { PainContext, PainReport } from "./clinical-types";
import { addDays } from "./days";
import {
  baselinePain,
  isMeaningfulChange,
  isMeaningfulImprovement,
  morningTrend,
  scoresBetween,
  usualPain,
  weekOfMorningPain,
  weeklyMorningPain,
} from "./pain";

const today = "2026-03-20";
const at = (daysAgo: number) => addDays(today, -daysAgo);
const report = (daysAgo: number, score: number, context: PainContext = "morning"): PainReport => ({
  day: at(daysAgo),
  context,
  score,
});

describe("scoresBetween", () => {
  it("keeps one context within the range, in day order", () => {
    const reports = [report(1, 4), report(3, 2), report(2, 9, "during"), report(9, 7)];
    expect(scoresBetween(reports, "morning", at(7), at(0))).toEqual([2, 4]);
  });
});

describe("usualPain b", () => {
  it("is the median of the morning reports in the 7 days before the day", () => {
    const reports = [report(7, 1), report(5, 5), report(1, 3), report(0, 9), report(8, 9)];
    expect(usualPain(reports, today)).toBe(3);
  });

  it("takes the mean of the middle two for an even count", () => {
    const reports = [report(1, 1), report(2, 2), report(3, 4), report(4, 6)];
    expect(usualPain(reports, today)).toBe(3);
  });

  it("is undefined with fewer than 3 morning reports; other contexts do not count", () => {
    const reports = [
      report(1, 3),
      report(2, 3),
      report(3, 8, "next_morning"),
      report(4, 8, "after"),
    ];
    expect(usualPain(reports, today)).toBeUndefined();
  });
});

describe("baselinePain", () => {
  const start = "2026-03-01";

  it("is the mean of the morning reports in the program's first 7 days", () => {
    const reports: PainReport[] = [
      { day: "2026-03-01", context: "morning", score: 4 },
      { day: "2026-03-04", context: "morning", score: 5 },
      { day: "2026-03-07", context: "morning", score: 6 },
      { day: "2026-03-08", context: "morning", score: 10 },
      { day: "2026-02-28", context: "morning", score: 10 },
      { day: "2026-03-02", context: "during", score: 10 },
    ];
    expect(baselinePain(reports, start)).toBe(5);
  });

  it("is undefined with fewer than 3", () => {
    const reports: PainReport[] = [
      { day: "2026-03-01", context: "morning", score: 4 },
      { day: "2026-03-08", context: "morning", score: 5 },
      { day: "2026-03-03", context: "morning", score: 6 },
    ];
    expect(baselinePain(reports, start)).toBeUndefined();
  });
});

describe("isMeaningfulChange (2 points, or 30 %)", () => {
  it("counts 2 points either way", () => {
    expect(isMeaningfulChange(8, 6)).toBe(true);
    expect(isMeaningfulChange(6, 8)).toBe(true);
  });

  it("counts 30 % of the starting score when that is less than 2 points", () => {
    expect(isMeaningfulChange(3, 2)).toBe(true);
    expect(isMeaningfulChange(3, 3.9)).toBe(true);
    expect(isMeaningfulChange(4, 3)).toBe(false);
  });

  it("counts only the 2 points from 0", () => {
    expect(isMeaningfulChange(0, 1)).toBe(false);
    expect(isMeaningfulChange(0, 2)).toBe(true);
  });
});

describe("isMeaningfulImprovement (the positive badge: 2 points and 30 %)", () => {
  it("needs both the 2 points and the 30 % of baseline", () => {
    expect(isMeaningfulImprovement(6, 4)).toBe(true);
    expect(isMeaningfulImprovement(8, 6)).toBe(false);
    expect(isMeaningfulImprovement(5, 3.5)).toBe(false);
  });

  it("is false when the baseline or the recent mean is undefined", () => {
    expect(isMeaningfulImprovement(undefined, 1)).toBe(false);
    expect(isMeaningfulImprovement(6, undefined)).toBe(false);
  });

  it("forgives floating-point noise at exactly 2 points", () => {
    expect(isMeaningfulImprovement(11 / 3, 5 / 3)).toBe(true);
  });
});

describe("weekly morning pain", () => {
  const reports = [
    report(0, 2),
    report(3, 1),
    report(6, 2),
    report(7, 3),
    report(10, 3),
    report(13, 3),
    report(14, 5),
    report(2, 9, "during"),
  ];

  it("takes the 7 days ending on a day, with the count", () => {
    expect(weekOfMorningPain(reports, today)).toEqual({
      from: at(6),
      to: today,
      count: 3,
      mean: 5 / 3,
    });
    expect(weekOfMorningPain(reports, at(14)).mean).toBeUndefined();
    expect(weekOfMorningPain(reports, at(14)).count).toBe(1);
  });

  it("lists weeks for a chart, oldest first, the last ending today", () => {
    const weeks = weeklyMorningPain(reports, today, 3);
    expect(weeks.map((w) => [w.from, w.to, w.count, w.mean])).toEqual([
      [at(20), at(14), 1, undefined],
      [at(13), at(7), 3, 3],
      [at(6), today, 3, 5 / 3],
    ]);
  });

  it("compares this week with last week", () => {
    const trend = morningTrend(reports, today);
    expect(trend.thisWeek.mean).toBe(5 / 3);
    expect(trend.lastWeek.mean).toBe(3);
    expect(trend.change).toBeCloseTo(-4 / 3);
  });

  it("has no change when a week has fewer than 3 reports", () => {
    expect(morningTrend(reports, at(7)).change).toBeUndefined();
    expect(morningTrend(reports.slice(1), today).change).toBeUndefined();
  });
});
