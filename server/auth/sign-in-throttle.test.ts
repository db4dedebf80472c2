import { describe, expect, it } from "vitest";
import {
  ACCOUNT_FREE_FAILURES,
  ADDRESS_FREE_FAILURES,
  addressKeyValue,
  delayAfterFailures,
  FIRST_DELAY_MS,
  FORGET_AFTER_MS,
  MAX_DELAY_MS,
  parseThrottledSignIn,
  throttledSignInError,
  throttledSignInMessage,
  waitBeforeNextAttempt,
} from "./sign-in-throttle";

const MINUTE = 60_000;

describe("the delay after failed sign-ins", () => {
  it("lets the first few failures on an account through with no wait", () => {
    for (let failures = 0; failures <= ACCOUNT_FREE_FAILURES; failures++) {
      expect(delayAfterFailures(failures, "account")).toBe(0);
    }
  });

  it("then doubles with each further failure, up to about 15 minutes, and never locks", () => {
    const delays = Array.from({ length: 10 }, (_, i) =>
      delayAfterFailures(ACCOUNT_FREE_FAILURES + 1 + i, "account"),
    );
    expect(delays).toEqual([
      FIRST_DELAY_MS,
      2 * FIRST_DELAY_MS,
      4 * FIRST_DELAY_MS,
      8 * FIRST_DELAY_MS,
      16 * FIRST_DELAY_MS,
      MAX_DELAY_MS,
      MAX_DELAY_MS,
      MAX_DELAY_MS,
      MAX_DELAY_MS,
      MAX_DELAY_MS,
    ]);
    expect(MAX_DELAY_MS).toBe(15 * MINUTE);
    expect(delayAfterFailures(1_000_000, "account")).toBe(MAX_DELAY_MS);
  });

  it("gives one address a larger allowance than one account", () => {
    expect(ADDRESS_FREE_FAILURES).toBeGreaterThan(ACCOUNT_FREE_FAILURES);
    expect(delayAfterFailures(ADDRESS_FREE_FAILURES, "address")).toBe(0);
    expect(delayAfterFailures(ADDRESS_FREE_FAILURES + 1, "address")).toBe(FIRST_DELAY_MS);
  });

  it("counts the wait from the last failure, and forgets failures a day old", () => {
    const now = Date.UTC(2026, 10, 29, 12);
    const entry = { failures: ACCOUNT_FREE_FAILURES + 3, lastFailureAt: now - MINUTE };
    expect(waitBeforeNextAttempt(entry, "account", now)).toBe(4 * FIRST_DELAY_MS - MINUTE);
    expect(waitBeforeNextAttempt(entry, "account", now + 3 * MINUTE)).toBe(0);
    expect(waitBeforeNextAttempt(null, "account", now)).toBe(0);
    const old = { failures: 500, lastFailureAt: now - FORGET_AFTER_MS - 1 };
    expect(waitBeforeNextAttempt(old, "account", now)).toBe(0);
  });
});

describe("the message", () => {
  it("says when to try again, in words", () => {
    expect(throttledSignInMessage(30)).toBe("Too many sign-in attempts. Try again in 30 seconds.");
    expect(throttledSignInMessage(1)).toBe("Too many sign-in attempts. Try again in 1 second.");
    expect(throttledSignInMessage(60)).toBe("Too many sign-in attempts. Try again in 1 minute.");
    expect(throttledSignInMessage(61)).toBe("Too many sign-in attempts. Try again in 2 minutes.");
    expect(throttledSignInMessage(240)).toBe("Too many sign-in attempts. Try again in 4 minutes.");
    expect(throttledSignInMessage(15 * 60)).toBe(
      "Too many sign-in attempts. Try again in 15 minutes.",
    );
  });

  it("travels from the server to the form as an error code carrying whole seconds", () => {
    expect(throttledSignInError(239_001)).toBe("throttled:240");
    expect(parseThrottledSignIn(throttledSignInError(239_001))).toBe(240);
    expect(parseThrottledSignIn(throttledSignInError(1))).toBe(1);
    for (const other of [
      "CredentialsSignin",
      "throttled:",
      "throttled:-5",
      "throttled:abc",
      null,
    ]) {
      expect(parseThrottledSignIn(other)).toBeNull();
    }
  });
});

describe("the address a key is made of", () => {
  it("is the IPv4 address itself, also when written as IPv4-mapped IPv6", () => {
    expect(addressKeyValue("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKeyValue("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("is the /64 network for IPv6, since one subscriber usually holds a whole /64", () => {
    const a = addressKeyValue("2001:db8:1:2:aaaa::1");
    expect(a).toBe("2001:db8:1:2::/64");
    expect(addressKeyValue("2001:DB8:1:2:ffff:ffff:ffff:ffff")).toBe(a);
    expect(addressKeyValue("2001:db8:1:3::1")).not.toBe(a);
    expect(addressKeyValue("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKeyValue("::1")).toBe("0:0:0:0::/64");
  });

  it("keeps anything else as it came, trimmed and in lower case", () => {
    expect(addressKeyValue(" Unknown-Host ")).toBe("unknown-host");
  });
});
