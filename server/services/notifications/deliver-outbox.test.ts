import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { insertAlert, insertClinic, insertPatient, insertUser } from "@/db/factories";
import { createTestDb } from "@/db/factories/test-db";
import { alerts, outbox, users } from "@/db/schema";
import type { AlertSeverity } from "@/db/schema/enums";
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

const t = createTestDb();
const extraHandles: Db[] = [];
afterAll(() => {
  for (const handle of extraHandles) handle.$client.close();
  t.cleanup();
});

const PATIENT_NAME = "Maria Oyelaran";
const SECRET_ANSWER = "lost control of your bladder";

/**
 * One clinic: a clinician, two active admins (one of them also the patient's clinician for a
 * second patient), an inactive admin; a second clinic whose admin must never be told.
 */
async function buildClinic(db: Db) {
  const clinic = insertClinic(db, { name: "Riverside Physiotherapy" });
  const other = insertClinic(db, { name: "Elsewhere Physio" });
  const clinician = await insertUser(db, {
    clinicId: clinic.id,
    role: "clinician",
    name: "Chidi Clinician",
  });
  const admin = await insertUser(db, { clinicId: clinic.id, role: "admin", name: "Ada Admin" });
  const admin2 = await insertUser(db, { clinicId: clinic.id, role: "admin", name: "Abe Admin" });
  await insertUser(db, { clinicId: clinic.id, role: "admin", active: false });
  await insertUser(db, { clinicId: other.id, role: "admin" });
  const patient = insertPatient(db, {
    clinicId: clinic.id,
    primaryClinicianId: clinician.id,
    displayName: PATIENT_NAME,
  });
  const adminsPatient = insertPatient(db, { clinicId: clinic.id, primaryClinicianId: admin.id });
  return { clinic, clinician, admin, admin2, patient, adminsPatient };
}
let w: Awaited<ReturnType<typeof buildClinic>>;
beforeAll(async () => {
  w = await buildClinic(t.db);
});

/** Raises an alert and enqueues its emails in one transaction, as the alert writer does. */
function raiseAlert(
  db: Db,
  options: { severity?: AlertSeverity; kind?: string; patientId?: string; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  return db.transaction((tx) => {
    const alert = insertAlert(tx, {
      clinicId: w.clinic.id,
      patientId: options.patientId ?? w.patient.id,
      kind: options.kind ?? "red-flag-emergency",
      severity: options.severity ?? "critical",
      inputs: { questionIds: ["E2"], day: "2026-11-30", score: 9, painLimit: 5 },
      openedAt: now,
    });
    enqueueAlertNotifications({
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

const rowsOf = (db: Db, alertId: string) =>
  db.select().from(outbox).where(eq(outbox.alertId, alertId)).all();

/** Each alert gets its own patient rule slot: resolve what an earlier test left open. */
beforeEach(() => {
  t.db.update(alerts).set({ status: "resolved" }).where(eq(alerts.clinicId, w.clinic.id)).run();
  t.db.update(outbox).set({ status: "sent" }).where(eq(outbox.clinicId, w.clinic.id)).run();
});

describe("enqueueing alert emails", () => {
  it("writes one row per person to tell: the clinician and the active admins, in the alert's transaction", () => {
    const alert = raiseAlert(t.db);
    const rows = rowsOf(t.db, alert.id);
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
        dedupeKey: alertEmailDedupeKey(alert.id, row.userId),
      });
      expect(row.nextAttemptAt.getTime()).toBe(alert.openedAt.getTime());
    }
  });

  it("tells a clinician who is also an admin once", () => {
    const alert = raiseAlert(t.db, { patientId: w.adminsPatient.id, severity: "high" });
    expect(
      rowsOf(t.db, alert.id)
        .map((r) => r.userId)
        .sort(),
    ).toEqual([w.admin.id, w.admin2.id].sort());
  });

  it("writes nothing when the transaction rolls back", () => {
    let alertId = "";
    expect(() =>
      t.db.transaction((tx) => {
        const alert = insertAlert(tx, {
          clinicId: w.clinic.id,
          patientId: w.patient.id,
          kind: "red-flag-emergency",
          severity: "critical",
        });
        alertId = alert.id;
        enqueueAlertNotifications({
          tx,
          clinicId: w.clinic.id,
          patientId: w.patient.id,
          alertId: alert.id,
          severity: "critical",
          now: new Date(),
        });
        expect(rowsOf(tx as unknown as Db, alert.id)).toHaveLength(3);
        throw new Error("the check-in failed after the alert");
      }),
    ).toThrow("the check-in failed");
    expect(alertId).not.toBe("");
    expect(rowsOf(t.db, alertId)).toEqual([]);
  });

  it("enqueues nothing for medium and low alerts, and nothing twice for the same alert", () => {
    expect(rowsOf(t.db, raiseAlert(t.db, { severity: "medium", kind: "not-settled" }).id)).toEqual(
      [],
    );
    expect(rowsOf(t.db, raiseAlert(t.db, { severity: "low", kind: "no-check-in" }).id)).toEqual([]);
    const alert = raiseAlert(t.db, { severity: "high", kind: "pain-high" });
    t.db.transaction((tx) =>
      enqueueAlertNotifications({
        tx,
        clinicId: w.clinic.id,
        patientId: w.patient.id,
        alertId: alert.id,
        severity: "high",
        now: new Date(),
      }),
    );
    expect(rowsOf(t.db, alert.id)).toHaveLength(3);
  });

  it("leaves out a primary clinician whose account is inactive", async () => {
    const gone = await insertUser(t.db, { clinicId: w.clinic.id, active: false });
    const patient = insertPatient(t.db, { clinicId: w.clinic.id, primaryClinicianId: gone.id });
    const alert = raiseAlert(t.db, { patientId: patient.id });
    expect(
      rowsOf(t.db, alert.id)
        .map((r) => r.userId)
        .sort(),
    ).toEqual([w.admin.id, w.admin2.id].sort());
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

  const emailOf = (userId: string) =>
    t.db.select({ email: users.email }).from(users).where(eq(users.id, userId)).get()!.email;

  it("sends each message exactly once to a working server and marks it sent", async () => {
    const now = new Date();
    const alert = raiseAlert(t.db, { now });
    const settings = mailSettingsFor(sink.port);

    const report = await deliverOutbox({ db: t.db, now, settings });
    expect(report).toMatchObject({ sent: 3, retrying: 0, failed: 0, leaseLost: 0 });
    expect(sink.messages).toHaveLength(3);
    expect(sink.messages.flatMap((m) => m.envelopeTo).sort()).toEqual(
      [w.clinician.id, w.admin.id, w.admin2.id].map(emailOf).sort(),
    );
    for (const row of rowsOf(t.db, alert.id)) {
      expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
      expect(row.sentAt).toBeInstanceOf(Date);
    }

    // Nothing is due any more: a second run sends nothing.
    const again = await deliverOutbox({
      db: t.db,
      now: new Date(now.getTime() + 60_000),
      settings,
    });
    expect(again.sent).toBe(0);
    expect(sink.messages).toHaveLength(3);
  });

  it("names the patient, the alert kind and the patient's page, and never the answers or scores", async () => {
    const now = new Date();
    const alert = raiseAlert(t.db, { now });
    await deliverOutbox({ db: t.db, now, settings: mailSettingsFor(sink.port) });
    const mail = sink.messages.find((m) => m.envelopeTo.includes(emailOf(w.clinician.id)))!;
    expect(mail.subject).toBe(`Critical alert: Red flag: emergency – ${PATIENT_NAME}`);
    expect(mail.text).toContain(`${PATIENT_NAME} has a new critical alert in Rehabit`);
    expect(mail.text).toContain(`https://rehabit.clinic.example/patients/${w.patient.id}`);
    expect(mail.text).toContain(`${PATIENT_NAME} is your patient at Riverside Physiotherapy`);
    for (const secret of ["E2", SECRET_ANSWER, "9/10", "5/10", "painLimit", "questionIds"]) {
      expect(`${mail.subject}\n${mail.text}`).not.toContain(secret);
    }
    const row = rowsOf(t.db, alert.id).find((r) => r.userId === w.clinician.id)!;
    expect(mail.messageId).toBe(alertMessageId(row.id, "https://rehabit.clinic.example"));
    expect(mail.headers["auto-submitted"]).toBe("auto-generated");
    const toAdmin = sink.messages.find((m) => m.envelopeTo.includes(emailOf(w.admin.id)))!;
    expect(toAdmin.text).toContain("you are an admin of Riverside Physiotherapy");
    // The logs hold counts, never an address or a name.
    expect(logs.join("\n")).not.toMatch(/@|Maria|Chidi/);
  });

  it("keeps a message pending while the server is down, and sends it once when it is back, across a restart", async () => {
    const port = await closedPort();
    const settings = mailSettingsFor(port);
    const t0 = new Date();
    const alert = raiseAlert(t.db, { now: t0 });

    const down = await deliverOutbox({ db: t.db, now: t0, settings });
    expect(down).toMatchObject({ sent: 0, retrying: 3 });
    for (const row of rowsOf(t.db, alert.id)) {
      expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "ESOCKET" });
      expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0.getTime() + 30_000);
      expect(row.nextAttemptAt.getTime()).toBeLessThan(t0.getTime() + 60_000);
    }
    expect(describeDelivery(down)).toBe("[outbox] 3 to retry (ESOCKET)");

    // Before the retry is due, nothing is tried.
    const early = await deliverOutbox({ db: t.db, now: new Date(t0.getTime() + 10_000), settings });
    expect(early).toMatchObject({ sent: 0, retrying: 0 });
    expect(rowsOf(t.db, alert.id).every((r) => r.attempts === 1)).toBe(true);

    // Down again at the first retry: the wait doubles.
    const t1 = new Date(t0.getTime() + 31_000);
    await deliverOutbox({ db: t.db, now: t1, settings });
    for (const row of rowsOf(t.db, alert.id)) {
      expect(row).toMatchObject({ status: "pending", attempts: 2 });
      expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t1.getTime() + 60_000);
    }

    // "Restart": a new connection to the same file and nothing else carried over.
    const restarted = openDatabase(t.file);
    extraHandles.push(restarted);
    const back = await startSmtpSink({ port });
    try {
      const t2 = new Date(t1.getTime() + 61_000);
      const report = await deliverOutbox({ db: restarted, now: t2, settings });
      expect(report).toMatchObject({ sent: 3, retrying: 0 });
      expect(back.messages).toHaveLength(3);
      for (const row of rowsOf(restarted, alert.id)) {
        expect(row).toMatchObject({ status: "sent", attempts: 3, lastError: null });
      }
      await deliverOutbox({ db: restarted, now: new Date(t2.getTime() + 3_600_000), settings });
      expect(back.messages).toHaveLength(3);
    } finally {
      await back.close();
    }
  });

  it("never lets two runners send the same message", async () => {
    const now = new Date();
    const alert = raiseAlert(t.db, { now });
    const second = openDatabase(t.file);
    extraHandles.push(second);
    const settings = mailSettingsFor(sink.port);
    const [a, b] = await Promise.all([
      deliverOutbox({ db: t.db, now, settings }),
      deliverOutbox({ db: second, now, settings }),
    ]);
    expect(a.sent + b.sent).toBe(3);
    expect(sink.messages).toHaveLength(3);
    expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(3);
    expect(rowsOf(t.db, alert.id).every((r) => r.status === "sent")).toBe(true);
  });

  it("leaves a message claimed by another runner alone until its lease ends", async () => {
    const now = new Date();
    const alert = raiseAlert(t.db, { now });
    const leased = new Date(now.getTime() + OUTBOX_LEASE_MS);
    t.db.update(outbox).set({ nextAttemptAt: leased }).where(eq(outbox.alertId, alert.id)).run();
    const settings = mailSettingsFor(sink.port);
    expect((await deliverOutbox({ db: t.db, now, settings })).sent).toBe(0);
    expect((await deliverOutbox({ db: t.db, now: leased, settings })).sent).toBe(3);
  });

  it("re-sends with the same Message-ID when the process stopped between the server's accept and 'sent'", async () => {
    const now = new Date();
    const alert = raiseAlert(t.db, { severity: "high", kind: "pain-high", now });
    const crashing = openDatabase(t.file);
    const real = (await import("./deliver-outbox")).createMailTransport(mailSettingsFor(sink.port));
    // The message reaches the server, then the process "dies" before the row is updated.
    const transport: OutboxTransport = {
      sendMail: async (message) => {
        await real.sendMail(message);
        crashing.$client.close();
      },
      close: () => real.close(),
    };
    await expect(
      deliverOutbox({ db: crashing, now, settings: mailSettingsFor(sink.port), transport }),
    ).rejects.toThrow();
    expect(sink.messages).toHaveLength(1);
    expect(rowsOf(t.db, alert.id).every((r) => r.status === "pending")).toBe(true);

    const afterLease = new Date(now.getTime() + OUTBOX_LEASE_MS + 60_000);
    const report = await deliverOutbox({
      db: t.db,
      now: afterLease,
      settings: mailSettingsFor(sink.port),
    });
    expect(report.sent).toBe(3);
    expect(sink.messages).toHaveLength(4);
    const ids = sink.messages.map((m) => m.messageId);
    expect(ids.filter((id) => id === ids[0])).toHaveLength(2);
  });

  it("does not send about an alert resolved meanwhile, nor to someone no longer active", async () => {
    const now = new Date();
    const resolvedAlert = raiseAlert(t.db, { now });
    t.db.update(alerts).set({ status: "resolved" }).where(eq(alerts.id, resolvedAlert.id)).run();
    const leaver = await insertUser(t.db, { clinicId: w.clinic.id, role: "admin" });
    const patient = insertPatient(t.db, { clinicId: w.clinic.id, primaryClinicianId: leaver.id });
    const openAlert = raiseAlert(t.db, { patientId: patient.id, now });
    t.db.update(users).set({ active: false }).where(eq(users.id, leaver.id)).run();

    const report = await deliverOutbox({ db: t.db, now, settings: mailSettingsFor(sink.port) });
    expect(report).toMatchObject({ sent: 2, notNeeded: 4 });
    expect(rowsOf(t.db, resolvedAlert.id).map((r) => [r.status, r.lastError])).toEqual([
      ["failed", NOT_NEEDED.alertResolved],
      ["failed", NOT_NEEDED.alertResolved],
      ["failed", NOT_NEEDED.alertResolved],
    ]);
    expect(
      t.db
        .select({ status: outbox.status, lastError: outbox.lastError })
        .from(outbox)
        .where(and(eq(outbox.alertId, openAlert.id), eq(outbox.userId, leaver.id)))
        .get(),
    ).toEqual({ status: "failed", lastError: NOT_NEEDED.recipientInactive });
    expect(sink.messages).toHaveLength(2);
  });

  it("keeps every row pending, untried, without mail settings", async () => {
    const now = new Date();
    const alert = raiseAlert(t.db, { now });
    const report = await deliverOutbox({ db: t.db, now, settings: null });
    expect(report.sent + report.retrying).toBe(0);
    expect(rowsOf(t.db, alert.id).every((r) => r.status === "pending" && r.attempts === 0)).toBe(
      true,
    );
    // Once mail is configured, they go out.
    expect(
      (await deliverOutbox({ db: t.db, now, settings: mailSettingsFor(sink.port) })).sent,
    ).toBe(3);
  });

  it("gives a message up as failed after the last try, keeping only the error code", async () => {
    const now = new Date();
    const alert = raiseAlert(t.db, { now });
    t.db
      .update(outbox)
      .set({ attempts: MAX_ATTEMPTS - 1 })
      .where(eq(outbox.alertId, alert.id))
      .run();
    const report = await deliverOutbox({
      db: t.db,
      now,
      settings: mailSettingsFor(await closedPort()),
    });
    expect(report.failed).toBe(3);
    for (const row of rowsOf(t.db, alert.id)) {
      expect(row).toMatchObject({
        status: "failed",
        attempts: MAX_ATTEMPTS,
        lastError: "ESOCKET",
      });
    }
  });
});
