import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Engine } from "@/db/engine/types";
import {
  insertAlert,
  insertClinic,
  insertPatient,
  insertUser,
  readIn,
  writeIn,
} from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { alerts, outbox } from "@/db/schema";
import { systemData } from "@/server/data/clinic-data";
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

let t: TestDb;
let sink: SmtpSink;
let world: { clinicId: string; patientId: string; email: string };
const logs: string[] = [];

beforeAll(async () => {
  t = await createTestDb();
  sink = await startSmtpSink();
  const clinic = await insertClinic(t.db);
  const clinician = await insertUser(t.db, { clinicId: clinic.id, name: "Chidi Clinician" });
  const patient = await insertPatient(t.db, {
    clinicId: clinic.id,
    primaryClinicianId: clinician.id,
    displayName: "Maria Oyelaran",
  });
  world = { clinicId: clinic.id, patientId: patient.id, email: clinician.email };
});
afterAll(async () => {
  await sink?.close();
  await t?.cleanup();
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
  await markAlerts({ status: "resolved" });
});

const settings = () => mailSettingsFor(sink.port);
const system = () => systemData(t.db);

const markAlerts = (change: { status: "resolved" }) =>
  writeIn(t.db, (tx) => tx.update(alerts).set(change).where(eq(alerts.clinicId, world.clinicId)));
const markSent = (alertId: string) =>
  writeIn(t.db, (tx) =>
    tx.update(outbox).set({ status: "sent" }).where(eq(outbox.alertId, alertId)),
  );

function raise(db: Engine, kind = "red-flag-emergency") {
  return db.write(world.clinicId, async (tx) => {
    const alert = await insertAlert(tx, {
      clinicId: world.clinicId,
      patientId: world.patientId,
      kind,
      severity: "critical",
    });
    await enqueueAlertNotifications({
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
  readIn(t.db, (db) =>
    db.select({ status: outbox.status }).from(outbox).where(eq(outbox.alertId, alertId)),
  );

describe("kicking the outbox after commit", () => {
  it("does nothing in a test that has not configured it, and never throws", async () => {
    const alert = await raise(t.db);
    expect(() => kickOutbox()).not.toThrow();
    await outboxIdle();
    expect(await statusOf(alert.id)).toEqual([{ status: "pending" }]);
    await markSent(alert.id);
  });

  it("sends what is due soon after the kick, and logs counts without addresses", async () => {
    configureOutboxRunner({ system, settings });
    const alert = await raise(t.db);
    kickOutbox();
    expect(sink.messages).toHaveLength(0);
    await outboxIdle();
    expect(sink.messages.map((m) => m.envelopeTo)).toEqual([[world.email]]);
    expect(await statusOf(alert.id)).toEqual([{ status: "sent" }]);
    expect(logs).toEqual(["[outbox] 1 sent"]);
    expect(logs.join("\n")).not.toMatch(/@|Maria|Chidi/);
  });

  it("runs once more when kicked during a run, so a message enqueued meanwhile does not wait", async () => {
    configureOutboxRunner({ system, settings });
    const first = await raise(t.db);
    kickOutbox();
    const second = await raise(t.db, "red-flag-urgent");
    kickOutbox();
    kickOutbox();
    await outboxIdle();
    expect(sink.messages).toHaveLength(2);
    expect([...(await statusOf(first.id)), ...(await statusOf(second.id))]).toEqual([
      { status: "sent" },
      { status: "sent" },
    ]);
  });

  it("leaves messages pending without mail settings, and survives a broken database handle", async () => {
    configureOutboxRunner({ system, settings: () => null });
    const alert = await raise(t.db);
    kickOutbox();
    await outboxIdle();
    expect(await statusOf(alert.id)).toEqual([{ status: "pending" }]);

    configureOutboxRunner({
      system: () => {
        throw new Error("database is locked at /secret/path");
      },
      settings,
    });
    expect(() => kickOutbox()).not.toThrow();
    await outboxIdle();
    expect(logs).toEqual(["[outbox] run failed: Error"]);
    await markSent(alert.id);
  });
});

describe("the outbox timer", () => {
  it("runs shortly after start and then on its interval, one timer per process", async () => {
    configureOutboxRunner({ system, settings });
    // Left pending by a "previous process": the first run after start sends it.
    const left = await raise(t.db);
    expect(startOutboxTimer({ seconds: 0 })).toBe(false);
    expect(startOutboxTimer({ seconds: 0.5, firstRunMs: 50 })).toBe(true);
    expect(startOutboxTimer({ seconds: 0.5 })).toBe(false);
    await vi.waitFor(async () => expect(await statusOf(left.id)).toEqual([{ status: "sent" }]));

    const later = await raise(t.db, "red-flag-urgent");
    await vi.waitFor(async () => expect(await statusOf(later.id)).toEqual([{ status: "sent" }]), {
      timeout: 3_000,
    });
    expect(sink.messages).toHaveLength(2);
  });
});
