import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { createTestDb } from "@/db/factories/test-db";
import { alerts, checkIns, outbox } from "@/db/schema";
import { deliverOutbox } from "@/server/services/notifications/deliver-outbox";
import { configureOutboxRunner, outboxIdle } from "@/server/services/notifications/outbox-runner";
import { closedPort, mailSettingsFor } from "@/server/testing/mail-settings";
import { patientWithLink } from "@/server/testing/patients";
import { answering } from "@/server/testing/red-flag-answers";
import { startSmtpSink } from "@/server/testing/smtp-sink";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";

/**
 * Issue 10's path end to end below the browser: a patient's emergency answer writes the alert and
 * its emails in one transaction; a mail server that is down and then back gets each email once,
 * and a restart in between loses nothing.
 */
const t = createTestDb();
const handles: Db[] = [];
afterAll(() => {
  for (const handle of handles) handle.$client.close();
  t.cleanup();
});
afterEach(async () => {
  await outboxIdle();
  configureOutboxRunner(null);
  vi.restoreAllMocks();
});

let w: TwoClinics;
beforeAll(async () => {
  w = await buildTwoClinics(t.db);
});

const freshPatient = (displayName: string) => patientWithLink(t.db, w, { displayName });

const emailsOf = (db: Db, patientId: string) =>
  db
    .select({
      userId: outbox.userId,
      status: outbox.status,
      attempts: outbox.attempts,
      alertKind: alerts.kind,
    })
    .from(outbox)
    .innerJoin(alerts, eq(alerts.id, outbox.alertId))
    .where(eq(alerts.patientId, patientId))
    .all();

describe("a patient's emergency answer reaches the clinician by email", () => {
  it("writes the alert and one email per person to tell in the answer's transaction", async () => {
    const { patient, caller } = freshPatient("Erin Emergency");
    const result = await caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["E2"]),
    });
    expect(result.level).toBe("emergency");
    expect(emailsOf(t.db, patient.id).sort((a, b) => a.userId.localeCompare(b.userId))).toEqual(
      [w.clinicianA.id, w.adminA.id].sort().map((userId) => ({
        userId,
        status: "pending",
        attempts: 0,
        alertKind: "red-flag-emergency",
      })),
    );
  });

  it("leaves neither alert nor email behind when the answer's transaction fails", async () => {
    const { patient, caller } = freshPatient("Rolf Rollback");
    // The patient's figures are written after the alert and its emails: refusing them rolls
    // back everything the answer wrote.
    const prepare = t.db.$client.prepare.bind(t.db.$client);
    let outboxWritten = false;
    vi.spyOn(t.db.$client, "prepare").mockImplementation((source: string) => {
      if (/^insert into "outbox"/i.test(source)) outboxWritten = true;
      return prepare(source);
    });
    // A trigger, not a failing prepare: the summary's statement is prepared once per connection.
    t.db.$client.exec(
      "create temp trigger refuse_summary before insert on patient_summaries begin select raise(abort, 'disk full'); end",
    );
    try {
      await expect(
        caller.checkIns.safetyCheck({ idempotencyKey: randomUUID(), answers: answering(["E2"]) }),
      ).rejects.toThrow();
    } finally {
      t.db.$client.exec("drop trigger temp.refuse_summary");
      vi.restoreAllMocks();
    }
    expect(outboxWritten).toBe(true);
    expect(t.db.select().from(alerts).where(eq(alerts.patientId, patient.id)).all()).toEqual([]);
    expect(emailsOf(t.db, patient.id)).toEqual([]);
    expect(t.db.select().from(checkIns).where(eq(checkIns.patientId, patient.id)).all()).toEqual(
      [],
    );
  });

  it("sends each email once when the mail server is down, then back after a restart", async () => {
    const { patient, caller } = freshPatient("Dana Downtime");
    const port = await closedPort();
    await caller.checkIns.safetyCheck({ idempotencyKey: randomUUID(), answers: answering(["E2"]) });
    const t0 = new Date();

    await deliverOutbox({ db: t.db, now: t0, settings: mailSettingsFor(port) });
    expect(emailsOf(t.db, patient.id).map((e) => [e.status, e.attempts])).toEqual([
      ["pending", 1],
      ["pending", 1],
    ]);

    // The process restarts: a new connection, nothing else kept. The mail server is back.
    const restarted = openDatabase(t.file);
    handles.push(restarted);
    const sink = await startSmtpSink({ port });
    try {
      const later = new Date(t0.getTime() + 60_000);
      await deliverOutbox({ db: restarted, now: later, settings: mailSettingsFor(port) });
      await deliverOutbox({
        db: restarted,
        now: new Date(later.getTime() + 3_600_000),
        settings: mailSettingsFor(port),
      });
      // Earlier answers' emails go out too; this patient's arrive once each.
      const mine = sink.messages.filter((m) => m.subject.endsWith("Dana Downtime"));
      expect(mine).toHaveLength(2);
      expect(emailsOf(restarted, patient.id).map((e) => e.status)).toEqual(["sent", "sent"]);
      const toClinician = mine.find((m) => m.envelopeTo.includes(w.clinicianA.email))!;
      expect(toClinician.subject).toBe("Critical alert: Red flag: emergency – Dana Downtime");
      expect(toClinician.text).toContain(`https://rehabit.clinic.example/patients/${patient.id}`);
      expect(toClinician.text).not.toMatch(/bladder|bowel|E2/);
    } finally {
      await sink.close();
    }
  });

  it("is sent right after the answer commits when the outbox runner is on", async () => {
    const sink = await startSmtpSink();
    try {
      configureOutboxRunner({ db: () => t.db, settings: () => mailSettingsFor(sink.port) });
      const { patient, caller } = freshPatient("Kit Kicked");
      await caller.checkIns.safetyCheck({
        idempotencyKey: randomUUID(),
        answers: answering(["E2"]),
      });
      await outboxIdle();
      expect(emailsOf(t.db, patient.id).map((e) => e.status)).toEqual(["sent", "sent"]);
      expect(sink.messages.filter((m) => m.subject.endsWith("Kit Kicked"))).toHaveLength(2);
    } finally {
      await sink.close();
    }
  });
});
