import { describe, expect, it } from "vitest";
import { linkState, type LinkFacts } from "./link-state";

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9));
const link = (over: Partial<LinkFacts>): LinkFacts => ({
  createdAt: day(1),
  expiresAt: day(28),
  revokedAt: null,
  lastUsedAt: null,
  active: true,
  ...over,
});

describe("the link state in the patient summary", () => {
  it("is off for a discharged patient, even with a link that has not expired", () => {
    expect(linkState([link({})], true)).toEqual({ kind: "off" });
  });

  it("says there is none yet when no link was ever made", () => {
    expect(linkState([], false)).toEqual({ kind: "none" });
  });

  it("counts working links and reports the latest expiry and the latest opening among them", () => {
    const state = linkState(
      [
        link({ expiresAt: day(20), lastUsedAt: day(5) }),
        link({ expiresAt: day(29), lastUsedAt: null }),
        link({ expiresAt: day(30), active: false, revokedAt: day(6), lastUsedAt: day(7) }),
      ],
      false,
    );
    expect(state).toEqual({ kind: "working", count: 2, until: day(29), lastUsedAt: day(5) });
  });

  it("says a working link was never opened", () => {
    expect(linkState([link({})], false)).toMatchObject({ kind: "working", lastUsedAt: null });
  });

  it("says how the newest link stopped when none works", () => {
    const expired = link({ createdAt: day(3), expiresAt: day(10), active: false });
    const revoked = link({ createdAt: day(2), revokedAt: day(4), active: false });
    expect(linkState([revoked, expired], false)).toEqual({
      kind: "stopped",
      how: "expired",
      at: day(10),
    });
    expect(
      linkState([expired, link({ createdAt: day(5), revokedAt: day(6), active: false })], false),
    ).toEqual({
      kind: "stopped",
      how: "revoked",
      at: day(6),
    });
  });
});
