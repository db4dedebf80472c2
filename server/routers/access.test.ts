import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { users } from "@/db/schema";
import { anonymousCaller, staffCaller } from "@/server/testing/callers";
import { codeOf } from "@/server/testing/errors";
import { buildTwoClinics } from "@/server/testing/world";

let t: TestDb;
let w: Awaited<ReturnType<typeof buildTwoClinics>>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});
afterAll(async () => {
  await t?.cleanup();
});

/** Changes clinic B's clinician as an admin would, outside any request. */
function updateClinicianB(changes: Partial<typeof users.$inferInsert>) {
  return t.db.write(w.clinicB.id, (tx) =>
    tx.update(users).set(changes).where(eq(users.id, w.clinicianB.id)),
  );
}

describe("clinic isolation", () => {
  it("shows a clinician their own clinic's patient with the program in force", async () => {
    const data = await staffCaller(t.db, w.clinicianA).patients.get({ patientId: w.patientA.id });
    expect(data.patient.displayName).toBe("Alice Andrews");
    expect(data.program?.items.map((i) => i.doseText)).toEqual([
      "2 sets of 10, hold 5 s, both legs together, once a day, 5 days a week",
      "3 sets of 12, both legs together, once a day, every day",
    ]);
  });

  it("answers another clinic's patient exactly like a patient that does not exist", async () => {
    const caller = staffCaller(t.db, w.clinicianA);
    const foreign = await caller.patients
      .get({ patientId: w.patientB.id })
      .catch((e: TRPCError) => e);
    const missing = await caller.patients
      .get({ patientId: "0190f000-0000-7000-8000-000000000000" })
      .catch((e: TRPCError) => e);
    expect(foreign).toBeInstanceOf(TRPCError);
    expect(missing).toBeInstanceOf(TRPCError);
    expect((foreign as TRPCError).code).toBe("NOT_FOUND");
    expect((foreign as TRPCError).message).toBe((missing as TRPCError).message);
  });

  it("lists only the clinic's own patients, mine by default and all on request", async () => {
    const mine = await staffCaller(t.db, w.adminA).patients.list({});
    expect(mine.rows).toHaveLength(0);
    const all = await staffCaller(t.db, w.adminA).patients.list({
      filters: { mine: false, status: "active" },
    });
    expect(all.rows.map((r) => r.displayName)).toEqual(["Alice Andrews"]);
    expect(all.total).toBe(1);
  });

  it("cannot list another clinic's links or make one for its patient", async () => {
    const caller = staffCaller(t.db, w.clinicianA);
    expect(await codeOf(caller.patientLinks.list({ patientId: w.patientB.id }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.patientLinks.create({ patientId: w.patientB.id }))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("staff sessions", () => {
  it("refuses a caller with no session", async () => {
    expect(await codeOf(anonymousCaller(t.db).patients.list({}))).toBe("UNAUTHORIZED");
  });

  it("ends an open session at once when the user is deactivated", async () => {
    const caller = staffCaller(t.db, w.clinicianB);
    expect(await codeOf(caller.auth.me())).toBe("OK");
    await updateClinicianB({ active: false });
    // The next request with the same cookie (a caller is one request: it checks once).
    expect(await codeOf(staffCaller(t.db, w.clinicianB).auth.me())).toBe("UNAUTHORIZED");
    await updateClinicianB({ active: true });
  });

  it("ends every session of a user when their session version moves (sign out everywhere)", async () => {
    const caller = staffCaller(t.db, w.clinicianB);
    await updateClinicianB({ sessionVersion: w.clinicianB.sessionVersion + 1 });
    expect(await codeOf(caller.auth.me())).toBe("UNAUTHORIZED");
  });

  it("ends a session after 30 minutes idle and after 12 hours in all", async () => {
    expect(await codeOf(staffCaller(t.db, w.clinicianA, { idleSeconds: 29 * 60 }).auth.me())).toBe(
      "OK",
    );
    expect(await codeOf(staffCaller(t.db, w.clinicianA, { idleSeconds: 31 * 60 }).auth.me())).toBe(
      "UNAUTHORIZED",
    );
    expect(
      await codeOf(staffCaller(t.db, w.clinicianA, { signedInSecondsAgo: 13 * 3600 }).auth.me()),
    ).toBe("UNAUTHORIZED");
  });

  it("takes the role from the database, not from the cookie", async () => {
    const me = await staffCaller(t.db, { ...w.clinicianA, role: "admin" }).auth.me();
    expect(me.role).toBe("clinician");
  });
});
