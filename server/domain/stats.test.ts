import { describe, expect, it } from "vitest";
import { isAtLeast, mean, median } from "./stats";

describe("stats", () => {
  it("takes the mean, undefined for no values", () => {
    expect(mean([3, 3, 4, 3])).toBe(3.25);
    expect(mean([])).toBeUndefined();
  });

  it("takes the median of odd and even counts, undefined for no values", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });

  it("compares with a threshold, forgiving floating-point noise only", () => {
    expect(8 / 3 - 5 / 3).toBeLessThan(1);
    expect(isAtLeast(8 / 3 - 5 / 3, 1)).toBe(true);
    expect(isAtLeast(1, 1)).toBe(true);
    expect(isAtLeast(0.99, 1)).toBe(false);
  });
});
