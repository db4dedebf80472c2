import { describe, expect, it } from "vitest";
import { attemptsExhausted, errorCodeOf, MAX_ATTEMPTS, retryDelayMs } from "./retry-schedule";

describe("the retry schedule", () => {
  it("waits 30 s, then doubles, never more than 15 minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 19].map(retryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000,
    ]);
  });

  it("gives up after the last try, about four hours in", () => {
    expect(attemptsExhausted(MAX_ATTEMPTS - 1)).toBe(false);
    expect(attemptsExhausted(MAX_ATTEMPTS)).toBe(true);
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)).reduce(
      (a, b) => a + b,
    );
    expect(total / 3_600_000).toBeCloseTo(3.76, 1);
  });

  it("keeps only an error's code and SMTP reply code, never its message", () => {
    expect(errorCodeOf(Object.assign(new Error("connect to a@b.c"), { code: "ESOCKET" }))).toBe(
      "ESOCKET",
    );
    expect(errorCodeOf({ code: "EENVELOPE", responseCode: 550, response: "550 nia@x" })).toBe(
      "EENVELOPE 550",
    );
    expect(errorCodeOf(new Error("nia@example.com refused"))).toBe("ERROR");
    expect(errorCodeOf({ code: "lower case or@address" })).toBe("ERROR");
    expect(errorCodeOf(null)).toBe("ERROR");
  });
});
