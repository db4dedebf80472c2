import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { insertAlert, insertClinic, insertPatient, insertUser } from "@/db/factories";
import { createTestDb } from "@/db/factories/test-db";
import { alerts, outbox } from "@/db/schema";
import { captureConsole } from "@/server/testing/console";
import { mailSettingsFor } from "@/server/testing/mail-settings";
import { startSmtpSink, type SmtpSink } from "@/server/testing/smtp-sink";
import { enqueueAlertNotifications } from "./alert-outbox";
import {
  configureOutboxRunner,
  kickOutbox,
  outboxIdle,
  startOutboxTimer,
  stopOutboxTimer,
} from "./outbox-runner";

const t = createTestDb();
let sink: SmtpSink;
let world: { clinicId: string; patientId: string; email: string };
const logs: string[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
  const clinic = insertClinic(t.db);
  const clinician = await insertUser(t.db, { clinicId: clinic.id, name: "Chidi Clinician" });
  const patient = insertPatient(t.db, {
    clinicId: clinic.id,
    primaryClinicianId: clinician.id,
    displayName: "Maria Oyelaran",
  });
  world = { clinicId: clinic.id, patientId: patient.id, email: clinician.email };
});
afterAll(async () => {
  await sink.close();
  t.cleanup();
});
beforeEach(() => {
  sink.messages.length = 0;
  captureConsole(logs);
});
afterEach(async () => {
  await outboxIdle();
  configureOutboxRunner(null);
  stopOutboxTimer();
  vi.useRealTimers();
  vi.restoreAllMocks();
  t.db.update(alerts).set({ status: "resolved" }).where(eq(alerts.clinicId, world.clinicId)).run();
});

const settings = () => mailSettingsFor(sink.port);

function raise(db: Db, kind = "red-flag-emergency") {
  return db.transaction((tx) => {
    const alert = insertAlert(tx, {
      clinicId: world.clinicId,
      patientId: world.patientId,
      kind,
      severity: "critical",
    });
    enqueueAlertNotifications({
      tx,
      clinicId: world.clinicId,
      patientId: world.patientId,
      alertId: alert.id,
      severity: "critical",
      now: alert.openedAt,
    });
    return alert;
  });
}

const statusOf = (alertId: string) =>
  t.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.alertId, alertId)).all();

describe("kicking the outbox after commit", () => {
  it("does nothing in a test that has not configured it, and never throws", async () => {
    const alert = raise(t.db);
    expect(() => kickOutbox()).not.toThrow();
    await outboxIdle();
    expect(statusOf(alert.id)).toEqual([{ status: "pending" }]);
    t.db.update(outbox).set({ status: "sent" }).where(eq(outbox.alertId, alert.id)).run();
  });

  it("sends what is due soon after the kick, and logs counts without addresses", async () => {
    configureOutboxRunner({ db: () => t.db, settings });
    const alert = raise(t.db);
    kickOutbox();
    expect(sink.messages).toHaveLength(0);
    await outboxIdle();
    expect(sink.messages.map((m) => m.envelopeTo)).toEqual([[world.email]]);
    expect(statusOf(alert.id)).toEqual([{ status: "sent" }]);
    expect(logs).toEqual(["[outbox] 1 sent"]);
    expect(logs.join("\n")).not.toMatch(/@|Maria|Chidi/);
  });

  it("runs once more when kicked during a run, so a message enqueued meanwhile does not wait", async () => {
    configureOutboxRunner({ db: () => t.db, settings });
    const first = raise(t.db);
    kickOutbox();
    const second = raise(t.db, "red-flag-urgent");
    kickOutbox();
    kickOutbox();
    await outboxIdle();
    expect(sink.messages).toHaveLength(2);
    expect([...statusOf(first.id), ...statusOf(second.id)]).toEqual([
      { status: "sent" },
      { status: "sent" },
    ]);
  });

  it("leaves messages pending without mail settings, and survives a broken database handle", async () => {
    configureOutboxRunner({ db: () => t.db, settings: () => null });
    const alert = raise(t.db);
    kickOutbox();
    await outboxIdle();
    expect(statusOf(alert.id)).toEqual([{ status: "pending" }]);

    configureOutboxRunner({
      db: () => {
        throw new Error("database is locked at /secret/path");
      },
      settings,
    });
    expect(() => kickOutbox()).not.toThrow();
    await outboxIdle();
    expect(logs).toEqual(["[outbox] run failed: Error"]);
    t.db.update(outbox).set({ status: "sent" }).where(eq(outbox.alertId, alert.id)).run();
  });
});

describe("the outbox timer", () => {
  it("runs shortly after start and then on its interval, one timer per process", async () => {
    configureOutboxRunner({ db: () => t.db, settings });
    // Left pending by a "previous process": the first run after start sends it.
    const left = raise(t.db);
    expect(startOutboxTimer({ seconds: 0 })).toBe(false);
    expect(startOutboxTimer({ seconds: 0.5, firstRunMs: 50 })).toBe(true);
    expect(startOutboxTimer({ seconds: 0.5 })).toBe(false);
    await vi.waitFor(() => expect(statusOf(left.id)).toEqual([{ status: "sent" }]));

    const later = raise(t.db, "red-flag-urgent");
    await vi.waitFor(() => expect(statusOf(later.id)).toEqual([{ status: "sent" }]), {
      timeout: 3_000,
    });
    expect(sink.messages).toHaveLength(2);
  });
});
