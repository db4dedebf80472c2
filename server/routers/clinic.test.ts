import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAlert, readIn, writeIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, clinics, outbox } from "@/db/schema";
import { clinicData } from "@/server/data/clinic-data";
import { getClinicSettings } from "@/server/services/clinic/clinic-details";
import { enqueueAlertNotifications } from "@/server/services/notifications/alert-outbox";
import { NOT_NEEDED } from "@/server/services/notifications/deliver-outbox";
import { anonymousCaller, staffCaller } from "@/server/testing/callers";
import { buildTwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(() => t?.cleanup());

let w: Awaited<ReturnType<typeof buildTwoClinics>>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

const emergencyNumberOf = async (clinicId: string) =>
  (await readIn(t.db, (db) => db.select().from(clinics).where(eq(clinics.id, clinicId))))[0]
    ?.emergencyNumber;

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
    return null;
  } catch (error) {
    const e = error as { code?: string; message?: string; cause?: { issues?: unknown[] } };
    return { code: e.code, message: e.message };
  }
}

const valid = { phone: "020 7946 0000", email: "desk@riverside.example", emergencyNumber: "999" };

describe("clinic settings: who may see and change them", () => {
  it("are for the clinic's admins only", async () => {
    const clinician = staffCaller(t.db, w.clinicianA);
    expect((await failure(clinician.clinic.settings()))?.code).toBe("FORBIDDEN");
    expect((await failure(clinician.clinic.updateDetails(valid)))?.code).toBe("FORBIDDEN");
    expect((await failure(anonymousCaller(t.db).clinic.settings()))?.code).toBe("UNAUTHORIZED");
  });
});

describe("the clinic's details", () => {
  it("shows the admin their own clinic's details and that email is not set up", async () => {
    const settings = await staffCaller(t.db, w.adminA).clinic.settings();
    expect(settings.clinic).toEqual({
      name: "Clinic A",
      phone: "020 7946 0000",
      email: "front.desk@example.com",
      emergencyNumber: "999",
    });
    expect(settings.mail).toMatchObject({
      configured: false,
      from: null,
      waiting: 0,
      undelivered: 0,
    });
    expect(settings.mail.missing).toEqual(expect.arrayContaining(["SMTP_URL", "SMTP_FROM"]));
  });

  it("saves new details, audited with what they were before", async () => {
    const api = staffCaller(t.db, w.adminA);
    const saved = await api.clinic.updateDetails({
      phone: " +44 20 7946 0111 ",
      email: "Reception@Riverside.example",
      emergencyNumber: "112",
    });
    expect(saved).toEqual({
      name: "Clinic A",
      phone: "+44 20 7946 0111",
      email: "reception@riverside.example",
      emergencyNumber: "112",
    });
    expect((await api.clinic.settings()).clinic).toEqual(saved);
    const [event] = await readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.clinicId, w.clinicA.id),
            eq(auditEvents.action, "clinic.update_details"),
          ),
        ),
    );
    expect(event).toMatchObject({
      actorKind: "user",
      actorId: w.adminA.id,
      entityType: "clinic",
      entityId: w.clinicA.id,
      before: { phone: "020 7946 0000", email: "front.desk@example.com", emergencyNumber: "999" },
      after: {
        phone: "+44 20 7946 0111",
        email: "reception@riverside.example",
        emergencyNumber: "112",
      },
    });
    // Another clinic is untouched.
    expect(await emergencyNumberOf(w.clinicB.id)).toBe("999");

    // Blank optional fields clear them; saving the same values again records nothing new.
    await api.clinic.updateDetails({ phone: "", email: "  ", emergencyNumber: "112" });
    await api.clinic.updateDetails({ phone: "", email: "", emergencyNumber: "112" });
    expect((await api.clinic.settings()).clinic).toMatchObject({ phone: null, email: null });
    expect(
      await readIn(t.db, (db) =>
        db.select().from(auditEvents).where(eq(auditEvents.action, "clinic.update_details")),
      ),
    ).toHaveLength(2);
  });

  it("refuses an emergency number that is not 2 to 6 digits, saying why", async () => {
    const api = staffCaller(t.db, w.adminA);
    const cases: [string, string][] = [
      ["", "Enter the emergency number patients should call, like 999 or 112."],
      ["99a", "Use digits only for the emergency number, like 999 or 112."],
      ["9 9 9", "Use digits only for the emergency number, like 999 or 112."],
      ["9", "The emergency number has 2 to 6 digits, like 999 or 112."],
      ["1234567", "The emergency number has 2 to 6 digits, like 999 or 112."],
    ];
    for (const [emergencyNumber, message] of cases) {
      const error = await api.clinic
        .updateDetails({ ...valid, emergencyNumber })
        .then(() => null)
        .catch((e: { code: string; cause: { issues: { message: string }[] } }) => e);
      expect(error?.code).toBe("BAD_REQUEST");
      expect(error?.cause.issues[0]?.message).toBe(message);
    }
    const phone = await failure(api.clinic.updateDetails({ ...valid, phone: "call us" }));
    expect(phone?.code).toBe("BAD_REQUEST");
    const email = await failure(api.clinic.updateDetails({ ...valid, email: "desk@" }));
    expect(email?.code).toBe("BAD_REQUEST");
    expect(await emergencyNumberOf(w.clinicA.id)).toBe("112");
  });
});

describe("the email status on the team page", () => {
  it("counts the clinic's alert emails waiting and given up, not those no longer needed", async () => {
    const alert = await insertAlert(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      kind: "red-flag-emergency",
      severity: "critical",
    });
    await t.db.write(w.clinicA.id, (tx) =>
      enqueueAlertNotifications({
        tx,
        clinicId: w.clinicA.id,
        patientId: w.patientA.id,
        alertId: alert.id,
        severity: "critical",
        now: new Date(),
      }),
    );
    const other = await insertAlert(t.db, {
      clinicId: w.clinicB.id,
      patientId: w.patientB.id,
      kind: "red-flag-emergency",
      severity: "critical",
    });
    await t.db.write(w.clinicB.id, (tx) =>
      enqueueAlertNotifications({
        tx,
        clinicId: w.clinicB.id,
        patientId: w.patientB.id,
        alertId: other.id,
        severity: "critical",
        now: new Date(),
      }),
    );
    const api = staffCaller(t.db, w.adminA);
    expect((await api.clinic.settings()).mail).toMatchObject({ waiting: 2, undelivered: 0 });

    await writeIn(t.db, async (tx) => {
      await tx
        .update(outbox)
        .set({ status: "failed", lastError: "ESOCKET" })
        .where(and(eq(outbox.alertId, alert.id), eq(outbox.userId, w.adminA.id)));
      await tx
        .update(outbox)
        .set({ status: "failed", lastError: NOT_NEEDED.alertResolved })
        .where(and(eq(outbox.alertId, alert.id), eq(outbox.userId, w.clinicianA.id)));
    });
    expect((await api.clinic.settings()).mail).toMatchObject({ waiting: 0, undelivered: 1 });
  });

  it("says where email comes from once it is configured, and never the server's address", async () => {
    const settings = await getClinicSettings({
      scope: {
        data: clinicData(t.db, w.clinicA.id),
        clinicId: w.clinicA.id,
        userId: w.adminA.id,
        role: "admin",
        ip: null,
      },
      mail: {
        smtpUrl: "smtps://user:secret@mail.example.com:465",
        from: "Rehabit <no-reply@clinic.example>",
        appUrl: "https://rehabit.clinic.example",
      },
      missingMail: [],
    });
    expect(settings.mail).toMatchObject({
      configured: true,
      missing: [],
      from: "Rehabit <no-reply@clinic.example>",
    });
    expect(JSON.stringify(settings)).not.toContain("secret");
  });
});
