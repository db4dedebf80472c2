import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import {
  clinics,
  outbox,
  patientLinks,
  patients,
  pushSubscriptions,
  reminderSettings,
} from "@/db/schema";
import type { OutboxChannel, OutboxKind } from "@/db/schema/enums";
import type { ClinicData } from "@/server/data/clinic-data";
import { dayInZone } from "@/server/domain/days";
import { localClock, minutesOf, QUIET_HOURS, stillTimely } from "@/server/domain/reminders";
import type { MailSettings } from "@/server/env";
import type { PushPayload, PushTarget } from "./push-send";

/** The patient's notice kinds in the outbox. */
export const PATIENT_NOTICE_KINDS = [
  "patient_reminder",
  "patient_nudge",
  "patient_message",
] as const satisfies readonly OutboxKind[];
export type PatientNoticeOutboxKind = (typeof PATIENT_NOTICE_KINDS)[number];

/** Why a patient's notice is closed without sending (kept in `last_error`, never an address). */
export const PATIENT_NOT_NEEDED = {
  patientMissing: "PATIENT_MISSING",
  discharged: "PATIENT_DISCHARGED",
  linkRevoked: "LINK_REVOKED",
  remindersOff: "REMINDERS_OFF",
  stale: "REMINDER_STALE",
  unsubscribed: "UNSUBSCRIBED",
  noSubscription: "NO_SUBSCRIPTION",
  pushOff: "PUSH_OFF",
} as const;

export interface PatientNoticeFacts {
  outboxId: string;
  kind: PatientNoticeOutboxKind;
  channel: OutboxChannel;
  attempts: number;
  createdAt: Date;
  patientId: string;
  active: boolean;
  timeZone: string;
  firstName: string;
  clinicName: string;
  /** Current settings: the patient may have turned reminders or email off since. */
  remindersOn: boolean;
  currentChannel: string;
  email: string | null;
  unsubscribeKey: string;
  linkWorks: boolean;
  subscriptions: PushTarget[];
}

/**
 * Everything a patient's notice needs, read when it is sent, as the rows' clinic: the patient,
 * their current settings, whether a link still works, their phones' subscriptions.
 */
export async function loadPatientNoticeFacts(
  data: ClinicData,
  ids: string[],
  now: Date,
): Promise<Map<string, PatientNoticeFacts>> {
  return data.read(async (db) => {
    const rows = await db
      .select({
        outboxId: outbox.id,
        kind: outbox.kind,
        channel: outbox.channel,
        attempts: outbox.attempts,
        createdAt: outbox.createdAt,
        patientId: patients.id,
        status: patients.status,
        timeZone: patients.timeZone,
        displayName: patients.displayName,
        clinicName: clinics.name,
        remindersOn: reminderSettings.remindersOn,
        currentChannel: reminderSettings.channel,
        email: reminderSettings.email,
        unsubscribeKey: reminderSettings.unsubscribeKey,
      })
      .from(outbox)
      .innerJoin(
        patients,
        and(eq(patients.id, outbox.patientId), eq(patients.clinicId, outbox.clinicId)),
      )
      .innerJoin(clinics, data.clinicIs(clinics.id))
      .innerJoin(
        reminderSettings,
        and(
          eq(reminderSettings.patientId, patients.id),
          eq(reminderSettings.clinicId, outbox.clinicId),
        ),
      )
      .where(data.mine(outbox, inArray(outbox.id, ids)));
    const patientIds = [...new Set(rows.map((r) => r.patientId))];
    if (patientIds.length === 0) return new Map();
    const links = await db
      .selectDistinct({ patientId: patientLinks.patientId })
      .from(patientLinks)
      .where(
        data.mine(
          patientLinks,
          inArray(patientLinks.patientId, patientIds),
          isNull(patientLinks.revokedAt),
          gt(patientLinks.expiresAt, now),
        ),
      );
    const subscriptions = await db
      .select({
        patientId: pushSubscriptions.patientId,
        endpoint: pushSubscriptions.endpoint,
        p256dh: pushSubscriptions.p256dh,
        auth: pushSubscriptions.auth,
      })
      .from(pushSubscriptions)
      .where(data.mine(pushSubscriptions, inArray(pushSubscriptions.patientId, patientIds)));
    const working = new Set(links.map((l) => l.patientId));
    const facts = new Map<string, PatientNoticeFacts>();
    for (const row of rows) {
      if (!row.channel || !isPatientNoticeKind(row.kind)) continue;
      facts.set(row.outboxId, {
        outboxId: row.outboxId,
        kind: row.kind,
        channel: row.channel,
        attempts: row.attempts,
        createdAt: row.createdAt,
        patientId: row.patientId,
        active: row.status === "active",
        timeZone: row.timeZone,
        firstName: row.displayName.split(" ")[0] ?? row.displayName,
        clinicName: row.clinicName,
        remindersOn: row.remindersOn,
        currentChannel: row.currentChannel,
        email: row.email,
        unsubscribeKey: row.unsubscribeKey,
        linkWorks: working.has(row.patientId),
        subscriptions: subscriptions
          .filter((s) => s.patientId === row.patientId)
          .map(({ endpoint, p256dh, auth }) => ({ endpoint, p256dh, auth })),
      });
    }
    return facts;
  });
}

export function isPatientNoticeKind(kind: string): kind is PatientNoticeOutboxKind {
  return (PATIENT_NOTICE_KINDS as readonly string[]).includes(kind);
}

/**
 * Why a patient's notice should not go out any more, or null to send it. A reminder or nudge is
 * dropped once the patient's day it was queued on is over, or in quiet hours (decision 032): a
 * late reminder is only worth it the same day. A message notice waits for nothing but a channel.
 */
export function patientNoticeNotNeeded(
  facts: PatientNoticeFacts | undefined,
  context: { now: Date; pushReady: boolean },
): string | null {
  if (!facts) return PATIENT_NOT_NEEDED.patientMissing;
  if (!facts.active) return PATIENT_NOT_NEEDED.discharged;
  if (!facts.linkWorks) return PATIENT_NOT_NEEDED.linkRevoked;
  if (facts.kind !== "patient_message") {
    if (!facts.remindersOn) return PATIENT_NOT_NEEDED.remindersOff;
    const day = dayInZone(facts.createdAt, facts.timeZone);
    if (!stillTimely({ now: context.now, timeZone: facts.timeZone, day })) {
      return PATIENT_NOT_NEEDED.stale;
    }
  }
  if (facts.channel === "email") {
    if (facts.currentChannel !== "email" || !facts.email) return PATIENT_NOT_NEEDED.unsubscribed;
  } else {
    if (!context.pushReady) return PATIENT_NOT_NEEDED.pushOff;
    if (facts.subscriptions.length === 0) return PATIENT_NOT_NEEDED.noSubscription;
  }
  return null;
}

/** The words of each notice: that there is something to do or read, never what. */
function wordsOf(facts: PatientNoticeFacts): { title: string; body: string; path: string } {
  switch (facts.kind) {
    case "patient_reminder":
      return {
        title: "Time for your exercises",
        body: `Your plan from ${facts.clinicName} is ready for today.`,
        path: "/p",
      };
    case "patient_nudge":
      return {
        title: "We have not heard from you for a few days",
        body: "Open your plan when you can. Even one session helps.",
        path: "/p",
      };
    case "patient_message":
      return {
        title: `New message from ${facts.clinicName}`,
        body: "Open your plan to read it.",
        path: "/p/messages",
      };
  }
}

export function pushPayloadOf(facts: PatientNoticeFacts): PushPayload {
  const { title, body, path } = wordsOf(facts);
  return { title, body, url: path, tag: `rehabit-${facts.kind.replace("patient_", "")}` };
}

/**
 * How long the push service may hold a notice before it is pointless: a reminder until quiet
 * hours start on the patient's clock (at least a minute), a message for a day.
 */
export function pushTtlSeconds(facts: PatientNoticeFacts, now: Date): number {
  if (facts.kind === "patient_message") return 86_400;
  const left = minutesOf(QUIET_HOURS.from) - localClock(now, facts.timeZone).minutes;
  return Math.max(60, left * 60);
}

/** The address of the one-tap unsubscribe page and its RFC 8058 one-click endpoint. */
export function unsubscribeUrls(appUrl: string, key: string) {
  return {
    page: `${appUrl}/unsubscribe/${encodeURIComponent(key)}`,
    oneClick: `${appUrl}/api/reminders/unsubscribe/${encodeURIComponent(key)}`,
  };
}

/** The email of a patient's notice, in plain text, with a one-tap unsubscribe. */
export function composePatientNoticeEmail(facts: PatientNoticeFacts, settings: MailSettings) {
  const { title, body, path } = wordsOf(facts);
  const host = new URL(settings.appUrl).hostname || "rehabit.invalid";
  const unsubscribe = unsubscribeUrls(settings.appUrl, facts.unsubscribeKey);
  return {
    from: settings.from,
    to: facts.email ?? "",
    subject: title,
    messageId: `<outbox.${facts.outboxId}@${host}>`,
    priority: "normal" as const,
    headers: {
      "Auto-Submitted": "auto-generated",
      // RFC 8058: mail apps show their own "Unsubscribe" button, which posts here in one tap.
      "List-Unsubscribe": `<${unsubscribe.oneClick}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    text: [
      `Hello ${facts.firstName},`,
      "",
      body,
      "",
      "Open your plan on the phone where you saved your link from the clinic:",
      `${settings.appUrl}${path}`,
      "",
      `You get this email because you asked ${facts.clinicName}'s Rehabit plan to remind you by email.`,
      "To stop these emails, open this link (one tap):",
      unsubscribe.page,
    ].join("\n"),
  };
}

/** Forgets a phone whose push service says the subscription is gone. */
export function forgetSubscription(data: ClinicData, endpoint: string) {
  return data.write((tx) =>
    tx
      .delete(pushSubscriptions)
      .where(data.mine(pushSubscriptions, eq(pushSubscriptions.endpoint, endpoint)))
      .returning({ id: pushSubscriptions.id }),
  );
}
