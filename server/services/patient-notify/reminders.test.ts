import { TRPCError } from "@trpc/server";
import { and, asc, eq } from "drizzle-orm";
import ICAL from "ical.js";
import webpush from "web-push";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { openEngineFor } from "@/db/engine";
import type { Engine } from "@/db/engine/types";
import {
  insertCheckIn,
  insertPatientLink,
  insertPatientSummary,
  insertProgramVersion,
  readIn,
  sharedExercise,
  writeIn,
} from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import {
  auditEvents,
  outbox,
  patientLinks,
  patients,
  pushSubscriptions,
  reminderSettings,
} from "@/db/schema";
import { systemData } from "@/server/data/clinic-data";
import { patientScope } from "@/server/data/scopes";
import { patientCaller } from "@/server/testing/callers";
import { captureConsole } from "@/server/testing/console";
import { mailSettingsFor } from "@/server/testing/mail-settings";
import { patientWithLink } from "@/server/testing/patients";
import { startPushEndpoint, type PushEndpoint } from "@/server/testing/push-endpoint";
import { startSmtpSink, type SmtpSink } from "@/server/testing/smtp-sink";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";
import { deliverOutbox } from "../notifications/deliver-outbox";
import { readCalendarFeed } from "./calendar-feed";
import { enqueuePatientNotice } from "./enqueue";
import { createPushSender } from "./push-send";
import { runReminders } from "./reminder-scheduler";
import { reminderRound } from "./reminder-timer";
import { saveReminderSettings, unsubscribeEmail } from "./reminder-settings";

let t: TestDb;
let w: TwoClinics;
let push: PushEndpoint;
let sink: SmtpSink;
const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:push@rehabit.test" };
const pushSender = { send: createPushSender(vapid, { timeoutMs: 5_000 }) };
const APP_URL = "https://rehabit.clinic.example";
const extraEngines: Engine[] = [];
const logs: string[] = [];

beforeAll(async () => {
  process.env.VAPID_PUBLIC_KEY = vapid.publicKey;
  process.env.VAPID_PRIVATE_KEY = vapid.privateKey;
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
  push = await startPushEndpoint();
  sink = await startSmtpSink();
  process.env.PUSH_EXTRA_ORIGINS = push.origin;
});
afterAll(async () => {
  for (const engine of extraEngines) await engine.close().catch(() => undefined);
  await push?.close();
  await sink?.close();
  await t?.cleanup();
});
/** Each test's patients alone: earlier tests' reminders are turned off and their notices closed. */
beforeEach(async () => {
  await writeIn(t.db, async (tx) => {
    await tx
      .update(reminderSettings)
      .set({ remindersOn: false })
      .where(eq(reminderSettings.remindersOn, true));
    await tx.update(outbox).set({ status: "sent" }).where(eq(outbox.status, "pending"));
  });
  push.received.length = 0;
  push.rejected.length = 0;
  sink.messages.length = 0;
  captureConsole(logs);
});
afterEach(() => vi.restoreAllMocks());

/** Another process on the same database: a restarted server, or a second one. */
function anotherProcess(): Engine {
  const engine = openEngineFor(t.file);
  extraEngines.push(engine);
  return engine;
}

const system = (db: Engine = t.db) => systemData(db);
const deliver = (now: Date, db: Engine = t.db, withMail = false) =>
  deliverOutbox({
    system: system(db),
    now,
    settings: withMail ? mailSettingsFor(sink.port) : null,
    push: pushSender,
  });

/** A patient on a daily one-exercise program in `timeZone`, with a link and this phone subscribed. */
async function remindedPatient(
  options: {
    timeZone?: string;
    remindAt?: string;
    weekdays?: number[];
    name?: string;
    effectiveFrom?: Date;
  } = {},
) {
  const p = await patientWithLink(t.db, w, {
    timeZone: options.timeZone ?? "Europe/London",
    displayName: options.name ?? "Priya Reminded",
    effectiveFrom: options.effectiveFrom ?? new Date("2026-11-01T09:00:00Z"),
  });
  const phone = push.subscribe();
  await p.caller.reminders.subscribePush({ endpoint: phone.endpoint, keys: phone.keys });
  await p.caller.reminders.save({
    remindersOn: true,
    remindAt: options.remindAt ?? "18:00",
    weekdays: options.weekdays ?? [0, 1, 2, 3, 4, 5, 6],
    channel: "push",
    email: null,
  });
  return { ...p, phone };
}

const rowsFor = (patientId: string) =>
  readIn(t.db, (db) =>
    db
      .select({
        kind: outbox.kind,
        channel: outbox.channel,
        sourceId: outbox.sourceId,
        status: outbox.status,
        lastError: outbox.lastError,
        nextAttemptAt: outbox.nextAttemptAt,
      })
      .from(outbox)
      .where(eq(outbox.patientId, patientId))
      .orderBy(asc(outbox.createdAt)),
  );

const auditOf = (patientId: string) =>
  readIn(t.db, (db) =>
    db
      .select({
        action: auditEvents.action,
        actorKind: auditEvents.actorKind,
        after: auditEvents.after,
      })
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, patientId)))
      .orderBy(asc(auditEvents.seq)),
  );

async function expectTrpcError(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  if (message) expect((error as TRPCError).message).toMatch(message);
}

describe("the patient's choices", () => {
  it("starts with nothing on and says what the server can do", async () => {
    const p = await patientWithLink(t.db, w);
    expect(await p.caller.reminders.settings()).toEqual({
      remindersOn: false,
      remindAt: "18:00",
      weekdays: [0, 1, 2, 3, 4, 5, 6],
      channel: "none",
      email: null,
      pushPhones: 0,
      calendarSince: null,
      daysPerWeek: 7,
      pushPublicKey: vapid.publicKey,
      mailReady: false,
    });
  });

  it("needs this phone subscribed before push, then saves and audits without the address or keys", async () => {
    const p = await patientWithLink(t.db, w);
    const choice = {
      remindersOn: true,
      remindAt: "08:30",
      weekdays: [0, 2, 4],
      channel: "push" as const,
      email: null,
    };
    await expectTrpcError(p.caller.reminders.save(choice), "CONFLICT", /Turn on notifications/);
    const phone = push.subscribe();
    await p.caller.reminders.subscribePush({ endpoint: phone.endpoint, keys: phone.keys });
    await p.caller.reminders.save(choice);
    expect(await p.caller.reminders.settings()).toMatchObject({
      remindersOn: true,
      remindAt: "08:30",
      weekdays: [0, 2, 4],
      channel: "push",
      pushPhones: 1,
    });
    const audit = await auditOf(p.patient.id);
    expect(audit.map((a) => a.action)).toEqual(["reminders.push_subscribe", "reminders.update"]);
    expect(audit.every((a) => a.actorKind === "patient_link")).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(phone.keys.auth);
    expect(JSON.stringify(audit)).not.toContain("/push/");
  });

  it("refuses a time in quiet hours, no days, email without an address or without mail", async () => {
    const p = await patientWithLink(t.db, w);
    const base = {
      remindersOn: true,
      remindAt: "18:00",
      weekdays: [1],
      channel: "none" as const,
      email: null,
    };
    await expectTrpcError(
      p.caller.reminders.save({ ...base, remindAt: "22:00" }),
      "BAD_REQUEST",
      /07:00 and 21:00/,
    );
    await expectTrpcError(
      p.caller.reminders.save({ ...base, weekdays: [] }),
      "CONFLICT",
      /at least one day/,
    );
    await expectTrpcError(
      p.caller.reminders.save({ ...base, channel: "email" }),
      "BAD_REQUEST",
      /email address/,
    );
    await expectTrpcError(
      p.caller.reminders.save({ ...base, channel: "email", email: "priya@example.com" }),
      "CONFLICT",
      /cannot send emails yet/,
    );
  });

  it("takes push subscriptions from the browsers' push services only", async () => {
    const p = await patientWithLink(t.db, w);
    const keys = push.subscribe().keys;
    for (const endpoint of [
      "http://10.0.0.5/push/x",
      "https://evil.example/fcm.googleapis.com",
      "https://fcm.googleapis.com:8443/x",
    ]) {
      await expectTrpcError(
        p.caller.reminders.subscribePush({ endpoint, keys }),
        "CONFLICT",
        /not one Rehabit can use/,
      );
    }
    await p.caller.reminders.subscribePush({
      endpoint: "https://fcm.googleapis.com/fcm/send/abc",
      keys,
    });
    expect((await p.caller.reminders.settings()).pushPhones).toBe(1);
    // Turning the last phone off turns push reminders off.
    await p.caller.reminders.save({
      remindersOn: true,
      remindAt: "18:00",
      weekdays: [1],
      channel: "push",
      email: null,
    });
    await p.caller.reminders.unsubscribePush({
      endpoint: "https://fcm.googleapis.com/fcm/send/abc",
    });
    expect(await p.caller.reminders.settings()).toMatchObject({ pushPhones: 0, channel: "none" });
  });

  it("shows each patient only their own settings; a revoked link gets nothing", async () => {
    const a = await remindedPatient({ name: "Ada Own" });
    const other = await insertPatientLink(t.db, {
      clinicId: w.clinicB.id,
      patientId: w.patientB.id,
      createdBy: w.clinicianB.id,
    });
    const b = patientCaller(t.db, other.token);
    expect(await b.reminders.settings()).toMatchObject({
      remindersOn: false,
      pushPhones: 0,
      channel: "none",
    });
    // B unsubscribing A's phone's endpoint changes nothing of A's.
    expect(await b.reminders.unsubscribePush({ endpoint: a.phone.endpoint })).toEqual({
      unsubscribed: false,
    });
    expect((await a.caller.reminders.settings()).pushPhones).toBe(1);
    await writeIn(t.db, (tx) =>
      tx.update(patientLinks).set({ revokedAt: new Date() }).where(eq(patientLinks.id, a.link.id)),
    );
    // The phone's next request through the revoked link.
    await expectTrpcError(patientCaller(t.db, a.token).reminders.settings(), "UNAUTHORIZED");
  });
});

describe("the scheduler", () => {
  it("enqueues one reminder once the patient's clock passes their time, however many rounds or servers", async () => {
    const p = await remindedPatient();
    // Monday 30 November 2026, London (UTC+0).
    expect(
      await runReminders({ system: system(), now: new Date("2026-11-30T17:59:00Z") }),
    ).toMatchObject({ reminders: 0 });
    expect(await rowsFor(p.patient.id)).toEqual([]);
    await runReminders({ system: system(), now: new Date("2026-11-30T18:00:00Z") });
    await runReminders({ system: system(), now: new Date("2026-11-30T18:01:00Z") });
    await runReminders({ system: system(anotherProcess()), now: new Date("2026-11-30T18:02:00Z") });
    expect(await rowsFor(p.patient.id)).toEqual([
      expect.objectContaining({
        kind: "patient_reminder",
        channel: "push",
        sourceId: "2026-11-30",
        status: "pending",
      }),
    ]);
  });

  it("runs on one server at a time: the lease's holder does the round, another waits", async () => {
    const now = new Date("2026-11-30T12:00:00Z");
    expect(await reminderRound({ system: system(), now, holder: "server-1" })).not.toBeNull();
    expect(
      await reminderRound({ system: system(anotherProcess()), now, holder: "server-2" }),
    ).toBeNull();
    // The first server stops; its lease runs out and the second takes over.
    const later = new Date(now.getTime() + 10 * 60_000);
    expect(
      await reminderRound({ system: system(), now: later, holder: "server-2" }),
    ).not.toBeNull();
  });

  it("reminds on the patient's own day in a far zone", async () => {
    const p = await remindedPatient({ timeZone: "Pacific/Auckland" });
    // 18:00 on Tuesday 1 December in Auckland (NZDT) is 05:00 UTC.
    await runReminders({ system: system(), now: new Date("2026-12-01T04:59:00Z") });
    expect(await rowsFor(p.patient.id)).toEqual([]);
    await runReminders({ system: system(), now: new Date("2026-12-01T05:00:00Z") });
    expect((await rowsFor(p.patient.id)).map((r) => r.sourceId)).toEqual(["2026-12-01"]);
  });

  it("sends nothing on a day already done, on a day not chosen, after discharge or with the link revoked", async () => {
    const now = new Date("2026-11-30T19:00:00Z");
    const done = await remindedPatient();
    await insertCheckIn(t.db, {
      clinicId: w.clinicA.id,
      patientId: done.patient.id,
      versionId: done.version.id,
      day: "2026-11-30",
      kind: "exercise",
      logs: [{ programItemId: done.item.id }],
    });
    const tuesdays = await remindedPatient({ weekdays: [1] });
    const discharged = await remindedPatient();
    await writeIn(t.db, (tx) =>
      tx
        .update(patients)
        .set({ status: "discharged", dischargedAt: now })
        .where(eq(patients.id, discharged.patient.id)),
    );
    const revoked = await remindedPatient();
    await writeIn(t.db, (tx) =>
      tx.update(patientLinks).set({ revokedAt: now }).where(eq(patientLinks.id, revoked.link.id)),
    );
    await runReminders({ system: system(), now });
    for (const p of [done, tuesdays, discharged, revoked])
      expect(await rowsFor(p.patient.id)).toEqual([]);
  });

  it("looks again at a patient with nothing to send after 15 minutes, or at once when their choices change", async () => {
    const p = await remindedPatient({ weekdays: [1] });
    const monday = (time: string) => new Date(`2026-11-30T${time}:00Z`);
    await runReminders({ system: system(), now: monday("19:00") });
    // Not a chosen day; a program change now would be seen at the next look, 15 minutes on.
    await writeIn(t.db, (tx) =>
      tx
        .update(reminderSettings)
        .set({ weekdays: 0b1111111 })
        .where(eq(reminderSettings.patientId, p.patient.id)),
    );
    await runReminders({ system: system(), now: monday("19:05") });
    expect((await rowsFor(p.patient.id)).map((r) => r.sourceId)).toEqual(["2026-11-30"]);

    const done = await remindedPatient();
    await insertCheckIn(t.db, {
      clinicId: w.clinicA.id,
      patientId: done.patient.id,
      versionId: done.version.id,
      day: "2026-11-30",
      kind: "exercise",
      logs: [{ programItemId: done.item.id }],
    });
    await runReminders({ system: system(), now: monday("19:00") });
    // A second exercise added to today's plan: not read again until 15 minutes have passed.
    await insertProgramVersion(t.db, {
      clinicId: w.clinicA.id,
      patientId: done.patient.id,
      authorId: w.clinicianA.id,
      effectiveFrom: new Date("2026-11-30T19:01:00Z"),
      items: [
        { exerciseId: done.item.exerciseId, sets: 2, reps: 10 },
        { exerciseId: (await sharedExercise(t.db, "glute-bridge")).id, sets: 2, reps: 10 },
      ],
    });
    await runReminders({ system: system(), now: monday("19:10") });
    expect(await rowsFor(done.patient.id)).toEqual([]);
    await runReminders({ system: system(), now: monday("19:15") });
    expect((await rowsFor(done.patient.id)).map((r) => r.sourceId)).toEqual(["2026-11-30"]);
  });

  it("catches up after an outage the same day only, never in quiet hours", async () => {
    const late = await remindedPatient();
    // Down from 17:00 to 21:00: the 18:00 reminder goes at 21:00.
    await runReminders({ system: system(), now: new Date("2026-11-30T21:00:00Z") });
    expect((await rowsFor(late.patient.id)).map((r) => r.sourceId)).toEqual(["2026-11-30"]);
    const quiet = await remindedPatient();
    await runReminders({ system: system(), now: new Date("2026-11-30T22:00:00Z") });
    expect(await rowsFor(quiet.patient.id)).toEqual([]);
    // Back the next morning before 18:00: yesterday's is not sent, today's not yet.
    await runReminders({ system: system(), now: new Date("2026-12-01T09:00:00Z") });
    expect(await rowsFor(quiet.patient.id)).toEqual([]);
  });

  it("nudges once after 3 silent days, in place of that day's reminder", async () => {
    const p = await remindedPatient();
    await insertPatientSummary(t.db, {
      clinicId: w.clinicA.id,
      patientId: p.patient.id,
      day: "2026-11-26",
      versionNumber: 1,
      versionFromDay: "2026-11-01",
      lastCheckInAt: new Date("2026-11-26T10:00:00Z"),
    });
    await runReminders({ system: system(), now: new Date("2026-11-29T19:00:00Z") });
    await runReminders({ system: system(), now: new Date("2026-11-30T19:00:00Z") });
    await runReminders({ system: system(), now: new Date("2026-12-01T19:00:00Z") });
    expect((await rowsFor(p.patient.id)).map((r) => [r.kind, r.sourceId])).toEqual([
      ["patient_reminder", "2026-11-29"],
      ["patient_nudge", "after:2026-11-26"],
      ["patient_reminder", "2026-12-01"],
    ]);
  });
});

describe("delivery", () => {
  it("pushes a reminder through a real push endpoint, encrypted and signed, with no health data", async () => {
    const p = await remindedPatient({ name: "Zora Private" });
    const now = new Date("2026-11-30T18:05:00Z");
    await runReminders({ system: system(), now });
    expect(await deliver(now)).toMatchObject({ sent: 1 });
    expect(push.rejected).toEqual([]);
    expect(push.received).toEqual([
      expect.objectContaining({
        subscriptionId: p.phone.id,
        payload: {
          title: "Time for your exercises",
          body: "Your plan from Clinic A is ready for today.",
          url: "/p",
          tag: "rehabit-reminder",
        },
        urgency: "normal",
        vapid: { aud: push.origin, sub: vapid.subject, publicKey: vapid.publicKey },
      }),
    ]);
    // It expires when quiet hours start (21:30 London), so it is never shown late at night.
    expect(push.received[0]!.ttl).toBe((21 * 60 + 30 - (18 * 60 + 5)) * 60);
    expect(JSON.stringify(push.received)).not.toMatch(/Zora|knee|pain/i);
    expect(await rowsFor(p.patient.id)).toEqual([expect.objectContaining({ status: "sent" })]);
    expect(await deliver(now)).toMatchObject({ sent: 0 });
    expect(push.received).toHaveLength(1);
  });

  it("delivers exactly once across a restart: pending while the push service fails, sent once when it is back", async () => {
    const p = await remindedPatient();
    const now = new Date("2026-11-30T18:00:00Z");
    await runReminders({ system: system(), now });
    push.answerWith(p.phone.id, 500);
    expect(await deliver(now)).toMatchObject({ sent: 0, retrying: 1, errorCodes: ["PUSH 500"] });
    const [row] = await rowsFor(p.patient.id);
    expect(row).toMatchObject({ status: "pending", lastError: "PUSH 500" });
    // The server restarts: a new process, the scheduler runs again (nothing new), the outbox
    // sends the pending row once the push service answers again.
    push.answerWith(p.phone.id, 201);
    const restarted = anotherProcess();
    const after = row!.nextAttemptAt;
    await runReminders({ system: system(restarted), now: after });
    expect(await deliver(after, restarted)).toMatchObject({ sent: 1 });
    expect(await deliver(new Date(after.getTime() + 3_600_000), restarted)).toMatchObject({
      sent: 0,
    });
    expect(push.received.filter((r) => r.subscriptionId === p.phone.id)).toHaveLength(1);
    expect(await rowsFor(p.patient.id)).toEqual([expect.objectContaining({ status: "sent" })]);
  });

  it("drops a reminder held up past the patient's day, and forgets a phone that is gone", async () => {
    const stale = await remindedPatient();
    await runReminders({ system: system(), now: new Date("2026-11-30T18:00:00Z") });
    expect(await deliver(new Date("2026-12-01T08:00:00Z"))).toMatchObject({
      sent: 0,
      notNeeded: 1,
    });
    expect(await rowsFor(stale.patient.id)).toEqual([
      expect.objectContaining({ status: "failed", lastError: "REMINDER_STALE" }),
    ]);

    const gone = await remindedPatient();
    const now = new Date("2026-12-02T18:00:00Z");
    await runReminders({ system: system(), now });
    push.answerWith(gone.phone.id, 410);
    await deliver(now);
    expect((await rowsFor(gone.patient.id)).at(-1)).toMatchObject({
      status: "failed",
      lastError: "NO_SUBSCRIPTION",
    });
    const phones = await readIn(t.db, (db) =>
      db.select().from(pushSubscriptions).where(eq(pushSubscriptions.patientId, gone.patient.id)),
    );
    expect(phones).toEqual([]);
  });

  it("emails a reminder with a one-tap unsubscribe, and the tap stops the emails", async () => {
    const p = await patientWithLink(t.db, w, { displayName: "Emil Mailed" });
    const scope = patientScope(
      t.db,
      { clinicId: w.clinicA.id, patientId: p.patient.id, linkId: p.link.id },
      null,
    );
    await saveReminderSettings({
      scope,
      mailReady: true,
      input: {
        remindersOn: true,
        remindAt: "18:00",
        weekdays: [0, 1, 2, 3, 4, 5, 6],
        channel: "email",
        email: "emil@example.com",
      },
    });
    const now = new Date("2026-11-30T18:00:00Z");
    await runReminders({ system: system(), now });
    expect(await deliver(now, t.db, true)).toMatchObject({ sent: 1 });
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.envelopeTo).toEqual(["emil@example.com"]);
    expect(mail.raw).toMatch(/Subject: Time for your exercises/);
    expect(mail.raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    const key = /\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(mail.raw)?.[1];
    expect(key).toBeDefined();
    expect(mail.raw).not.toMatch(/knee|pain|Mailed/i);

    expect(await unsubscribeEmail({ system: system(), key: "not-a-key-at-all-nope" })).toEqual({
      done: false,
    });
    expect(await unsubscribeEmail({ system: system(), key: key! })).toEqual({ done: true });
    const [settings] = await readIn(t.db, (db) =>
      db.select().from(reminderSettings).where(eq(reminderSettings.patientId, p.patient.id)),
    );
    expect(settings).toMatchObject({ channel: "none", email: null });
    expect((await auditOf(p.patient.id)).map((a) => [a.action, a.actorKind])).toContainEqual([
      "reminders.email_unsubscribe",
      "system",
    ]);
    // Nothing more is sent: a notice enqueued now finds no channel.
    const queued = await t.db.write(w.clinicA.id, (tx) =>
      enqueuePatientNotice({
        tx,
        clinicId: w.clinicA.id,
        patientId: p.patient.id,
        kind: "message",
        sourceId: "m-1",
        now,
      }),
    );
    expect(queued).toBe(false);
  });

  it("tells another clinic's patient nothing through this clinic", async () => {
    const p = await remindedPatient();
    const queued = await t.db.write(w.clinicB.id, (tx) =>
      enqueuePatientNotice({
        tx,
        clinicId: w.clinicB.id,
        patientId: p.patient.id,
        kind: "message",
        sourceId: "m-2",
        now: new Date(),
      }),
    );
    expect(queued).toBe(false);
    expect(await rowsFor(p.patient.id)).toEqual([]);
    expect(logs.join("\n")).not.toMatch(/@|\/push\//);
  });
});

describe("the calendar feed", () => {
  it("is valid RFC 5545 with the sessions at the patient's time, across a change of clocks", async () => {
    const p = await remindedPatient({
      remindAt: "18:00",
      weekdays: [5, 6],
      effectiveFrom: new Date("2026-10-01T09:00:00Z"),
    });
    const { path } = await p.caller.reminders.calendarFeed();
    const token = /^\/api\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(path)?.[1];
    expect(token).toBeDefined();
    expect(path).not.toContain(p.token);
    const now = new Date("2026-10-20T12:00:00Z");
    const ics = await readCalendarFeed({ system: system(), token: token!, appUrl: APP_URL, now });
    expect(ics).not.toBeNull();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics!.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(ics!));
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBeTruthy();
    const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    // Saturdays and Sundays from the program's start (1 November) to 8 weeks ahead.
    expect(events.length).toBeGreaterThan(10);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    const at = (day: string) =>
      events.find((e) => e.startDate.toJSDate().toISOString().startsWith(day));
    // London: BST (UTC+1) until 25 October, GMT after: 18:00 local is 17:00 then 18:00 UTC.
    expect(at("2026-10-24")!.startDate.toJSDate().toISOString()).toBe("2026-10-24T17:00:00.000Z");
    expect(at("2026-10-25")!.startDate.toJSDate().toISOString()).toBe("2026-10-25T18:00:00.000Z");
    const first = events[0]!;
    expect(first.summary).toBe("Home exercises");
    expect(first.component.getFirstPropertyValue("url")).toBe(`${APP_URL}/p`);
    expect(first.duration.toSeconds()).toBe(20 * 60);
    expect(ics).not.toMatch(/Priya|knee|pain/i);
  });

  it("dies with its link, and with a new address", async () => {
    const p = await remindedPatient();
    const first = (await p.caller.reminders.calendarFeed()).path.slice(14, -4);
    const second = (await p.caller.reminders.calendarFeed()).path.slice(14, -4);
    const read = (token: string) => readCalendarFeed({ system: system(), token, appUrl: APP_URL });
    expect(await read(first)).toBeNull();
    expect(await read(second)).not.toBeNull();
    expect((await p.caller.reminders.settings()).calendarSince).not.toBeNull();
    await writeIn(t.db, (tx) =>
      tx.update(patientLinks).set({ revokedAt: new Date() }).where(eq(patientLinks.id, p.link.id)),
    );
    expect(await read(second)).toBeNull();
    expect(await read("x".repeat(43))).toBeNull();
    expect(await read("../../etc/passwd")).toBeNull();
  });
});
