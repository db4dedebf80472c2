import { describe, expect, it } from "vitest";
import { SignInThrottle } from "./sign-in-throttle";

describe("sign-in throttle", () => {
  it("blocks an address after too many failures, whatever its case, until the window passes", () => {
    const throttle = new SignInThrottle(3, 1000);
    for (let i = 0; i < 3; i++) throttle.recordFailure("Ana@Example.com", 0);
    expect(throttle.isBlocked("ana@example.com", 10)).toBe(true);
    expect(throttle.isBlocked("ben@example.com", 10)).toBe(false);
    expect(throttle.isBlocked("ana@example.com", 1001)).toBe(false);
  });

  it("forgets failures after a successful sign-in", () => {
    const throttle = new SignInThrottle(2, 1000);
    throttle.recordFailure("a@example.com", 0);
    throttle.recordSuccess("a@example.com");
    throttle.recordFailure("a@example.com", 1);
    expect(throttle.isBlocked("a@example.com", 2)).toBe(false);
  });
});
