import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { insertPatient, insertPatientLink, readIn, writeIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, messages, outbox, patientSummaries, reminderSettings } from "@/db/schema";
import { MESSAGE_MAX_LENGTH } from "@/db/schema/enums";
import { loadSubmissionLimits } from "@/server/env";
import { systemData } from "@/server/data/clinic-data";
import { retryAfterSeconds } from "@/server/routers/check-ins";
import {
  composeMessageEmail,
  loadMessageEmailFacts,
  messageEmailNotNeeded,
} from "@/server/services/messages/message-email";
import { deliverOutbox } from "@/server/services/notifications/deliver-outbox";
import { outboxIdle } from "@/server/services/notifications/outbox-runner";
import { mailSettingsFor } from "@/server/testing/mail-settings";
import { startSmtpSink } from "@/server/testing/smtp-sink";
import { patientCaller, staffCaller } from "@/server/testing/callers";
import { setClock } from "@/server/testing/clock";
import { codeOf, outcome, refusal } from "@/server/testing/errors";
import { patientWithLink } from "@/server/testing/patients";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(() => t.cleanup());
afterEach(async () => {
  vi.useRealTimers();
  await outboxIdle();
});

let w: TwoClinics;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

const key = () => randomUUID();
const LIMITS = loadSubmissionLimits({});
const freshPatient = (displayName: string) => patientWithLink(t.db, w, { displayName });

const clinicianA = () => staffCaller(t.db, w.clinicianA);
const clinicianB = () => staffCaller(t.db, w.clinicianB);

/** The stored rows of a patient's thread, on the system path. */
const storedMessages = (patientId: string) =>
  readIn(t.db, (db) =>
    db
      .select()
      .from(messages)
      .where(eq(messages.patientId, patientId))
      .orderBy(asc(messages.createdAt), asc(messages.id)),
  );

const unreadOnSummary = async (patientId: string) => {
  const [row] = await readIn(t.db, (db) =>
    db
      .select({ unread: patientSummaries.unreadMessages })
      .from(patientSummaries)
      .where(eq(patientSummaries.patientId, patientId)),
  );
  return row?.unread ?? null;
};

const messageEmails = (sourceIds: string[]) =>
  readIn(t.db, (db) =>
    db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, "message_email"))
      .then((rows) => rows.filter((r) => sourceIds.includes(r.sourceId ?? ""))),
  );

const auditOf = (patientId: string) =>
  readIn(t.db, (db) =>
    db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.patientId, patientId))
      .orderBy(asc(auditEvents.seq)),
  );

describe("a patient's message and the clinic's answer", () => {
  it("reaches the clinic, is counted unread, answered, and read on both sides", async () => {
    const p = await freshPatient("Mia Message");
    const text = "Is it fine to cycle to work on exercise days?";
    const sent = await p.caller.messages.send({ idempotencyKey: key(), body: `  ${text}\n` });
    expect(sent.replayed).toBe(false);

    const thread = await clinicianA().messages.forPatient({ patientId: p.patient.id });
    expect(thread.unread).toBe(1);
    expect(thread.messages).toMatchObject([
      { id: sent.messageId, from: "patient", body: text, readAt: null, authorName: null },
    ]);
    expect(await unreadOnSummary(p.patient.id)).toBe(1);
    const counts = await clinicianA().messages.unreadCounts();
    expect(counts.patients).toBeGreaterThanOrEqual(1);
    expect(counts.minePatients).toBeGreaterThanOrEqual(1);
    const inbox = await clinicianA().messages.inbox();
    expect(inbox.timeZone).toBe("Europe/London");
    expect(inbox.threads.find((r) => r.patientId === p.patient.id)).toMatchObject({
      patientName: "Mia Message",
      unread: 1,
      mine: true,
    });
    const caseload = await clinicianA().caseload.list({
      filters: { mine: false, needsAttention: false, status: "all", search: "Mia Message" },
    });
    expect(caseload.rows[0]).toMatchObject({ id: p.patient.id, unreadMessages: 1 });

    const answer = await clinicianA().messages.answer({
      patientId: p.patient.id,
      idempotencyKey: key(),
      body: "Yes, gentle cycling is fine.",
    });
    // Answering reads the thread: the receipt is set and the count falls to 0.
    expect(await unreadOnSummary(p.patient.id)).toBe(0);
    const onPhone = await p.caller.messages.thread();
    expect(onPhone.messages.map((m) => [m.from, m.body, m.readAt !== null])).toEqual([
      ["patient", text, true],
      ["staff", "Yes, gentle cycling is fine.", false],
    ]);
    expect(onPhone.messages[1]!.authorName).toBe(w.clinicianA.name);
    // The patient sees that the clinic read it, not who did.
    expect(onPhone.messages[0]!.readByName).toBeNull();
    expect(onPhone.clinic).toMatchObject({ name: "Clinic A" });
    expect(onPhone.clinic.emergencyNumber).toMatch(/^\d{2,6}$/);

    const exported = await clinicianA().messages.exportRows({ patientId: p.patient.id });
    expect(exported.map((m) => [m.from, m.authorName, m.body])).toEqual([
      ["patient", null, text],
      ["staff", w.clinicianA.name, "Yes, gentle cycling is fine."],
    ]);
    expect(exported[0]!.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    expect(await p.caller.messages.seen()).toEqual({ marked: 1 });
    expect(await p.caller.messages.seen()).toEqual({ marked: 0 });
    const staffView = await clinicianA().messages.forPatient({ patientId: p.patient.id });
    const staffAnswer = staffView.messages.find((m) => m.id === answer.messageId)!;
    expect(staffAnswer.readAt).toBeInstanceOf(Date);
    expect(staffView.messages[0]!.readByName).toBe(w.clinicianA.name);
  });

  it("stores a message re-sent by the phone once, and refuses its key with other words", async () => {
    const p = await freshPatient("Rita Replay");
    const input = { idempotencyKey: key(), body: "Sent twice from the bus." };
    const first = await p.caller.messages.send(input);
    const again = await p.caller.messages.send(input);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await storedMessages(p.patient.id)).toHaveLength(1);
    expect(await outcome(p.caller.messages.send({ ...input, body: "Other words" }))).toEqual({
      code: "CONFLICT",
      message: "This message was already sent with different words. Please send it again.",
    });
    const other = await freshPatient("Otto Other");
    expect(await codeOf(other.caller.messages.send(input))).toBe("CONFLICT");
    expect(await storedMessages(other.patient.id)).toHaveLength(0);
    // A staff answer replayed by a double click is stored once too.
    const answer = { patientId: p.patient.id, idempotencyKey: key(), body: "Noted." };
    await clinicianA().messages.answer(answer);
    expect((await clinicianA().messages.answer(answer)).replayed).toBe(true);
    expect(await storedMessages(p.patient.id)).toHaveLength(2);
  });

  it("refuses an empty or too long message with a sentence that says what to fix", async () => {
    const p = await freshPatient("Lena Long");
    expect(await outcome(p.caller.messages.send({ idempotencyKey: key(), body: "  " }))).toEqual({
      code: "BAD_REQUEST",
      message: "Please write your message first.",
    });
    const long = "a".repeat(MESSAGE_MAX_LENGTH + 5);
    expect(
      (await outcome(p.caller.messages.send({ idempotencyKey: key(), body: long }))).message,
    ).toBe(
      `Please shorten your message to ${MESSAGE_MAX_LENGTH} characters or fewer (it has ${MESSAGE_MAX_LENGTH + 5}).`,
    );
    expect(
      await codeOf(
        clinicianA().messages.answer({ patientId: p.patient.id, idempotencyKey: key(), body: "" }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await storedMessages(p.patient.id)).toHaveLength(0);
  });

  it("does not let staff write to a discharged patient, who can no longer read it", async () => {
    const p = await freshPatient("Dora Discharged");
    await clinicianA().patients.discharge({ patientId: p.patient.id });
    expect(
      await outcome(
        clinicianA().messages.answer({
          patientId: p.patient.id,
          idempotencyKey: key(),
          body: "Hello",
        }),
      ),
    ).toMatchObject({ code: "CONFLICT" });
  });
});

describe("notifications", () => {
  it("emails the patient's clinician once per run of unread messages, never with the text", async () => {
    const p = await freshPatient("Ned Notify");
    const one = await p.caller.messages.send({ idempotencyKey: key(), body: "Knee is swollen." });
    const two = await p.caller.messages.send({ idempotencyKey: key(), body: "And warm." });
    const rows = await messageEmails([one.messageId, two.messageId]);
    expect(rows.map((r) => [r.userId, r.sourceId, r.patientId])).toEqual([
      [w.clinicianA.id, one.messageId, null],
    ]);

    const data = systemData(t.db).forClinic(w.clinicA.id);
    const [facts] = await loadMessageEmailFacts(data, [rows[0]!.id]);
    expect(messageEmailNotNeeded(facts)).toBeNull();
    const email = composeMessageEmail(facts!, {
      smtpUrl: "smtp://127.0.0.1:1",
      from: "rehabit@clinic-a.example",
      appUrl: "https://rehabit.test",
    });
    expect(email.to).toBe(w.clinicianA.email);
    expect(email.subject).toBe("New message from Ned Notify");
    expect(email.text).toContain(`https://rehabit.test/patients/${p.patient.id}?section=messages`);
    expect(email.text).not.toContain("swollen");
    expect(email.text).not.toContain("warm");

    // Read before mail was sent: the email is no longer needed.
    await clinicianA().messages.markRead({ patientId: p.patient.id });
    const [afterRead] = await loadMessageEmailFacts(data, [rows[0]!.id]);
    expect(messageEmailNotNeeded(afterRead)).toBe("MESSAGE_READ");

    // A new message after the thread was read starts a new run: one more email.
    const three = await p.caller.messages.send({ idempotencyKey: key(), body: "Better now." });
    expect(await messageEmails([three.messageId])).toHaveLength(1);
  });

  it("tells the patient of an answer by the channel they chose, and nobody without one", async () => {
    const silent = await freshPatient("Sam Silent");
    const quiet = await clinicianA().messages.answer({
      patientId: silent.patient.id,
      idempotencyKey: key(),
      body: "See you Tuesday.",
    });
    const told = await freshPatient("Erin Email");
    await writeIn(t.db, (tx) =>
      tx.insert(reminderSettings).values({
        patientId: told.patient.id,
        clinicId: w.clinicA.id,
        channel: "email",
        email: "erin@example.org",
        unsubscribeKey: randomUUID(),
        updatedAt: new Date(),
      }),
    );
    const loud = await clinicianA().messages.answer({
      patientId: told.patient.id,
      idempotencyKey: key(),
      body: "See you Tuesday.",
    });
    const notices = await readIn(t.db, (db) =>
      db.select().from(outbox).where(eq(outbox.kind, "patient_message")),
    );
    expect(notices.filter((n) => n.sourceId === quiet.messageId)).toEqual([]);
    expect(
      notices
        .filter((n) => n.sourceId === loud.messageId)
        .map((n) => [n.patientId, n.channel, n.userId]),
    ).toEqual([[told.patient.id, "email", null]]);
  });
});

describe("the clinician's email, through the outbox to a real mail server", () => {
  it("is sent once, to the clinician, saying there is a message and not what it says", async () => {
    const sink = await startSmtpSink();
    try {
      const p = await freshPatient("Paul Post");
      await p.caller.messages.send({ idempotencyKey: key(), body: "The swelling is back." });
      const settings = mailSettingsFor(sink.port);
      const system = systemData(t.db);
      await deliverOutbox({ system, now: new Date(), settings });
      await deliverOutbox({ system, now: new Date(Date.now() + 3_600_000), settings });
      const mails = sink.messages.filter((m) => m.subject === "New message from Paul Post");
      expect(mails.map((m) => m.to)).toEqual([w.clinicianA.email]);
      expect(mails[0]!.text).toContain(`/patients/${p.patient.id}?section=messages`);
      expect(mails[0]!.text).not.toContain("swelling");
    } finally {
      await sink.close();
    }
  });
});

describe("isolation", () => {
  it("answers another clinic's patient exactly like a missing one, and lists nothing of theirs", async () => {
    const p = await freshPatient("Iris Isolated");
    await p.caller.messages.send({ idempotencyKey: key(), body: "Only for clinic A." });
    const missing = "0190f000-0000-7000-8000-000000000000";
    for (const patientId of [p.patient.id, missing]) {
      expect(await outcome(clinicianB().messages.forPatient({ patientId }))).toEqual({
        code: "NOT_FOUND",
        message: "That patient was not found.",
      });
      expect(
        await outcome(
          clinicianB().messages.answer({ patientId, idempotencyKey: key(), body: "Hi" }),
        ),
      ).toEqual({ code: "NOT_FOUND", message: "That patient was not found." });
      expect(await outcome(clinicianB().messages.exportRows({ patientId }))).toEqual({
        code: "NOT_FOUND",
        message: "That patient was not found.",
      });
      expect(await outcome(clinicianB().messages.markRead({ patientId }))).toEqual({
        code: "NOT_FOUND",
        message: "That patient was not found.",
      });
    }
    expect((await clinicianB().messages.inbox()).threads).toEqual([]);
    expect(await clinicianB().messages.unreadCounts()).toEqual({
      patients: 0,
      messages: 0,
      minePatients: 0,
    });
    expect((await storedMessages(p.patient.id)).map((m) => m.readByStaffAt)).toEqual([null]);
  });

  it("keeps two patients of one clinic apart", async () => {
    const one = await freshPatient("Una One");
    const two = await freshPatient("Tom Two");
    await one.caller.messages.send({ idempotencyKey: key(), body: "Una's question." });
    await clinicianA().messages.answer({
      patientId: one.patient.id,
      idempotencyKey: key(),
      body: "Una's answer.",
    });
    expect((await two.caller.messages.thread()).messages).toEqual([]);
    // Tom opening his thread marks nothing of Una's as seen.
    expect(await two.caller.messages.seen()).toEqual({ marked: 0 });
    expect(
      (await storedMessages(one.patient.id)).find((m) => m.authorKind === "staff")?.readByPatientAt,
    ).toBeNull();
  });
});

describe("limits", () => {
  it("counts messages with the link's answers, and refuses past the limit with a wait", async () => {
    setClock("2026-11-30T10:00:00Z");
    const p = await freshPatient("Lou Limit");
    const half = Math.floor(LIMITS.answersPerMinute / 2);
    for (let i = 0; i < half; i++) {
      await p.caller.checkIns.exercisePain({ idempotencyKey: key(), score: 2 });
    }
    for (let i = 0; i < LIMITS.answersPerMinute - half; i++) {
      await p.caller.messages.send({ idempotencyKey: key(), body: `Message ${i}` });
    }
    const error = await refusal(
      p.caller.messages.send({ idempotencyKey: key(), body: "One more" }),
    );
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(retryAfterSeconds(error)).toBeGreaterThan(0);
    expect(await storedMessages(p.patient.id)).toHaveLength(LIMITS.answersPerMinute - half);
    // A minute later there is room again.
    setClock("2026-11-30T10:01:30Z");
    expect(await codeOf(p.caller.messages.send({ idempotencyKey: key(), body: "Later" }))).toBe(
      "OK",
    );
  });

  it("still answers a replay of a stored message when over the limit", async () => {
    setClock("2026-11-30T12:00:00Z");
    const p = await freshPatient("Ray Replay");
    const first = { idempotencyKey: key(), body: "First" };
    await p.caller.messages.send(first);
    for (let i = 1; i < LIMITS.answersPerMinute; i++) {
      await p.caller.messages.send({ idempotencyKey: key(), body: `Message ${i}` });
    }
    expect(await codeOf(p.caller.messages.send({ idempotencyKey: key(), body: "x" }))).toBe(
      "TOO_MANY_REQUESTS",
    );
    expect((await p.caller.messages.send(first)).replayed).toBe(true);
  });
});

describe("audit", () => {
  it("records each message, receipt and read, and never the text", async () => {
    const p = await freshPatient("Ada Audit");
    const secret = "My private worry about the stairs";
    const sent = await p.caller.messages.send({ idempotencyKey: key(), body: secret });
    await clinicianA().messages.forPatient({ patientId: p.patient.id });
    await clinicianA().messages.markRead({ patientId: p.patient.id });
    const answer = await clinicianA().messages.answer({
      patientId: p.patient.id,
      idempotencyKey: key(),
      body: "A private answer",
    });
    await p.caller.messages.thread();
    await p.caller.messages.seen();
    const trail = await auditOf(p.patient.id);
    const actions = trail
      .filter((e) => e.action.startsWith("message") || e.action === "read")
      // A read row's own id stands in its entity column: only the others name a record.
      .map((e) => [e.action, e.actorKind, e.entityType, e.action === "read" ? "-" : e.entityId]);
    expect(actions).toEqual([
      ["message.send", "patient_link", "message", sent.messageId],
      ["read", "user", "messages", "-"],
      ["message.read", "user", "message_thread", null],
      ["message.answer", "user", "message", answer.messageId],
      ["read", "patient_link", "messages", "-"],
      ["message.read", "patient_link", "message_thread", null],
    ]);
    const everything = JSON.stringify(trail);
    expect(everything).not.toContain("private");
  });
});

describe("the unread count on the summary", () => {
  it("is kept for a patient whose summary row did not exist yet", async () => {
    const patient = await insertPatient(t.db, {
      clinicId: w.clinicA.id,
      primaryClinicianId: w.clinicianA.id,
      displayName: "Nora No-Summary",
    });
    const { token } = await insertPatientLink(t.db, {
      clinicId: w.clinicA.id,
      patientId: patient.id,
      createdBy: w.clinicianA.id,
    });
    expect(await unreadOnSummary(patient.id)).toBeNull();
    await patientCaller(t.db, token).messages.send({ idempotencyKey: key(), body: "Hello?" });
    expect(await unreadOnSummary(patient.id)).toBe(1);
    await clinicianA().messages.markRead({ patientId: patient.id });
    expect(await unreadOnSummary(patient.id)).toBe(0);
  });
});
