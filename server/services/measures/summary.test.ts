import { describe, expect, it } from "vitest";
import { summariseResponses } from "./summary";

const at = (iso: string) => new Date(iso);

describe("summariseResponses: first to last per measure", () => {
  it("compares a patient's first and last PSFS in time order, whatever the input order", () => {
    const [psfs] = summariseResponses([
      { measureId: "psfs", score: 5.5, day: "2026-03-16", submittedAt: at("2026-03-16T09:00Z") },
      { measureId: "psfs", score: 4, day: "2026-03-02", submittedAt: at("2026-03-02T09:00Z") },
      { measureId: "psfs", score: 5, day: "2026-03-09", submittedAt: at("2026-03-09T09:00Z") },
    ]);
    expect(psfs).toMatchObject({
      measureId: "psfs",
      responses: 3,
      first: { score: 4, day: "2026-03-02" },
      last: { score: 5.5, day: "2026-03-16" },
      change: 1.5,
      threshold: 2,
      meaningful: false,
    });
  });

  it("reads a Global Rating of Change by its last rating, and skips unknown measures", () => {
    const summaries = summariseResponses([
      { measureId: "groc", score: 4, day: "2026-04-01", submittedAt: at("2026-04-01T09:00Z") },
      { measureId: "gone", score: 1, day: "2026-04-01", submittedAt: at("2026-04-01T09:00Z") },
    ]);
    expect(summaries).toEqual([
      expect.objectContaining({
        measureId: "groc",
        interpretation: "rating",
        threshold: 3,
        change: null,
        meaningful: true,
      }),
    ]);
    expect(summariseResponses([])).toEqual([]);
  });
});
