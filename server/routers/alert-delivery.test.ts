import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openEngineFor } from "@/db/engine";
import type { SqliteEngine } from "@/db/engine/sqlite";
import type { Engine } from "@/db/engine/types";
import { readIn } from "@/db/factories";
import { createTestDb, testEngineKind, type TestDb } from "@/db/factories/test-db";
import { alerts, checkIns, outbox } from "@/db/schema";
import { systemData } from "@/server/data/clinic-data";
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
let t: TestDb;
const handles: Engine[] = [];
afterAll(async () => {
  for (const handle of handles) await handle.close();
  await t.cleanup();
});
afterEach(async () => {
  await outboxIdle();
  configureOutboxRunner(null);
  vi.restoreAllMocks();
});

let w: TwoClinics;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

const freshPatient = (displayName: string) => patientWithLink(t.db, w, { displayName });

const emailsOf = (db: Engine, patientId: string) =>
  readIn(db, (d) =>
    d
      .select({
        userId: outbox.userId,
        status: outbox.status,
        attempts: outbox.attempts,
        alertKind: alerts.kind,
      })
      .from(outbox)
      .innerJoin(alerts, eq(alerts.id, outbox.alertId))
      .where(eq(alerts.patientId, patientId)),
  );

describe("a patient's emergency answer reaches the clinician by email", () => {
  it("writes the alert and one email per person to tell in the answer's transaction", async () => {
    const { patient, caller } = await freshPatient("Erin Emergency");
    const result = await caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["E2"]),
    });
    expect(result.level).toBe("emergency");
    expect(
      (await emailsOf(t.db, patient.id)).sort((a, b) =>
        (a.userId ?? "").localeCompare(b.userId ?? ""),
      ),
    ).toEqual(
      [w.clinicianA.id, w.adminA.id].sort().map((userId) => ({
        userId,
        status: "pending",
        attempts: 0,
        alertKind: "red-flag-emergency",
      })),
    );
  });

  // Breaks SQLite's writer on purpose (a temporary trigger on its connection).
  it.skipIf(testEngineKind() === "pg")(
    "leaves neither alert nor email behind when the answer's transaction fails",
    async () => {
      const { patient, caller } = await freshPatient("Rolf Rollback");
      // The patient's figures are written after the alert and its emails: refusing them rolls
      // back everything the answer wrote.
      const writer = (t.db as SqliteEngine).writerConnection;
      const prepare = writer.prepare.bind(writer);
      let outboxWritten = false;
      vi.spyOn(writer, "prepare").mockImplementation((source: string) => {
        if (/^insert into "outbox"/i.test(source)) outboxWritten = true;
        return prepare(source);
      });
      // A trigger, not a failing prepare: the summary's statement is prepared once per connection.
      writer.exec(
        "create temp trigger refuse_summary before insert on patient_summaries begin select raise(abort, 'disk full'); end",
      );
      try {
        await expect(
          caller.checkIns.safetyCheck({ idempotencyKey: randomUUID(), answers: answering(["E2"]) }),
        ).rejects.toThrow();
      } finally {
        writer.exec("drop trigger temp.refuse_summary");
        vi.restoreAllMocks();
      }
      expect(outboxWritten).toBe(true);
      const left = await readIn(t.db, async (db) => ({
        alerts: await db.select().from(alerts).where(eq(alerts.patientId, patient.id)),
        checkIns: await db.select().from(checkIns).where(eq(checkIns.patientId, patient.id)),
      }));
      expect(left.alerts).toEqual([]);
      expect(await emailsOf(t.db, patient.id)).toEqual([]);
      expect(left.checkIns).toEqual([]);
    },
  );

  it("sends each email once when the mail server is down, then back after a restart", async () => {
    const { patient, caller } = await freshPatient("Dana Downtime");
    const port = await closedPort();
    await caller.checkIns.safetyCheck({ idempotencyKey: randomUUID(), answers: answering(["E2"]) });
    const t0 = new Date();

    await deliverOutbox({ system: systemData(t.db), now: t0, settings: mailSettingsFor(port) });
    expect((await emailsOf(t.db, patient.id)).map((e) => [e.status, e.attempts])).toEqual([
      ["pending", 1],
      ["pending", 1],
    ]);

    // The process restarts: a new connection, nothing else kept. The mail server is back.
    const restarted = openEngineFor(t.file);
    handles.push(restarted);
    const sink = await startSmtpSink({ port });
    try {
      const later = new Date(t0.getTime() + 60_000);
      await deliverOutbox({
        system: systemData(restarted),
        now: later,
        settings: mailSettingsFor(port),
      });
      await deliverOutbox({
        system: systemData(restarted),
        now: new Date(later.getTime() + 3_600_000),
        settings: mailSettingsFor(port),
      });
      // Earlier answers' emails go out too; this patient's arrive once each.
      const mine = sink.messages.filter((m) => m.subject.endsWith("Dana Downtime"));
      expect(mine).toHaveLength(2);
      expect((await emailsOf(restarted, patient.id)).map((e) => e.status)).toEqual([
        "sent",
        "sent",
      ]);
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
      configureOutboxRunner({
        system: () => systemData(t.db),
        settings: () => mailSettingsFor(sink.port),
      });
      const { patient, caller } = await freshPatient("Kit Kicked");
      await caller.checkIns.safetyCheck({
        idempotencyKey: randomUUID(),
        answers: answering(["E2"]),
      });
      await outboxIdle();
      expect((await emailsOf(t.db, patient.id)).map((e) => e.status)).toEqual(["sent", "sent"]);
      expect(sink.messages.filter((m) => m.subject.endsWith("Kit Kicked"))).toHaveLength(2);
    } finally {
      await sink.close();
    }
  });
});
