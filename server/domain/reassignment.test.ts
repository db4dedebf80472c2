import { describe, expect, it } from "vitest";
import { checkReassignment } from "./reassignment";

const base = {
  fromUserId: "ana",
  fromName: "Ana",
  activePatientIds: ["p1", "p2"],
  activeColleagueIds: ["ben", "cai"],
};

describe("handing over patients", () => {
  it("accepts every patient going to active colleagues, split as the admin likes", () => {
    const verdict = checkReassignment({
      ...base,
      requireAll: true,
      assignments: [
        { patientId: "p1", toUserId: "ben" },
        { patientId: "p2", toUserId: "cai" },
      ],
    });
    expect(verdict).toEqual({ ok: true });
  });

  it("refuses a departure that would leave a patient without a clinician", () => {
    expect(
      checkReassignment({
        ...base,
        requireAll: true,
        assignments: [{ patientId: "p1", toUserId: "ben" }],
      }),
    ).toEqual({
      ok: false,
      message:
        "Ana still has 1 active patient without a new clinician. Choose who takes over each of them first.",
    });
    expect(checkReassignment({ ...base, requireAll: true, assignments: [] })).toMatchObject({
      message: expect.stringContaining("2 active patients"),
    });
  });

  it("lets someone who stays hand over only some patients, but at least one", () => {
    expect(
      checkReassignment({
        ...base,
        requireAll: false,
        assignments: [{ patientId: "p2", toUserId: "ben" }],
      }).ok,
    ).toBe(true);
    expect(checkReassignment({ ...base, requireAll: false, assignments: [] })).toMatchObject({
      ok: false,
      message: "Choose at least one patient to move.",
    });
  });

  it("allows a departure with no active patients and nothing to move", () => {
    expect(
      checkReassignment({ ...base, activePatientIds: [], requireAll: true, assignments: [] }).ok,
    ).toBe(true);
  });

  it("refuses patients that are not (or no longer) theirs, and listing one twice", () => {
    for (const assignments of [
      [{ patientId: "someone-else", toUserId: "ben" }],
      [
        { patientId: "p1", toUserId: "ben" },
        { patientId: "p1", toUserId: "cai" },
      ],
    ]) {
      expect(checkReassignment({ ...base, requireAll: false, assignments })).toMatchObject({
        ok: false,
        message: expect.stringContaining("has changed"),
      });
    }
  });

  it("refuses handing patients to the person leaving or to an inactive colleague", () => {
    expect(
      checkReassignment({
        ...base,
        requireAll: false,
        assignments: [{ patientId: "p1", toUserId: "ana" }],
      }),
    ).toMatchObject({ ok: false, message: "Choose someone other than Ana to take over." });
    expect(
      checkReassignment({
        ...base,
        requireAll: false,
        assignments: [{ patientId: "p1", toUserId: "dee" }],
      }),
    ).toMatchObject({ ok: false, message: expect.stringContaining("active colleague") });
  });
});
