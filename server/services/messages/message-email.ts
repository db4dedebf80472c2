import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/engine/types";
import { clinics, messages, outbox, patients, users } from "@/db/schema";
import { formatMoment } from "@/lib/alert-words";
import type { ClinicData } from "@/server/data/clinic-data";
import type { MailSettings } from "@/server/env";
import { alertMessageId } from "../notifications/alert-email";

/** One email per message and person: enqueueing the same pair again does nothing. */
export function messageEmailDedupeKey(messageId: string, userId: string): string {
  return `message:${messageId}:${userId}`;
}

/**
 * Queues, in the transaction that stored the patient's message, an email telling the patient's
 * clinician that a message waits (outbox kind `message_email`, the message as its source). Only
 * while the clinician's account is active; nobody else is emailed (the whole clinic sees the
 * count in the menu). The row names who and which message, never its text.
 */
export async function enqueueMessageEmail(options: {
  tx: Tx;
  data: ClinicData;
  patientId: string;
  messageId: string;
  now: Date;
}): Promise<boolean> {
  const { tx, data, patientId, messageId, now } = options;
  const [clinician] = await tx
    .select({ id: users.id })
    .from(patients)
    .innerJoin(
      users,
      and(eq(users.id, patients.primaryClinicianId), eq(users.clinicId, patients.clinicId)),
    )
    .where(data.mine(patients, eq(patients.id, patientId), eq(users.active, true)))
    .limit(1);
  if (!clinician) return false;
  await tx
    .insert(outbox)
    .values(
      data.stamp({
        kind: "message_email" as const,
        userId: clinician.id,
        sourceId: messageId,
        dedupeKey: messageEmailDedupeKey(messageId, clinician.id),
        nextAttemptAt: now,
        createdAt: now,
      }),
    )
    .onConflictDoNothing({ target: outbox.dedupeKey });
  return true;
}

/**
 * Everything a message email needs, read when it is sent (a renamed patient or a new address
 * holds), as the rows' clinic. Rows whose message is gone are simply absent.
 */
export async function loadMessageEmailFacts(data: ClinicData, outboxIds: readonly string[]) {
  if (outboxIds.length === 0) return [];
  return data.read((db) =>
    db
      .select({
        outboxId: outbox.id,
        attempts: outbox.attempts,
        userId: users.id,
        to: users.email,
        recipientName: users.name,
        recipientActive: users.active,
        clinicName: clinics.name,
        timeZone: clinics.timeZone,
        patientId: patients.id,
        patientName: patients.displayName,
        sentAt: messages.sentAt,
        readByStaffAt: messages.readByStaffAt,
      })
      .from(outbox)
      .innerJoin(users, and(eq(users.id, outbox.userId), eq(users.clinicId, outbox.clinicId)))
      .innerJoin(clinics, data.clinicIs(clinics.id))
      .innerJoin(
        messages,
        and(eq(messages.id, outbox.sourceId), eq(messages.clinicId, outbox.clinicId)),
      )
      .innerJoin(
        patients,
        and(eq(patients.id, messages.patientId), eq(patients.clinicId, messages.clinicId)),
      )
      .where(
        data.mine(outbox, eq(outbox.kind, "message_email"), inArray(outbox.id, [...outboxIds])),
      ),
  );
}

export type MessageEmailFacts = Awaited<ReturnType<typeof loadMessageEmailFacts>>[number];

/** Why a `last_error` closes a message email unsent: these are not delivery problems. */
export const MESSAGE_EMAIL_NOT_NEEDED = {
  messageRead: "MESSAGE_READ",
  recipientInactive: "RECIPIENT_INACTIVE",
  messageMissing: "MESSAGE_MISSING",
} as const;

/** Why this email should not go any more, or null to send it. */
export function messageEmailNotNeeded(facts: MessageEmailFacts | undefined): string | null {
  if (!facts) return MESSAGE_EMAIL_NOT_NEEDED.messageMissing;
  // Someone at the clinic has read it (for example mail was set up days later): no news to tell.
  if (facts.readByStaffAt) return MESSAGE_EMAIL_NOT_NEEDED.messageRead;
  if (!facts.recipientActive) return MESSAGE_EMAIL_NOT_NEEDED.recipientInactive;
  return null;
}

/**
 * The email in plain text: who wrote, when, and where to read it. Never the message itself,
 * which is health data and stays behind the sign-in.
 */
export function composeMessageEmail(
  facts: Pick<
    MessageEmailFacts,
    | "outboxId"
    | "to"
    | "recipientName"
    | "clinicName"
    | "timeZone"
    | "patientId"
    | "patientName"
    | "sentAt"
  >,
  settings: MailSettings,
) {
  const url = `${settings.appUrl}/patients/${facts.patientId}?section=messages`;
  return {
    from: settings.from,
    to: facts.to,
    subject: `New message from ${facts.patientName}`,
    // The same row always gets the same Message-ID, so a re-sent copy can be recognised.
    messageId: alertMessageId(facts.outboxId, settings.appUrl),
    priority: "normal" as const,
    // RFC 3834: an automatic message, so out-of-office replies are not sent back to it.
    headers: { "Auto-Submitted": "auto-generated" },
    text: [
      `Hello ${facts.recipientName},`,
      "",
      `${facts.patientName} has sent a message in Rehabit (${formatMoment(facts.sentAt, facts.timeZone)}, ${facts.timeZone}).`,
      "",
      "Please read it soon: Rehabit does not read messages for warning signs, so only a person can tell whether it needs action today.",
      url,
      "",
      `You get this email because ${facts.patientName} is your patient at ${facts.clinicName}. Further messages before someone reads the thread are counted on the staff pages without another email.`,
      "For the patient's privacy this email does not include the message; sign in to read it.",
    ].join("\n"),
  };
}

/**
 * The outbox's handler for `message_email` rows (server/services/notifications/deliver-outbox.ts
 * dispatches by kind): each claimed row becomes an email, or the reason it is no longer needed.
 * Without mail settings nothing is claimed, so `settings` is there whenever this runs.
 */
export const messageEmailHandler = {
  async deliveries(
    data: ClinicData,
    ids: string[],
    context: { settings: MailSettings | null },
  ): Promise<Map<string, MessageEmailDelivery>> {
    const facts = new Map((await loadMessageEmailFacts(data, ids)).map((r) => [r.outboxId, r]));
    const out = new Map<string, MessageEmailDelivery>();
    for (const id of ids) {
      const row = facts.get(id);
      const reason = messageEmailNotNeeded(row);
      if (reason || !row || !context.settings) {
        out.set(id, { notNeeded: reason ?? MESSAGE_EMAIL_NOT_NEEDED.messageMissing });
      } else {
        const mail = composeMessageEmail(row, context.settings);
        out.set(id, { channel: "email", attempts: row.attempts, mail });
      }
    }
    return out;
  },
};

type MessageEmailDelivery =
  | { channel: "email"; attempts: number; mail: ReturnType<typeof composeMessageEmail> }
  | { notNeeded: string };
