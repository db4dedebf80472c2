import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { anonymousCaller, staffCaller } from "@/server/testing/callers";
import { outcome } from "@/server/testing/errors";
import { buildTwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(() => t?.cleanup());
let w: Awaited<ReturnType<typeof buildTwoClinics>>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

const MISSING_ID = "0190f000-0000-7000-8000-000000000000";

type Caller = ReturnType<typeof staffCaller>;

/** Every admin-only team procedure, called with well-formed input. */
const adminCalls = (userId: string): Record<string, (c: Caller) => Promise<unknown>> => ({
  list: (c) => c.team.list(),
  invitations: (c) => c.team.invitations(),
  caseload: (c) => c.team.caseload({ userId }),
  invite: (c) => c.team.invite({ email: "new.person@example.com", role: "clinician" }),
  revokeInvitation: (c) => c.team.revokeInvitation({ invitationId: MISSING_ID }),
  changeRole: (c) => c.team.changeRole({ userId, role: "admin" }),
  deactivate: (c) => c.team.deactivate({ userId }),
  reactivate: (c) => c.team.reactivate({ userId }),
  createPasswordReset: (c) => c.team.createPasswordReset({ userId }),
  reassignPatients: (c) =>
    c.team.reassignPatients({
      fromUserId: userId,
      assignments: [{ patientId: MISSING_ID, toUserId: userId }],
    }),
});

describe("team procedures", () => {
  it("are FORBIDDEN to a clinician, every one of them, and change nothing", async () => {
    const clinician = staffCaller(t.db, w.clinicianA);
    for (const [name, call] of Object.entries(adminCalls(w.clinicianA.id))) {
      expect([name, await outcome(call(clinician))]).toEqual([
        name,
        { code: "FORBIDDEN", message: "Only a clinic admin can do this." },
      ]);
    }
    expect(await staffCaller(t.db, w.adminA).team.invitations()).toEqual([]);
  });

  it("are UNAUTHORIZED without a session", async () => {
    for (const [name, call] of Object.entries(adminCalls(w.clinicianA.id))) {
      expect([name, (await outcome(call(anonymousCaller(t.db)))).code]).toEqual([
        name,
        "UNAUTHORIZED",
      ]);
    }
  });

  it("treat another clinic's user exactly like a user that does not exist", async () => {
    const admin = staffCaller(t.db, w.adminA);
    const targeted = ["caseload", "changeRole", "deactivate", "reactivate", "createPasswordReset"];
    for (const name of [...targeted, "reassignPatients"]) {
      const foreign = await outcome(adminCalls(w.clinicianB.id)[name]!(admin));
      const missing = await outcome(adminCalls(MISSING_ID)[name]!(admin));
      expect([name, foreign]).toEqual([name, missing]);
      expect([name, foreign.code]).toEqual([name, "NOT_FOUND"]);
    }
    const { timeZone, members } = await admin.team.list();
    expect(timeZone).toBe("Europe/London");
    expect(members.map((m) => m.id).sort()).toEqual([w.adminA.id, w.clinicianA.id].sort());
    expect(await staffCaller(t.db, w.clinicianB).auth.me()).toMatchObject({ role: "clinician" });
  });

  it("will not hand a patient to another clinic's clinician", async () => {
    const admin = staffCaller(t.db, w.adminA);
    const toForeign = await outcome(
      admin.team.reassignPatients({
        fromUserId: w.clinicianA.id,
        assignments: [{ patientId: w.patientA.id, toUserId: w.clinicianB.id }],
      }),
    );
    const toMissing = await outcome(
      admin.team.reassignPatients({
        fromUserId: w.clinicianA.id,
        assignments: [{ patientId: w.patientA.id, toUserId: MISSING_ID }],
      }),
    );
    expect(toForeign).toEqual(toMissing);
    expect(toForeign.code).toBe("NOT_FOUND");
    const foreignPatient = await outcome(
      admin.team.reassignPatients({
        fromUserId: w.clinicianA.id,
        assignments: [{ patientId: w.patientB.id, toUserId: w.adminA.id }],
      }),
    );
    const missingPatient = await outcome(
      admin.team.reassignPatients({
        fromUserId: w.clinicianA.id,
        assignments: [{ patientId: MISSING_ID, toUserId: w.adminA.id }],
      }),
    );
    expect(foreignPatient).toEqual(missingPatient);
  });

  it("treat another clinic's invitation like one that does not exist", async () => {
    const other = await staffCaller(t.db, w.adminA).team.invite({
      email: "someone.else@example.com",
      role: "clinician",
    });
    const adminB = await insertUser(t.db, { clinicId: w.clinicB.id, role: "admin" });
    const callerB = staffCaller(t.db, adminB);
    expect(await outcome(callerB.team.revokeInvitation({ invitationId: other.id }))).toEqual(
      await outcome(callerB.team.revokeInvitation({ invitationId: MISSING_ID })),
    );
    expect((await callerB.team.invitations()).map((i) => i.id)).not.toContain(other.id);
  });
});
