import { describe, expect, it } from "vitest";
import { percentile, summarise } from "./measure";

describe("bench percentiles", () => {
  it("takes the nearest rank", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(summarise([3, 1, 2])).toEqual({ p50: 2, p95: 3, max: 3 });
  });

  it("says nothing for no samples", () => {
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });
});
