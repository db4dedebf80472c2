import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { insertClinic, insertPatient, insertUser, readIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, patients, users } from "@/db/schema";
import { systemData } from "@/server/data/clinic-data";
import { verifyCredentials } from "@/server/services/auth/verify-credentials";
import { INVALID_LINK_MESSAGE } from "@/server/services/team/errors";
import { anonymousCaller, staffCaller } from "@/server/testing/callers";
import { codeOf, outcome } from "@/server/testing/errors";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.cleanup());
afterEach(() => vi.useRealTimers());

type User = Awaited<ReturnType<typeof insertUser>>;
/** The user's row as it is now, so a caller made from it carries the current session version. */
const fresh = async (user: User) =>
  (await readIn(t.db, (db) => db.select().from(users).where(eq(users.id, user.id))))[0]!;

const verify = (email: string, password: string) =>
  verifyCredentials({ system: systemData(t.db), email, password });

const patientRow = async (id: string) =>
  (await readIn(t.db, (db) => db.select().from(patients).where(eq(patients.id, id))))[0];

/** A clinic of its own per test, so counts of admins and patients are exact. */
async function clinicWith(options: { admins: number; clinicians: number }) {
  const clinic = await insertClinic(t.db);
  const admins: User[] = [];
  const clinicians: User[] = [];
  for (let i = 0; i < options.admins; i++) {
    admins.push(await insertUser(t.db, { clinicId: clinic.id, role: "admin", name: `Admin ${i}` }));
  }
  for (let i = 0; i < options.clinicians; i++) {
    clinicians.push(await insertUser(t.db, { clinicId: clinic.id, name: `Clinician ${i}` }));
  }
  const patientsOf = async (
    user: User,
    count: number,
    status: "active" | "discharged" = "active",
  ) => {
    const made = [];
    for (let i = 0; i < count; i++) {
      made.push(
        await insertPatient(t.db, { clinicId: clinic.id, primaryClinicianId: user.id, status }),
      );
    }
    return made;
  };
  return { clinic, admins, clinicians, patientsOf };
}

const auditOf = (action: string, entityId: string) =>
  readIn(t.db, (db) =>
    db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId))),
  );

describe("the last active admin", () => {
  it("cannot be demoted or deactivated, and nothing changes", async () => {
    const { admins, clinicians } = await clinicWith({ admins: 1, clinicians: 1 });
    const only = admins[0]!;
    const caller = staffCaller(t.db, only);
    const demote = await outcome(caller.team.changeRole({ userId: only.id, role: "clinician" }));
    expect(demote.code).toBe("CONFLICT");
    expect(demote.message).toMatch(/only active admin, so they cannot be changed to clinician/);
    const deactivate = await outcome(caller.team.deactivate({ userId: only.id }));
    expect(deactivate.code).toBe("CONFLICT");
    expect(deactivate.message).toMatch(/only active admin, so they cannot be deactivated/);
    expect(await fresh(only)).toMatchObject({ role: "admin", active: true });
    expect(await caller.auth.me()).toMatchObject({ role: "admin" });
    expect(clinicians).toHaveLength(1);
  });

  it("can step down once someone else is an admin, and each change is audited", async () => {
    const { admins, clinicians } = await clinicWith({ admins: 1, clinicians: 1 });
    const [first] = admins;
    const [colleague] = clinicians;
    const caller = staffCaller(t.db, first!);
    await caller.team.changeRole({ userId: colleague!.id, role: "admin" });
    await caller.team.changeRole({ userId: first!.id, role: "clinician" });
    expect((await fresh(first!)).role).toBe("clinician");
    expect((await auditOf("user.change_role", first!.id)).map((e) => [e.before, e.after])).toEqual([
      [{ role: "admin" }, { role: "clinician" }],
    ]);
    // Their next request is a clinician's.
    expect((await outcome(staffCaller(t.db, first!).team.list())).code).toBe("FORBIDDEN");
    const now = staffCaller(t.db, colleague!);
    expect(
      (await outcome(now.team.changeRole({ userId: colleague!.id, role: "clinician" }))).code,
    ).toBe("CONFLICT");
  });

  it("does not count a deactivated admin as the one that remains", async () => {
    const { admins } = await clinicWith({ admins: 2, clinicians: 0 });
    const [a, b] = admins;
    await staffCaller(t.db, a!).team.deactivate({ userId: b!.id });
    const error = await outcome(staffCaller(t.db, a!).team.deactivate({ userId: a!.id }));
    expect(error.code).toBe("CONFLICT");
  });

  it("is kept when two admins step down at the same moment", async () => {
    const { admins } = await clinicWith({ admins: 2, clinicians: 0 });
    const [a, b] = admins;
    // Each sees the other still an admin; on PostgreSQL the two run on two connections at once.
    await Promise.all([fresh(a!), fresh(b!), fresh(a!), fresh(b!)]); // connections opened first
    const codes = await Promise.all([
      codeOf(staffCaller(t.db, a!).team.changeRole({ userId: a!.id, role: "clinician" })),
      codeOf(staffCaller(t.db, b!).team.changeRole({ userId: b!.id, role: "clinician" })),
    ]);
    expect(codes.sort()).toEqual(["CONFLICT", "OK"]);
    const roles = [(await fresh(a!)).role, (await fresh(b!)).role];
    expect(roles.sort()).toEqual(["admin", "clinician"]);
  });
});

describe("deactivating and reactivating", () => {
  it("ends the person's open session at once and audits before and after", async () => {
    const { admins, clinicians } = await clinicWith({ admins: 1, clinicians: 1 });
    const leaver = clinicians[0]!;
    // Their browser: the same cookie on each request (a caller is one request).
    const theirSession = () => staffCaller(t.db, leaver);
    expect(await theirSession().auth.me()).toMatchObject({ id: leaver.id });

    await expect(
      staffCaller(t.db, admins[0]!).team.deactivate({ userId: leaver.id }),
    ).resolves.toEqual({ id: leaver.id, active: false, patientsReassigned: 0 });
    expect((await outcome(theirSession().auth.me())).code).toBe("UNAUTHORIZED");
    expect(await fresh(leaver)).toMatchObject({ active: false, sessionVersion: 2 });
    expect(await verify(leaver.email, "correct horse battery staple")).toBeNull();
    const [event] = await auditOf("user.deactivate", leaver.id);
    expect(event).toMatchObject({
      actorId: admins[0]!.id,
      before: { active: true, sessionVersion: 1 },
      after: { active: false, sessionVersion: 2, patientsReassigned: 0 },
    });
  });

  it("lets a reactivated person sign in again, while old sessions stay ended", async () => {
    const { admins, clinicians } = await clinicWith({ admins: 1, clinicians: 1 });
    const person = clinicians[0]!;
    const oldSession = () => staffCaller(t.db, person);
    const admin = staffCaller(t.db, admins[0]!);
    await admin.team.deactivate({ userId: person.id });
    await admin.team.reactivate({ userId: person.id });
    expect((await outcome(oldSession().auth.me())).code).toBe("UNAUTHORIZED");
    expect(await staffCaller(t.db, await fresh(person)).auth.me()).toMatchObject({
      id: person.id,
    });
    expect(await auditOf("user.reactivate", person.id)).toHaveLength(1);
    const team = (await admin.team.list()).members;
    expect(team.find((m) => m.id === person.id)).toMatchObject({ active: true });
  });

  it("refuses to leave a clinician's active patients without a clinician", async () => {
    const { admins, clinicians, patientsOf } = await clinicWith({ admins: 1, clinicians: 2 });
    const [leaver, stayer] = clinicians;
    const mine = await patientsOf(leaver!, 2);
    const admin = staffCaller(t.db, admins[0]!);
    const error = await outcome(admin.team.deactivate({ userId: leaver!.id }));
    expect(error).toEqual({
      code: "CONFLICT",
      message:
        "Clinician 0 still has 2 active patients without a new clinician. Choose who takes over each of them first.",
    });
    const partial = await outcome(
      admin.team.deactivate({
        userId: leaver!.id,
        assignments: [{ patientId: mine[0]!.id, toUserId: stayer!.id }],
      }),
    );
    expect(partial.message).toMatch(/still has 1 active patient /);
    expect((await fresh(leaver!)).active).toBe(true);
    const rows = await readIn(t.db, (db) =>
      db
        .select()
        .from(patients)
        .where(
          inArray(
            patients.id,
            mine.map((p) => p.id),
          ),
        ),
    );
    expect(rows.every((p) => p.primaryClinicianId === leaver!.id)).toBe(true);
  });

  it("hands the patients over and deactivates in one step", async () => {
    const { admins, clinicians, patientsOf } = await clinicWith({ admins: 1, clinicians: 2 });
    const [leaver, stayer] = clinicians;
    const admin = admins[0]!;
    const mine = await patientsOf(leaver!, 2);
    const [discharged] = await patientsOf(leaver!, 1, "discharged");
    const result = await staffCaller(t.db, admin).team.deactivate({
      userId: leaver!.id,
      assignments: [
        { patientId: mine[0]!.id, toUserId: stayer!.id },
        { patientId: mine[1]!.id, toUserId: admin.id },
      ],
    });
    expect(result).toEqual({ id: leaver!.id, active: false, patientsReassigned: 2 });
    const owner = async (id: string) => (await patientRow(id))?.primaryClinicianId;
    expect([await owner(mine[0]!.id), await owner(mine[1]!.id)]).toEqual([stayer!.id, admin.id]);
    expect(await owner(discharged!.id)).toBe(leaver!.id);
  });
});

describe("reassigning patients", () => {
  it("moves every active patient in one step, one audit event per patient", async () => {
    const { admins, clinicians, patientsOf } = await clinicWith({ admins: 1, clinicians: 3 });
    const [from, toA, toB] = clinicians;
    const mine = await patientsOf(from!, 3);
    const admin = staffCaller(t.db, admins[0]!);
    const caseload = await admin.team.caseload({ userId: from!.id });
    expect(caseload.map((p) => p.id).sort()).toEqual(mine.map((p) => p.id).sort());

    const assignments = mine.map((p, i) => ({
      patientId: p.id,
      toUserId: i === 0 ? toA!.id : toB!.id,
    }));
    await expect(
      admin.team.reassignPatients({ fromUserId: from!.id, assignments }),
    ).resolves.toEqual({ moved: 3 });
    expect(await admin.team.caseload({ userId: from!.id })).toEqual([]);
    for (const a of assignments) {
      const row = await patientRow(a.patientId);
      expect(row?.primaryClinicianId).toBe(a.toUserId);
      const events = await auditOf("patient.reassign", a.patientId);
      expect(events.map((e) => [e.actorId, e.patientId, e.before, e.after])).toEqual([
        [
          admins[0]!.id,
          a.patientId,
          { primaryClinicianId: from!.id },
          { primaryClinicianId: a.toUserId },
        ],
      ]);
    }
    const team = (await admin.team.list()).members;
    expect(team.find((m) => m.id === from!.id)?.activePatients).toBe(0);
    expect(team.find((m) => m.id === toB!.id)?.activePatients).toBe(2);
  });

  it("moves nothing when any one assignment is refused", async () => {
    const { admins, clinicians, patientsOf } = await clinicWith({ admins: 1, clinicians: 3 });
    const [from, to, gone] = clinicians;
    const mine = await patientsOf(from!, 2);
    const admin = staffCaller(t.db, admins[0]!);
    await admin.team.deactivate({ userId: gone!.id });
    const error = await outcome(
      admin.team.reassignPatients({
        fromUserId: from!.id,
        assignments: [
          { patientId: mine[0]!.id, toUserId: to!.id },
          { patientId: mine[1]!.id, toUserId: gone!.id },
        ],
      }),
    );
    expect(error).toEqual({
      code: "CONFLICT",
      message: "Patients can only go to an active colleague. Choose someone else.",
    });
    expect((await admin.team.caseload({ userId: from!.id })).length).toBe(2);
    expect(await auditOf("patient.reassign", mine[0]!.id)).toEqual([]);
  });
});

describe("password reset links", () => {
  const NEW_PASSWORD = "lantern meadow copper sails";

  it("set a new password once, end the old sessions, and never store or audit the token", async () => {
    const { admins, clinicians } = await clinicWith({ admins: 1, clinicians: 1 });
    const person = clinicians[0]!;
    const oldSession = () => staffCaller(t.db, person);
    const link = await staffCaller(t.db, admins[0]!).team.createPasswordReset({
      userId: person.id,
    });
    expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(24 * 3_600_000 - 60_000);
    expect(await oldSession().auth.me()).toMatchObject({ id: person.id });

    const visitor = anonymousCaller(t.db);
    expect(await visitor.team.describePasswordReset({ token: link.token })).toEqual({
      email: person.email,
      name: person.name,
    });
    await expect(
      visitor.team.resetPassword({ token: link.token, password: NEW_PASSWORD }),
    ).resolves.toEqual({ email: person.email });

    expect((await outcome(oldSession().auth.me())).code).toBe("UNAUTHORIZED");
    expect(await verify(person.email, NEW_PASSWORD)).toMatchObject({
      id: person.id,
      sessionVersion: 2,
    });
    expect(await verify(person.email, "correct horse battery staple")).toBeNull();

    const again = await outcome(
      visitor.team.resetPassword({ token: link.token, password: "another long passphrase" }),
    );
    expect(again).toEqual({ code: "NOT_FOUND", message: INVALID_LINK_MESSAGE });
    const trail = await readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.entityId, person.id))
        .orderBy(asc(auditEvents.at), asc(auditEvents.id)),
    );
    expect(trail.map((e) => e.action)).toEqual(["password_reset.create", "password_reset.use"]);
    expect(JSON.stringify(trail)).not.toMatch(new RegExp(`${link.token}|argon2|lantern`));
  });

  it("expire after 24 hours", async () => {
    const start = new Date("2027-05-10T08:00:00Z");
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const { admins, clinicians } = await clinicWith({ admins: 1, clinicians: 1 });
    const link = await staffCaller(t.db, admins[0]!).team.createPasswordReset({
      userId: clinicians[0]!.id,
    });
    vi.setSystemTime(start.getTime() + 24 * 3_600_000 + 1000);
    const error = await outcome(
      anonymousCaller(t.db).team.resetPassword({ token: link.token, password: NEW_PASSWORD }),
    );
    expect(error).toEqual({ code: "NOT_FOUND", message: INVALID_LINK_MESSAGE });
  });

  it("stop working when a newer link is made or the person is deactivated", async () => {
    const { admins, clinicians } = await clinicWith({ admins: 1, clinicians: 1 });
    const admin = staffCaller(t.db, admins[0]!);
    const person = clinicians[0]!;
    const first = await admin.team.createPasswordReset({ userId: person.id });
    const second = await admin.team.createPasswordReset({ userId: person.id });
    const visitor = anonymousCaller(t.db);
    expect((await outcome(visitor.team.describePasswordReset({ token: first.token }))).code).toBe(
      "NOT_FOUND",
    );
    await admin.team.deactivate({ userId: person.id });
    const error = await outcome(
      visitor.team.resetPassword({ token: second.token, password: NEW_PASSWORD }),
    );
    expect(error.message).toBe(INVALID_LINK_MESSAGE);
    const refused = await outcome(admin.team.createPasswordReset({ userId: person.id }));
    expect(refused.code).toBe("CONFLICT");
  });
});
