import { eq } from "drizzle-orm";
import { dbErrorKind } from "@/db/engine/errors";
import type { Tx } from "@/db/engine/types";
import { messages, messageThreads } from "@/db/schema";
import type { MessageAuthorKind } from "@/db/schema/enums";
import { recordAudit } from "@/server/audit";
import type { ClinicData } from "@/server/data/clinic-data";
import { submissionInstant } from "@/server/domain/check-in-schedule";
import { enqueuePatientNotice } from "../patient-notify/enqueue";
import { holdPatientAnswers } from "../check-ins/submission-limits";
import { kickOutbox } from "../notifications/outbox-runner";
import { ConflictError } from "../errors";
import type { ClinicScope, PatientScope } from "../scope";
import { enforceMessageLimits } from "./limits";
import { markPatientMessagesRead } from "./mark-read";
import { enqueueMessageEmail } from "./message-email";
import { normaliseMessageBody, startsUnreadRun } from "@/server/domain/message-text";
import { storeUnreadCount } from "./unread";

/** What a sender is told when a key comes back with other text, or is another thread's. */
const KEY_REUSED = "This message was already sent with different words. Please send it again.";

export interface SentMessage {
  messageId: string;
  sentAt: Date;
  /** True when this key had already been stored: nothing new was written. */
  replayed: boolean;
}

/** The message stored under a key, if any; a key of another thread or other text is refused. */
async function storedUnderKey(
  tx: Tx,
  options: { key: string; patientId: string; from: MessageAuthorKind; body: string },
): Promise<SentMessage | null> {
  // By the key alone (unique across clinics); on PostgreSQL row-level security hides another
  // clinic's row, whose key then fails on the unique index at insert (see `insertMessage`).
  const [existing] = await tx
    .select({
      id: messages.id,
      patientId: messages.patientId,
      authorKind: messages.authorKind,
      body: messages.body,
      sentAt: messages.sentAt,
    })
    .from(messages)
    .where(eq(messages.idempotencyKey, options.key))
    .limit(1);
  if (!existing) return null;
  if (
    existing.patientId !== options.patientId ||
    existing.authorKind !== options.from ||
    existing.body !== options.body
  ) {
    throw new ConflictError(KEY_REUSED);
  }
  return { messageId: existing.id, sentAt: existing.sentAt, replayed: true };
}

/** The patient's thread, made with its first message; its latest message's time moves on. */
async function touchThread(tx: Tx, data: ClinicData, patientId: string, at: Date) {
  const [thread] = await tx
    .insert(messageThreads)
    .values(data.stamp({ patientId, createdAt: at, lastMessageAt: at }))
    .onConflictDoUpdate({ target: messageThreads.patientId, set: { lastMessageAt: at } })
    .returning({ id: messageThreads.id, clinicId: messageThreads.clinicId });
  // The patient is unique across clinics, so a conflict can only be this clinic's thread: the
  // layer found the patient in this clinic first. Checked all the same.
  if (!thread || thread.clinicId !== data.clinicId) throw new ConflictError(KEY_REUSED);
  return thread.id;
}

async function insertMessage(
  tx: Tx,
  data: ClinicData,
  row: {
    threadId: string;
    patientId: string;
    authorKind: MessageAuthorKind;
    authorUserId: string | null;
    body: string;
    idempotencyKey: string;
    sentAt: Date;
    createdAt: Date;
  },
): Promise<string> {
  const [stored] = await tx
    .insert(messages)
    .values(data.stamp(row))
    .returning({ id: messages.id })
    .catch((error: unknown) => {
      throw dbErrorKind(error) === "unique" ? new ConflictError(KEY_REUSED) : error;
    });
  return stored!.id;
}

/**
 * A patient's message from their phone, stored once per key (the phone's outbox may send it
 * again), counted against the link's limits, with its audit row, the clinic's unread count and,
 * for the first unread message, an email to the patient's clinician queued in the same
 * transaction. The audit row says that a message was sent, never what it says.
 */
export async function sendPatientMessage(options: {
  scope: PatientScope;
  input: { idempotencyKey: string; tappedAt?: Date; body: string };
  now?: Date;
}): Promise<SentMessage> {
  const { scope, input } = options;
  const { data } = scope;
  const body = normaliseMessageBody(input.body);
  const receivedAt = options.now ?? new Date();
  const result = await data.writeTogether(async (tx) => {
    await holdPatientAnswers(tx, scope);
    const replay = await storedUnderKey(tx, {
      key: input.idempotencyKey,
      patientId: scope.patientId,
      from: "patient",
      body,
    });
    if (replay) return replay;
    await enforceMessageLimits({ tx, scope, receivedAt });
    const sentAt = submissionInstant(input.tappedAt, receivedAt);
    const threadId = await touchThread(tx, data, scope.patientId, receivedAt);
    const messageId = await insertMessage(tx, data, {
      threadId,
      patientId: scope.patientId,
      authorKind: "patient",
      authorUserId: null,
      body,
      idempotencyKey: input.idempotencyKey,
      sentAt,
      createdAt: receivedAt,
    });
    await recordAudit(tx, {
      clinicId: data.clinicId,
      actorKind: "patient_link",
      actorId: scope.linkId,
      action: "message.send",
      entityType: "message",
      entityId: messageId,
      patientId: scope.patientId,
      after: { threadId, from: "patient" },
      ip: scope.ip,
      at: receivedAt,
    });
    const unread = await storeUnreadCount({
      tx,
      data,
      patientId: scope.patientId,
      now: receivedAt,
      actor: { kind: "patient_link", id: scope.linkId, ip: scope.ip },
    });
    if (startsUnreadRun(unread)) {
      await enqueueMessageEmail({
        tx,
        data,
        patientId: scope.patientId,
        messageId,
        now: receivedAt,
      });
    }
    return { messageId, sentAt, replayed: false };
  });
  if (!result.replayed) kickOutbox();
  return result;
}

/**
 * A staff member's answer in a patient's thread. Answering means the thread has been read: the
 * patient's waiting messages get their receipt in the same transaction. The patient is told by
 * the channel they chose (push or email, through the outbox), never with the text.
 */
export async function answerPatient(options: {
  scope: ClinicScope;
  input: { patientId: string; idempotencyKey: string; body: string };
  now?: Date;
}): Promise<SentMessage> {
  const { scope, input } = options;
  const { data } = scope;
  const body = normaliseMessageBody(input.body);
  const now = options.now ?? new Date();
  const result = await data.write(async (tx) => {
    const patient = await data.requirePatient(tx, input.patientId);
    const replay = await storedUnderKey(tx, {
      key: input.idempotencyKey,
      patientId: patient.id,
      from: "staff",
      body,
    });
    if (replay) return replay;
    if (patient.status !== "active") {
      throw new ConflictError(
        "This patient has been discharged, so they can no longer read messages. Re-admit them first.",
      );
    }
    const threadId = await touchThread(tx, data, patient.id, now);
    const messageId = await insertMessage(tx, data, {
      threadId,
      patientId: patient.id,
      authorKind: "staff",
      authorUserId: scope.userId,
      body,
      idempotencyKey: input.idempotencyKey,
      sentAt: now,
      createdAt: now,
    });
    await recordAudit(tx, {
      clinicId: data.clinicId,
      actorKind: "user",
      actorId: scope.userId,
      action: "message.answer",
      entityType: "message",
      entityId: messageId,
      patientId: patient.id,
      after: { threadId, from: "staff" },
      ip: scope.ip,
      at: now,
    });
    await markPatientMessagesRead({ tx, scope, patientId: patient.id, now });
    await enqueuePatientNotice({
      tx,
      clinicId: data.clinicId,
      patientId: patient.id,
      kind: "message",
      sourceId: messageId,
      now,
    });
    return { messageId, sentAt: now, replayed: false };
  });
  if (!result.replayed) kickOutbox();
  return result;
}
