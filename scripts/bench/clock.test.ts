import { afterEach, describe, expect, it } from "vitest";
import { shiftClock } from "./clock";

const RealDate = Date;

describe("shiftClock", () => {
  let restore: (() => void) | null = null;
  afterEach(() => restore?.());

  it("reads the given instant now and keeps running from there", () => {
    const to = new Date("2026-03-01T09:30:00Z");
    restore = shiftClock(to);
    const read = Date.now();
    expect(read).toBeGreaterThanOrEqual(to.getTime());
    expect(read - to.getTime()).toBeLessThan(1_000);
    expect(new Date().getTime() - to.getTime()).toBeLessThan(1_000);
  });

  it("leaves dates built from a value alone, and they are still dates", () => {
    restore = shiftClock(new Date("2020-01-01T00:00:00Z"));
    const fixed = new Date("2026-11-29T12:00:00Z");
    expect(fixed.toISOString()).toBe("2026-11-29T12:00:00.000Z");
    expect(new Date(0).getTime()).toBe(0);
    // What zod's z.date() and the drivers check.
    expect(fixed).toBeInstanceOf(RealDate);
  });

  it("puts the real clock back", () => {
    const undo = shiftClock(new Date("2001-01-01T00:00:00Z"));
    undo();
    expect(Math.abs(Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(1_000);
  });
});
