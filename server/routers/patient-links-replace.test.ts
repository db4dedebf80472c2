import { TRPCError } from "@trpc/server";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPatient, insertPatientLink, readIn, writeIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, patientLinks, patients } from "@/db/schema";
import { patientCaller, staffCaller, TEST_ORIGIN } from "@/server/testing/callers";
import { codeOf } from "@/server/testing/errors";
import { buildTwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(() => t.cleanup());
let w: Awaited<ReturnType<typeof buildTwoClinics>>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

const DAY_MS = 86_400_000;
const unauthorized = async (p: Promise<unknown>) => expect(await codeOf(p)).toBe("UNAUTHORIZED");
const auditOf = (entityIds: string[]) =>
  readIn(t.db, (db) =>
    db
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.entityId, entityIds))
      .orderBy(auditEvents.at, auditEvents.id),
  );

/** A fresh patient of clinic A, so link counts are not shared between tests. */
function newPatient(name: string) {
  return insertPatient(t.db, {
    clinicId: w.clinicA.id,
    primaryClinicianId: w.clinicianA.id,
    displayName: name,
  });
}

describe("replacing a patient's link", () => {
  it("revokes every working link at once, and the new one works", async () => {
    const patient = await newPatient("Carla Replace");
    const staff = staffCaller(t.db, w.clinicianA);
    const first = await staff.patientLinks.create({ patientId: patient.id });
    const second = await staff.patientLinks.create({ patientId: patient.id, purpose: "handout" });
    const expired = await insertPatientLink(t.db, {
      clinicId: w.clinicA.id,
      patientId: patient.id,
      createdBy: w.clinicianA.id,
      expiresAt: new Date(Date.now() - DAY_MS),
    });

    const replaced = await staff.patientLinks.replace({ patientId: patient.id });

    expect(replaced.revokedCount).toBe(2);
    expect(replaced.url).toBe(`${TEST_ORIGIN}/p/${replaced.token}`);
    await unauthorized(patientCaller(t.db, first.token).plan.today());
    await unauthorized(patientCaller(t.db, second.token).plan.today());
    const plan = await patientCaller(t.db, replaced.token).plan.today();
    expect(plan.firstName).toBe("Carla");

    const { links } = await staff.patientLinks.list({ patientId: patient.id });
    expect(links.filter((l) => l.active).map((l) => l.id)).toEqual([replaced.id]);
    const revokedAt = links.filter((l) => l.revokedAt).map((l) => l.revokedAt?.getTime());
    expect(new Set(revokedAt).size).toBe(1);
    // An expired link is left as it was: it stays "expired", not "revoked".
    expect(links.find((l) => l.id === expired.link.id)?.revokedAt).toBeNull();
  });

  it("works when there is no link yet, and then revokes nothing", async () => {
    const patient = await newPatient("Dan Nolink");
    const replaced = await staffCaller(t.db, w.clinicianA).patientLinks.replace({
      patientId: patient.id,
    });
    expect(replaced.revokedCount).toBe(0);
    await expect(patientCaller(t.db, replaced.token).plan.today()).resolves.toBeTruthy();
  });

  it("leaves other patients' links working", async () => {
    const patient = await newPatient("Eve Other");
    const staff = staffCaller(t.db, w.clinicianA);
    const alice = await staff.patientLinks.create({ patientId: w.patientA.id });
    await staff.patientLinks.create({ patientId: patient.id });
    await staff.patientLinks.replace({ patientId: patient.id });
    await expect(patientCaller(t.db, alice.token).plan.today()).resolves.toBeTruthy();
  });

  it("audits each revocation and the new link, without the token", async () => {
    const patient = await newPatient("Finn Audit");
    const staff = staffCaller(t.db, w.clinicianA);
    const old = await staff.patientLinks.create({ patientId: patient.id, validDays: 30 });
    const fresh = await staff.patientLinks.replace({ patientId: patient.id, validDays: 90 });

    const events = await auditOf([old.id, fresh.id]);
    expect(events.map((e) => [e.action, e.entityId])).toEqual([
      ["patient_link.create", old.id],
      ["patient_link.revoke", old.id],
      ["patient_link.replace", fresh.id],
    ]);
    expect(events.every((e) => e.actorId === w.clinicianA.id && e.patientId === patient.id)).toBe(
      true,
    );
    expect(events[0]?.after).toMatchObject({ validDays: 30, purpose: "panel" });
    expect(events[1]?.after).toEqual({ reason: "replaced" });
    expect(events[2]?.after).toMatchObject({ validDays: 90, replacedLinkIds: [old.id] });
    const written = JSON.stringify(events);
    for (const token of [old.token, fresh.token]) expect(written).not.toContain(token);
  });

  it("cannot replace another clinic's patient's link, and leaves that link working", async () => {
    const bobLink = await insertPatientLink(t.db, {
      clinicId: w.clinicB.id,
      patientId: w.patientB.id,
      createdBy: w.clinicianB.id,
    });
    const caller = staffCaller(t.db, w.clinicianA);
    expect(await codeOf(caller.patientLinks.replace({ patientId: w.patientB.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(caller.patientLinks.replace({ patientId: "no-such-patient" }))).toBe(
      "NOT_FOUND",
    );
    await expect(patientCaller(t.db, bobLink.token).plan.today()).resolves.toBeTruthy();
  });
});

describe("link validity", () => {
  it("honours a chosen number of days, and the clinic default otherwise", async () => {
    const staff = staffCaller(t.db, w.clinicianA);
    const before = Date.now();
    const custom = await staff.patientLinks.create({ patientId: w.patientA.id, validDays: 45 });
    const usual = await staff.patientLinks.create({ patientId: w.patientA.id });
    const replaced = await staff.patientLinks.replace({ patientId: w.patientA.id, validDays: 730 });
    const after = Date.now();
    const within = (at: Date, days: number) => {
      expect(at.getTime()).toBeGreaterThanOrEqual(before + days * DAY_MS);
      expect(at.getTime()).toBeLessThanOrEqual(after + days * DAY_MS);
    };
    within(custom.expiresAt, 45);
    within(usual.expiresAt, 180);
    within(replaced.expiresAt, 730);
    const list = await staff.patientLinks.list({ patientId: w.patientA.id });
    expect(list.defaultValidDays).toBe(180);
    expect(list.links.find((l) => l.id === replaced.id)?.expiresAt).toEqual(replaced.expiresAt);
  });

  it.each([
    [0, "A link must last at least a day."],
    [731, "A link can last two years at most (730 days)."],
    [2.5, "Enter a whole number of days, from 1 to 730."],
  ])("refuses %s days with a plain message, for create and replace", async (days, message) => {
    const staff = staffCaller(t.db, w.clinicianA);
    const count = async () =>
      (
        await readIn(t.db, (db) =>
          db.select().from(patientLinks).where(eq(patientLinks.patientId, w.patientA.id)),
        )
      ).length;
    const linksBefore = await count();
    // One call at a time: a call made before the previous one is awaited would reject unheard.
    for (const attempt of [
      () => staff.patientLinks.create({ patientId: w.patientA.id, validDays: days }),
      () => staff.patientLinks.replace({ patientId: w.patientA.id, validDays: days }),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
      expect((error as TRPCError).message).toContain(message);
    }
    expect(await count()).toBe(linksBefore);
  });

  it("refuses a link for a discharged patient, with a sentence saying why", async () => {
    const patient = await newPatient("Gus Discharged");
    await writeIn(t.db, (tx) =>
      tx.update(patients).set({ status: "discharged" }).where(eq(patients.id, patient.id)),
    );
    const staff = staffCaller(t.db, w.clinicianA);
    for (const attempt of [
      () => staff.patientLinks.create({ patientId: patient.id }),
      () => staff.patientLinks.replace({ patientId: patient.id }),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect((error as TRPCError).code).toBe("CONFLICT");
      expect((error as TRPCError).message).toMatch(/discharged.*Re-admit/);
    }
  });
});

describe("the QR code", () => {
  it("comes back with the new link as SVG markup of its address", async () => {
    const staff = staffCaller(t.db, w.clinicianA);
    for (const link of [
      await staff.patientLinks.create({ patientId: w.patientA.id }),
      await staff.patientLinks.replace({ patientId: w.patientA.id }),
    ]) {
      expect(link.qrSvg).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"/);
      expect(link.qrSvg).toContain("<path");
      expect(link.qrSvg).not.toMatch(/<script|on\w+=/i);
      expect(link.url).toBe(`${TEST_ORIGIN}/p/${link.token}`);
    }
  });

  it("is never written to the audit trail, nor is the token", async () => {
    const patient = await newPatient("Hana Qr");
    const staff = staffCaller(t.db, w.clinicianA);
    const link = await staff.patientLinks.create({ patientId: patient.id });
    await staff.patientLinks.revoke({ linkId: link.id });
    const events = await readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.patientId, patient.id), eq(auditEvents.entityId, link.id)))
        .orderBy(auditEvents.at, auditEvents.id),
    );
    expect(events.map((e) => e.action)).toEqual(["patient_link.create", "patient_link.revoke"]);
    expect(JSON.stringify(events)).not.toContain(link.token);
    expect(JSON.stringify(events)).not.toContain("<svg");
  });
});
