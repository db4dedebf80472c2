import { describe, expect, it } from "vitest";
import {
  alertsListDifference,
  caseloadDifference,
  chartDifference,
  checkInLogDifference,
  progressDifference,
  todayPlanDifference,
} from "./agree";

type ServicePage = Parameters<typeof caseloadDifference>[0];
type RawPage = Parameters<typeof caseloadDifference>[1];
type ServiceCharts = Parameters<typeof chartDifference>[0];
type RawCharts = Parameters<typeof chartDifference>[1];

// Only the fields the comparison reads; the rest of each shape does not matter here.
const serviceRow = {
  id: "p1",
  clinicianName: "Ana",
  versionNumber: 2,
  adherence7: 0.5,
  adherence28: 0.6,
  morningPain: 3,
  painChange: -1,
  advice: "hold",
  needsAttention: true,
  openAlerts: { critical: 0, high: 0, medium: 1, low: 0 },
};
const rawRow = {
  id: "p1",
  clinician: "Ana",
  version_number: 2,
  adherence_7: 0.5 + 1e-12,
  adherence_28: 0.6,
  morning_pain: 3,
  pain_change: -1,
  advice: "hold",
  critical: null,
  high: null,
  medium: 1,
  low: null,
  needs_attention: 1,
};
const page = (row: object) => ({ rows: [row], total: 1 }) as unknown as ServicePage;
const rawPage = (row: object) => ({ rows: [row], total: 1 }) as unknown as RawPage;

describe("bench agreement checks", () => {
  it("accepts the same caseload page and names the first differing figure", () => {
    expect(caseloadDifference(page(serviceRow), rawPage(rawRow))).toBeNull();
    expect(caseloadDifference(page(serviceRow), rawPage({ ...rawRow, adherence_7: 0.4 }))).toBe(
      "patient p1: A(7) differs",
    );
    expect(caseloadDifference(page(serviceRow), rawPage({ ...rawRow, id: "p2" }))).toMatch(/row 0/);
  });

  it("compares the chart point by point, not only by count", () => {
    const charts = {
      reportCount: 2,
      days: [
        {
          day: "2026-01-01",
          morning: 3,
          during: 4,
          after: null,
          next_morning: null,
          limit: 5,
        },
      ],
      baseline: 3,
      weeks: [],
    } as unknown as ServiceCharts;
    const raw = {
      points: [
        { day: "2026-01-01", context: "morning", score: 3 },
        { day: "2026-01-01", context: "during", score: 4 },
      ],
      limits: [5],
      baseline: 3,
      weeks: [],
    } as RawCharts;
    expect(chartDifference(charts, raw)).toBeNull();
    const moved = { ...raw, points: [raw.points[0]!, { ...raw.points[1]!, score: 6 }] };
    expect(chartDifference(charts, moved)).toBe("point 2026-01-01 during differs");
  });

  it("checks the patient's plan figure by figure and exercise by exercise", () => {
    const plan = {
      clinic: { name: "Bench Clinic" },
      firstName: "Ada",
      today: "2026-11-29",
      painLimit: 5,
      asks: { morningPain: false, safetyCheck: true },
      morningPainToday: 3,
      exercisePainToday: null,
      safetyCheckPostponesLeft: 2,
      items: [{ id: "i1", today: { doneToday: 1, skippedToday: 0, daysDoneThisWeek: 3 } }],
    };
    const raw = {
      clinic: "Bench Clinic",
      firstName: "Ada",
      today: "2026-11-29",
      painLimit: 5,
      morningDue: false,
      safetyDue: true,
      morningPainToday: 3,
      exercisePainToday: null,
      redFlagAlerts: 0,
      postponesLeft: 2,
      items: [{ id: "i1", doneToday: 1, skippedToday: 0, daysDoneThisWeek: 3 }],
    };
    expect(todayPlanDifference(plan, raw)).toBeNull();
    expect(todayPlanDifference(plan, { ...raw, safetyDue: false })).toBe(
      "safety check due differs",
    );
    expect(
      todayPlanDifference(plan, { ...raw, items: [{ ...raw.items[0]!, daysDoneThisWeek: 2 }] }),
    ).toBe("item i1: today's sessions differ");
  });

  it("checks the progress page day by day and week by week", () => {
    const figures = {
      today: "2026-11-29",
      programStart: "2026-11-02",
      weekFrom: "2026-11-23",
      week: { done: 10, asked: 14 },
      todayDone: 1,
      todayAsked: 2,
      days: [{ day: "2026-11-29", morning: 3, during: null }],
      weeks: [{ weekStart: "2026-11-23", morningMean: 3.1, duringMean: null, sessionsDone: 10 }],
    };
    const progress = { ...figures, clinic: { name: "Bench Clinic" } };
    expect(progressDifference(progress, { ...figures, clinic: "Bench Clinic" })).toBeNull();
    expect(progressDifference(progress, { ...figures, clinic: "Another Clinic" })).toBe(
      "clinic differs",
    );
    expect(
      progressDifference(progress, {
        ...figures,
        clinic: "Bench Clinic",
        weeks: [{ ...figures.weeks[0]!, morningMean: 3.2 }],
      }),
    ).toBe("week from 2026-11-23 differs");
    expect(
      progressDifference(progress, {
        ...figures,
        clinic: "Bench Clinic",
        week: { done: 9, asked: 14 },
      }),
    ).toBe("week's sessions done differs");
  });

  it("checks the check-in log's rows in order with their pain, sessions and red flags", () => {
    const log = {
      total: 1,
      rows: [
        {
          id: "c1",
          versionNumber: 2,
          pain: [
            { context: "morning", score: 3 },
            { context: "next_morning", score: 3 },
          ],
          logs: [{ sessionsDone: 1 }],
          redFlagsYes: 0,
          redFlagsAsked: 0,
        },
      ],
    };
    const raw = {
      total: 1,
      rows: [
        {
          id: "c1",
          versionNumber: 2,
          pain: [
            { check_in_id: "c1", context: "next_morning", score: 3 },
            { check_in_id: "c1", context: "morning", score: 3 },
          ],
          logs: [{ check_in_id: "c1", sessions_done: 1 }],
          redFlagsYes: 0,
          redFlagsAsked: 0,
        },
      ],
    };
    expect(checkInLogDifference(log, raw)).toBeNull();
    const rawRow = raw.rows[0]!;
    expect(
      checkInLogDifference(log, {
        ...raw,
        rows: [{ ...rawRow, logs: [{ check_in_id: "c1", sessions_done: 2 }] }],
      }),
    ).toBe("check-in c1: sessions differ");
  });

  it("checks the alert list's order, not only its length", () => {
    const list = { rows: [{ id: "a1" }, { id: "a2" }], total: 2, timeZone: "Europe/London" };
    const raw = {
      rows: [
        { id: "a1", inputs: {} },
        { id: "a2", inputs: {} },
      ],
      total: 2,
      timeZone: "Europe/London",
    };
    expect(alertsListDifference(list, raw)).toBeNull();
    expect(alertsListDifference(list, { ...raw, rows: [...raw.rows].reverse() })).toBe(
      "row 0: alert a1 vs a2",
    );
  });
});
