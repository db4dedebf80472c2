import { describe, expect, it } from "vitest";
import { caseloadDifference, chartDifference } from "./agree";

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
});
