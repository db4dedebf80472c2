import { describe, expect, it } from "vitest";
import { isStaffClaims, judgeClaimsTiming } from "./claims";

const limits = { maxAgeSeconds: 12 * 3600, idleSeconds: 30 * 60 };

describe("session timing", () => {
  const now = 1_800_000_000;
  it("is valid while active and within 12 hours", () => {
    expect(
      judgeClaimsTiming({ signedInAt: now - 11 * 3600, lastActiveAt: now - 60 }, now, limits),
    ).toBe("valid");
  });
  it("ends after 30 idle minutes", () => {
    expect(
      judgeClaimsTiming({ signedInAt: now - 3600, lastActiveAt: now - 30 * 60 - 1 }, now, limits),
    ).toBe("idle");
  });
  it("ends after 12 hours however active", () => {
    expect(
      judgeClaimsTiming({ signedInAt: now - 12 * 3600 - 1, lastActiveAt: now }, now, limits),
    ).toBe("expired");
  });
});

describe("claims shape", () => {
  it("accepts only complete claims with a known role", () => {
    const good = { uid: "u", cid: "c", role: "clinician", sv: 1, signedInAt: 1, lastActiveAt: 1 };
    expect(isStaffClaims(good)).toBe(true);
    expect(isStaffClaims({ ...good, role: "owner" })).toBe(false);
    expect(isStaffClaims({ ...good, sv: undefined })).toBe(false);
    expect(isStaffClaims(null)).toBe(false);
  });
});
