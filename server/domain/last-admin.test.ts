import { describe, expect, it } from "vitest";
import { checkKeepsAnAdmin } from "./last-admin";

const admin = { role: "admin", active: true } as const;
const clinician = { role: "clinician", active: true } as const;

describe("the last active admin", () => {
  it("cannot be demoted", () => {
    expect(
      checkKeepsAnAdmin({ name: "Ada", before: admin, after: clinician, activeAdmins: 1 }),
    ).toEqual({
      ok: false,
      message:
        "Ada is the clinic's only active admin, so they cannot be changed to clinician. Make someone else an admin first.",
    });
  });

  it("cannot be deactivated", () => {
    const verdict = checkKeepsAnAdmin({
      name: "Ada",
      before: admin,
      after: { role: "admin", active: false },
      activeAdmins: 1,
    });
    expect(verdict).toMatchObject({ ok: false, message: expect.stringContaining("deactivated") });
  });

  it("can be demoted or deactivated when another active admin remains", () => {
    expect(
      checkKeepsAnAdmin({ name: "Ada", before: admin, after: clinician, activeAdmins: 2 }).ok,
    ).toBe(true);
    expect(
      checkKeepsAnAdmin({
        name: "Ada",
        before: admin,
        after: { ...admin, active: false },
        activeAdmins: 2,
      }).ok,
    ).toBe(true);
  });

  it("does not concern clinicians, inactive admins or changes that keep an active admin", () => {
    const cases = [
      { before: clinician, after: { ...clinician, active: false } },
      { before: { ...admin, active: false }, after: { ...clinician, active: false } },
      { before: admin, after: admin },
      { before: clinician, after: admin },
    ];
    for (const c of cases) {
      expect(checkKeepsAnAdmin({ name: "Ada", ...c, activeAdmins: 1 }).ok).toBe(true);
    }
  });
});
