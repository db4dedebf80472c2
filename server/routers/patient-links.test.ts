import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPatientLink, readIn, writeIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, patientLinks, patients } from "@/db/schema";
import { eq } from "drizzle-orm";
import { patientCaller, staffCaller } from "@/server/testing/callers";
import { codeOf } from "@/server/testing/errors";
import { buildTwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(() => t.cleanup());
let w: Awaited<ReturnType<typeof buildTwoClinics>>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

const unauthorized = async (p: Promise<unknown>) => expect(await codeOf(p)).toBe("UNAUTHORIZED");

describe("patient links", () => {
  it("creates a link whose token opens that patient's plan and nothing else", async () => {
    const link = await staffCaller(t.db, w.clinicianA).patientLinks.create({
      patientId: w.patientA.id,
    });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const plan = await patientCaller(t.db, link.token).plan.today();
    expect(plan.firstName).toBe("Alice");
    expect(plan.clinic.name).toBe("Clinic A");
    expect(plan.items.map((i) => i.doseText)).toContain(
      "2 sets of 10, hold 5 s, both legs together, once a day, 5 days a week",
    );
    expect(JSON.stringify(plan)).not.toContain(w.patientB.displayName);
  });

  it("stores only a hash of the token, and audits the creation", async () => {
    const link = await staffCaller(t.db, w.clinicianA).patientLinks.create({
      patientId: w.patientA.id,
      validDays: 30,
    });
    const rows = await readIn(t.db, (db) => db.select().from(patientLinks));
    expect(JSON.stringify(rows)).not.toContain(link.token);
    const events = await readIn(t.db, (db) =>
      db.select().from(auditEvents).where(eq(auditEvents.entityId, link.id)),
    );
    expect(events.map((e) => e.action)).toEqual(["patient_link.create"]);
    expect(JSON.stringify(events)).not.toContain(link.token);
  });

  it("stops working at once when revoked", async () => {
    const staff = staffCaller(t.db, w.clinicianA);
    const link = await staff.patientLinks.create({ patientId: w.patientA.id });
    await expect(patientCaller(t.db, link.token).plan.today()).resolves.toBeTruthy();
    await staff.patientLinks.revoke({ linkId: link.id });
    await unauthorized(patientCaller(t.db, link.token).plan.today());
    const listed = await staff.patientLinks.list({ patientId: w.patientA.id });
    expect(listed.links.find((l) => l.id === link.id)?.active).toBe(false);
  });

  it("refuses an expired link, an unknown token and no token alike", async () => {
    const { token } = await insertPatientLink(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      createdBy: w.clinicianA.id,
      expiresAt: new Date(Date.now() - 1000),
    });
    await unauthorized(patientCaller(t.db, token).plan.today());
    await unauthorized(patientCaller(t.db, "A".repeat(43)).plan.today());
    await unauthorized(patientCaller(t.db, "'; drop table patients; --").plan.today());
    await unauthorized(patientCaller(t.db, null).plan.today());
  });

  it("stops working when the patient is discharged", async () => {
    const { token } = await insertPatientLink(t.db, {
      clinicId: w.clinicB.id,
      patientId: w.patientB.id,
      createdBy: w.clinicianB.id,
    });
    await expect(patientCaller(t.db, token).plan.today()).resolves.toBeTruthy();
    const setStatus = (status: "active" | "discharged") =>
      writeIn(t.db, (tx) =>
        tx.update(patients).set({ status }).where(eq(patients.id, w.patientB.id)),
      );
    await setStatus("discharged");
    await unauthorized(patientCaller(t.db, token).plan.today());
    await setStatus("active");
  });

  it("cannot be revoked from another clinic", async () => {
    const link = await staffCaller(t.db, w.clinicianA).patientLinks.create({
      patientId: w.patientA.id,
    });
    expect(
      await codeOf(staffCaller(t.db, w.clinicianB).patientLinks.revoke({ linkId: link.id })),
    ).toBe("NOT_FOUND");
    await expect(patientCaller(t.db, link.token).plan.today()).resolves.toBeTruthy();
  });

  it("gives a patient caller no way into staff procedures", async () => {
    const link = await staffCaller(t.db, w.clinicianA).patientLinks.create({
      patientId: w.patientA.id,
    });
    await unauthorized(patientCaller(t.db, link.token).patients.list({}));
  });

  it("reports the day in the patient's own time zone", async () => {
    const link = await staffCaller(t.db, w.clinicianB).patientLinks.create({
      patientId: w.patientB.id,
    });
    const plan = await patientCaller(t.db, link.token).plan.today();
    expect(plan.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
