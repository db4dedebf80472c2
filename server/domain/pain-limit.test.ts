import { describe, expect, it } from "vitest";
import { describePainLimit } from "./pain-limit";

describe("describePainLimit", () => {
  it("names the limit and the next-morning and week-to-week rules in one sentence", () => {
    const text = describePainLimit(5);
    expect(text).toContain("5 out of 10");
    expect(text).toContain("next morning");
    expect(text).toContain("week to week");
    expect(text.match(/\./g)).toHaveLength(1);
  });

  it("says plainly that a zero limit means no pain at all", () => {
    expect(describePainLimit(0)).toMatch(/should not hurt at all/);
  });
});
