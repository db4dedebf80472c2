import { and, asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { openEngineFor } from "@/db/engine";
import type { Engine } from "@/db/engine/types";
import {
  insertAlert,
  insertClinic,
  insertPatient,
  insertUser,
  readIn,
  writeIn,
  type Target,
} from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { alerts, outbox, users } from "@/db/schema";
import type { AlertSeverity } from "@/db/schema/enums";
import { systemData } from "@/server/data/clinic-data";
import { captureConsole } from "@/server/testing/console";
import { closedPort, mailSettingsFor } from "@/server/testing/mail-settings";
import { startSmtpSink, type SmtpSink } from "@/server/testing/smtp-sink";
import { alertMessageId } from "./alert-email";
import { alertEmailDedupeKey, enqueueAlertNotifications } from "./alert-outbox";
import {
  deliverOutbox,
  describeDelivery,
  NOT_NEEDED,
  OUTBOX_LEASE_MS,
  type OutboxTransport,
} from "./deliver-outbox";
import { MAX_ATTEMPTS } from "./retry-schedule";

let t: TestDb;
/** Another process on the same database: a restarted server, or a second runner. */
const extraEngines: Engine[] = [];
function anotherProcess(): Engine {
  const engine = openEngineFor(t.file);
  extraEngines.push(engine);
  return engine;
}
afterAll(async () => {
  for (const engine of extraEngines) await engine.close().catch(() => undefined);
  await t?.cleanup();
});

const deliver = (db: Engine, options: Omit<Parameters<typeof deliverOutbox>[0], "system">) =>
  deliverOutbox({ system: systemData(db), ...options });

const PATIENT_NAME = "Maria Oyelaran";
const SECRET_ANSWER = "lost control of your bladder";

/**
 * One clinic: a clinician, two active admins (one of them also the patient's clinician for a
 * second patient), an inactive admin; a second clinic whose admin must never be told.
 */
async function buildClinic(db: Engine) {
  const clinic = await insertClinic(db, { name: "Riverside Physiotherapy" });
  const other = await insertClinic(db, { name: "Elsewhere Physio" });
  const clinician = await insertUser(db, {
    clinicId: clinic.id,
    role: "clinician",
    name: "Chidi Clinician",
  });
  const admin = await insertUser(db, { clinicId: clinic.id, role: "admin", name: "Ada Admin" });
  const admin2 = await insertUser(db, { clinicId: clinic.id, role: "admin", name: "Abe Admin" });
  await insertUser(db, { clinicId: clinic.id, role: "admin", active: false });
  await insertUser(db, { clinicId: other.id, role: "admin" });
  const patient = await insertPatient(db, {
    clinicId: clinic.id,
    primaryClinicianId: clinician.id,
    displayName: PATIENT_NAME,
  });
  const adminsPatient = await insertPatient(db, {
    clinicId: clinic.id,
    primaryClinicianId: admin.id,
  });
  return { clinic, clinician, admin, admin2, patient, adminsPatient };
}
let w: Awaited<ReturnType<typeof buildClinic>>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildClinic(t.db);
});

/** Raises an alert and enqueues its emails in one transaction, as the alert writer does. */
function raiseAlert(
  db: Engine,
  options: { severity?: AlertSeverity; kind?: string; patientId?: string; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  return db.write(w.clinic.id, async (tx) => {
    const alert = await insertAlert(tx, {
      clinicId: w.clinic.id,
      patientId: options.patientId ?? w.patient.id,
      kind: options.kind ?? "red-flag-emergency",
      severity: options.severity ?? "critical",
      inputs: { questionIds: ["E2"], day: "2026-11-30", score: 9, painLimit: 5 },
      openedAt: now,
    });
    await enqueueAlertNotifications({
      tx,
      clinicId: w.clinic.id,
      patientId: alert.patientId,
      alertId: alert.id,
      severity: alert.severity,
      now,
    });
    return alert;
  });
}

const rowsOf = (target: Target, alertId: string) =>
  readIn(target, (db) =>
    db.select().from(outbox).where(eq(outbox.alertId, alertId)).orderBy(asc(outbox.id)),
  );

/** Each alert gets its own patient rule slot: resolve what an earlier test left open. */
beforeEach(async () => {
  await writeIn(t.db, async (tx) => {
    await tx.update(alerts).set({ status: "resolved" }).where(eq(alerts.clinicId, w.clinic.id));
    await tx.update(outbox).set({ status: "sent" }).where(eq(outbox.clinicId, w.clinic.id));
  });
});

describe("enqueueing alert emails", () => {
  it("writes one row per person to tell: the clinician and the active admins, in the alert's transaction", async () => {
    const alert = await raiseAlert(t.db);
    const rows = await rowsOf(t.db, alert.id);
    expect(rows.map((r) => r.userId).sort()).toEqual(
      [w.clinician.id, w.admin.id, w.admin2.id].sort(),
    );
    for (const row of rows) {
      expect(row).toMatchObject({
        clinicId: w.clinic.id,
        kind: "alert_email",
        status: "pending",
        attempts: 0,
        lastError: null,
        sentAt: null,
        dedupeKey: alertEmailDedupeKey(alert.id, row.userId!),
      });
      expect(row.nextAttemptAt.getTime()).toBe(alert.openedAt.getTime());
    }
  });

  it("tells a clinician who is also an admin once", async () => {
    const alert = await raiseAlert(t.db, { patientId: w.adminsPatient.id, severity: "high" });
    expect((await rowsOf(t.db, alert.id)).map((r) => r.userId).sort()).toEqual(
      [w.admin.id, w.admin2.id].sort(),
    );
  });

  it("writes nothing when the transaction rolls back", async () => {
    let alertId = "";
    await expect(
      t.db.write(w.clinic.id, async (tx) => {
        const alert = await insertAlert(tx, {
          clinicId: w.clinic.id,
          patientId: w.patient.id,
          kind: "red-flag-emergency",
          severity: "critical",
        });
        alertId = alert.id;
        await enqueueAlertNotifications({
          tx,
          clinicId: w.clinic.id,
          patientId: w.patient.id,
          alertId: alert.id,
          severity: "critical",
          now: new Date(),
        });
        expect(await rowsOf(tx, alert.id)).toHaveLength(3);
        throw new Error("the check-in failed after the alert");
      }),
    ).rejects.toThrow("the check-in failed");
    expect(alertId).not.toBe("");
    expect(await rowsOf(t.db, alertId)).toEqual([]);
  });

  it("enqueues nothing for medium and low alerts, and nothing twice for the same alert", async () => {
    const medium = await raiseAlert(t.db, { severity: "medium", kind: "not-settled" });
    expect(await rowsOf(t.db, medium.id)).toEqual([]);
    const low = await raiseAlert(t.db, { severity: "low", kind: "no-check-in" });
    expect(await rowsOf(t.db, low.id)).toEqual([]);
    const alert = await raiseAlert(t.db, { severity: "high", kind: "pain-high" });
    await t.db.write(w.clinic.id, (tx) =>
      enqueueAlertNotifications({
        tx,
        clinicId: w.clinic.id,
        patientId: w.patient.id,
        alertId: alert.id,
        severity: "high",
        now: new Date(),
      }),
    );
    expect(await rowsOf(t.db, alert.id)).toHaveLength(3);
  });

  it("leaves out a primary clinician whose account is inactive", async () => {
    const gone = await insertUser(t.db, { clinicId: w.clinic.id, active: false });
    const patient = await insertPatient(t.db, {
      clinicId: w.clinic.id,
      primaryClinicianId: gone.id,
    });
    const alert = await raiseAlert(t.db, { patientId: patient.id });
    expect((await rowsOf(t.db, alert.id)).map((r) => r.userId).sort()).toEqual(
      [w.admin.id, w.admin2.id].sort(),
    );
  });

  it("tells nobody, not even the clinic's admins, about a patient who is not the clinic's", async () => {
    const foreign = await insertPatient(t.db, {
      clinicId: (await insertClinic(t.db)).id,
      primaryClinicianId: (await insertUser(t.db, { clinicId: w.clinic.id })).id,
    });
    const alert = await insertAlert(t.db, {
      clinicId: w.clinic.id,
      patientId: w.patient.id,
      kind: "pain-high",
      severity: "high",
    });
    await t.db.write(w.clinic.id, (tx) =>
      enqueueAlertNotifications({
        tx,
        clinicId: w.clinic.id,
        patientId: foreign.id,
        alertId: alert.id,
        severity: "high",
        now: new Date(),
      }),
    );
    expect(await rowsOf(t.db, alert.id)).toEqual([]);
  });
});

describe("delivering the outbox", () => {
  let sink: SmtpSink;
  const logs: string[] = [];
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  beforeEach(() => {
    sink.messages.length = 0;
    captureConsole(logs);
  });
  afterEach(() => vi.restoreAllMocks());

  const emailOf = async (userId: string) =>
    (
      await readIn(t.db, (db) =>
        db.select({ email: users.email }).from(users).where(eq(users.id, userId)),
      )
    )[0]!.email;
  const emailsOf = (userIds: string[]) => Promise.all(userIds.map(emailOf));

  it("sends each message exactly once to a working server and marks it sent", async () => {
    const now = new Date();
    const alert = await raiseAlert(t.db, { now });
    const settings = mailSettingsFor(sink.port);

    const report = await deliver(t.db, { now, settings });
    expect(report).toMatchObject({ sent: 3, retrying: 0, failed: 0, leaseLost: 0 });
    expect(sink.messages).toHaveLength(3);
    expect(sink.messages.flatMap((m) => m.envelopeTo).sort()).toEqual(
      (await emailsOf([w.clinician.id, w.admin.id, w.admin2.id])).sort(),
    );
    for (const row of await rowsOf(t.db, alert.id)) {
      expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
      expect(row.sentAt).toBeInstanceOf(Date);
    }

    // Nothing is due any more: a second run sends nothing.
    const again = await deliver(t.db, { now: new Date(now.getTime() + 60_000), settings });
    expect(again.sent).toBe(0);
    expect(sink.messages).toHaveLength(3);
  });

  it("takes the writer only when something is due for a channel it can send (an answer's kick with nothing queued reads, never writes)", async () => {
    const now = new Date();
    const settings = mailSettingsFor(sink.port);
    const system = systemData(t.db);
    const writes = vi.spyOn(system, "write");

    expect((await deliverOutbox({ system, now, settings })).sent).toBe(0);
    expect(writes).not.toHaveBeenCalled();

    // An email due, but this runner sends push only: still nothing to claim.
    await raiseAlert(t.db, { now });
    const pushOnly = { send: vi.fn() };
    expect((await deliverOutbox({ system, now, settings: null, push: pushOnly })).sent).toBe(0);
    expect(writes).not.toHaveBeenCalled();
    expect(pushOnly.send).not.toHaveBeenCalled();

    // Due and sendable: claimed in a write, sent.
    expect((await deliverOutbox({ system, now, settings })).sent).toBe(3);
    expect(writes).toHaveBeenCalled();
  });

  it("names the patient, the alert kind and the patient's page, and never the answers or scores", async () => {
    const now = new Date();
    const alert = await raiseAlert(t.db, { now });
    await deliver(t.db, { now, settings: mailSettingsFor(sink.port) });
    const clinicianEmail = await emailOf(w.clinician.id);
    const mail = sink.messages.find((m) => m.envelopeTo.includes(clinicianEmail))!;
    expect(mail.subject).toBe(`Critical alert: Red flag: emergency – ${PATIENT_NAME}`);
    expect(mail.text).toContain(`${PATIENT_NAME} has a new critical alert in Rehabit`);
    expect(mail.text).toContain(`https://rehabit.clinic.example/patients/${w.patient.id}`);
    expect(mail.text).toContain(`${PATIENT_NAME} is your patient at Riverside Physiotherapy`);
    for (const secret of ["E2", SECRET_ANSWER, "9/10", "5/10", "painLimit", "questionIds"]) {
      expect(`${mail.subject}\n${mail.text}`).not.toContain(secret);
    }
    const row = (await rowsOf(t.db, alert.id)).find((r) => r.userId === w.clinician.id)!;
    expect(mail.messageId).toBe(alertMessageId(row.id, "https://rehabit.clinic.example"));
    expect(mail.headers["auto-submitted"]).toBe("auto-generated");
    const adminEmail = await emailOf(w.admin.id);
    const toAdmin = sink.messages.find((m) => m.envelopeTo.includes(adminEmail))!;
    expect(toAdmin.text).toContain("you are an admin of Riverside Physiotherapy");
    // The logs hold counts, never an address or a name.
    expect(logs.join("\n")).not.toMatch(/@|Maria|Chidi/);
  });

  it("keeps a message pending while the server is down, and sends it once when it is back, across a restart", async () => {
    const port = await closedPort();
    const settings = mailSettingsFor(port);
    const t0 = new Date();
    const alert = await raiseAlert(t.db, { now: t0 });

    const down = await deliver(t.db, { now: t0, settings });
    expect(down).toMatchObject({ sent: 0, retrying: 3 });
    for (const row of await rowsOf(t.db, alert.id)) {
      expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "ESOCKET" });
      expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0.getTime() + 30_000);
      expect(row.nextAttemptAt.getTime()).toBeLessThan(t0.getTime() + 60_000);
    }
    expect(describeDelivery(down)).toBe("[outbox] 3 to retry (ESOCKET)");

    // Before the retry is due, nothing is tried.
    const early = await deliver(t.db, { now: new Date(t0.getTime() + 10_000), settings });
    expect(early).toMatchObject({ sent: 0, retrying: 0 });
    expect((await rowsOf(t.db, alert.id)).every((r) => r.attempts === 1)).toBe(true);

    // Down again at the first retry: the wait doubles.
    const t1 = new Date(t0.getTime() + 31_000);
    await deliver(t.db, { now: t1, settings });
    for (const row of await rowsOf(t.db, alert.id)) {
      expect(row).toMatchObject({ status: "pending", attempts: 2 });
      expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t1.getTime() + 60_000);
    }

    // "Restart": a new engine on the same database and nothing else carried over.
    const restarted = anotherProcess();
    const back = await startSmtpSink({ port });
    try {
      const t2 = new Date(t1.getTime() + 61_000);
      const report = await deliver(restarted, { now: t2, settings });
      expect(report).toMatchObject({ sent: 3, retrying: 0 });
      expect(back.messages).toHaveLength(3);
      for (const row of await rowsOf(restarted, alert.id)) {
        expect(row).toMatchObject({ status: "sent", attempts: 3, lastError: null });
      }
      await deliver(restarted, { now: new Date(t2.getTime() + 3_600_000), settings });
      expect(back.messages).toHaveLength(3);
    } finally {
      await back.close();
    }
  });

  it("never lets two runners send the same message", async () => {
    const now = new Date();
    const alert = await raiseAlert(t.db, { now });
    const settings = mailSettingsFor(sink.port);
    // Two runs at once on one engine: on PostgreSQL two pooled connections, truly concurrent (as
    // two servers would be); SQLite's one writer takes their claims one after the other.
    await Promise.all([rowsOf(t.db, alert.id), rowsOf(t.db, alert.id)]); // two pooled connections
    const [a, b] = await Promise.all([
      deliver(t.db, { now, settings }),
      deliver(t.db, { now, settings }),
    ]);
    expect(a.sent + b.sent).toBe(3);
    // Each row was claimed by one runner only: none was taken from under the other.
    expect(a.leaseLost + b.leaseLost).toBe(0);
    expect(sink.messages).toHaveLength(3);
    expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(3);
    expect((await rowsOf(t.db, alert.id)).every((r) => r.status === "sent")).toBe(true);
  });

  it("leaves a message claimed by another runner alone until its lease ends", async () => {
    const now = new Date();
    const alert = await raiseAlert(t.db, { now });
    const leased = new Date(now.getTime() + OUTBOX_LEASE_MS);
    await writeIn(t.db, (tx) =>
      tx.update(outbox).set({ nextAttemptAt: leased }).where(eq(outbox.alertId, alert.id)),
    );
    const settings = mailSettingsFor(sink.port);
    expect((await deliver(t.db, { now, settings })).sent).toBe(0);
    expect((await deliver(t.db, { now: leased, settings })).sent).toBe(3);
  });

  it("re-sends with the same Message-ID when the process stopped between the server's accept and 'sent'", async () => {
    const now = new Date();
    const alert = await raiseAlert(t.db, { severity: "high", kind: "pain-high", now });
    const crashing = anotherProcess();
    const real = (await import("./deliver-outbox")).createMailTransport(mailSettingsFor(sink.port));
    // The message reaches the server, then the process "dies" before the row is updated.
    const transport: OutboxTransport = {
      sendMail: async (message) => {
        await real.sendMail(message);
        await crashing.close();
      },
      close: () => real.close(),
    };
    await expect(
      deliver(crashing, { now, settings: mailSettingsFor(sink.port), transport }),
    ).rejects.toThrow();
    expect(sink.messages).toHaveLength(1);
    expect((await rowsOf(t.db, alert.id)).every((r) => r.status === "pending")).toBe(true);

    const afterLease = new Date(now.getTime() + OUTBOX_LEASE_MS + 60_000);
    const report = await deliver(t.db, { now: afterLease, settings: mailSettingsFor(sink.port) });
    expect(report.sent).toBe(3);
    expect(sink.messages).toHaveLength(4);
    const ids = sink.messages.map((m) => m.messageId);
    expect(ids.filter((id) => id === ids[0])).toHaveLength(2);
  });

  it("does not send about an alert resolved meanwhile, nor to someone no longer active", async () => {
    const now = new Date();
    const resolvedAlert = await raiseAlert(t.db, { now });
    await writeIn(t.db, (tx) =>
      tx.update(alerts).set({ status: "resolved" }).where(eq(alerts.id, resolvedAlert.id)),
    );
    const leaver = await insertUser(t.db, { clinicId: w.clinic.id, role: "admin" });
    const patient = await insertPatient(t.db, {
      clinicId: w.clinic.id,
      primaryClinicianId: leaver.id,
    });
    const openAlert = await raiseAlert(t.db, { patientId: patient.id, now });
    await writeIn(t.db, (tx) =>
      tx.update(users).set({ active: false }).where(eq(users.id, leaver.id)),
    );

    const report = await deliver(t.db, { now, settings: mailSettingsFor(sink.port) });
    expect(report).toMatchObject({ sent: 2, notNeeded: 4 });
    expect((await rowsOf(t.db, resolvedAlert.id)).map((r) => [r.status, r.lastError])).toEqual([
      ["failed", NOT_NEEDED.alertResolved],
      ["failed", NOT_NEEDED.alertResolved],
      ["failed", NOT_NEEDED.alertResolved],
    ]);
    expect(
      await readIn(t.db, (db) =>
        db
          .select({ status: outbox.status, lastError: outbox.lastError })
          .from(outbox)
          .where(and(eq(outbox.alertId, openAlert.id), eq(outbox.userId, leaver.id))),
      ),
    ).toEqual([{ status: "failed", lastError: NOT_NEEDED.recipientInactive }]);
    expect(sink.messages).toHaveLength(2);
  });

  it("keeps every row pending, untried, without mail settings", async () => {
    const now = new Date();
    const alert = await raiseAlert(t.db, { now });
    const report = await deliver(t.db, { now, settings: null });
    expect(report.sent + report.retrying).toBe(0);
    expect(
      (await rowsOf(t.db, alert.id)).every((r) => r.status === "pending" && r.attempts === 0),
    ).toBe(true);
    // Once mail is configured, they go out.
    expect((await deliver(t.db, { now, settings: mailSettingsFor(sink.port) })).sent).toBe(3);
  });

  it("gives a message up as failed after the last try, keeping only the error code", async () => {
    const now = new Date();
    const alert = await raiseAlert(t.db, { now });
    await writeIn(t.db, (tx) =>
      tx
        .update(outbox)
        .set({ attempts: MAX_ATTEMPTS - 1 })
        .where(eq(outbox.alertId, alert.id)),
    );
    const report = await deliver(t.db, { now, settings: mailSettingsFor(await closedPort()) });
    expect(report.failed).toBe(3);
    for (const row of await rowsOf(t.db, alert.id)) {
      expect(row).toMatchObject({
        status: "failed",
        attempts: MAX_ATTEMPTS,
        lastError: "ESOCKET",
      });
    }
  });
});
