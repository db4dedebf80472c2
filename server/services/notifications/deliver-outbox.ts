import { and, asc, eq, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import nodemailer from "nodemailer";
import { alerts, clinics, outbox, patients, users } from "@/db/schema";
import type { OutboxKind } from "@/db/schema/enums";
import type { ClinicData, SystemData } from "@/server/data/clinic-data";
import type { MailSettings } from "@/server/env";
import {
  composePatientNoticeEmail,
  forgetSubscription,
  loadPatientNoticeFacts,
  PATIENT_NOT_NEEDED,
  patientNoticeNotNeeded,
  pushPayloadOf,
  pushTtlSeconds,
} from "@/server/services/patient-notify/notice-delivery";
import type {
  PushPayload,
  PushSender,
  PushTarget,
} from "@/server/services/patient-notify/push-send";
import { messageEmailHandler } from "@/server/services/messages/message-email";
import { perConnection, placeholder } from "../prepared";
import { composeAlertEmail, type AlertEmailFacts } from "./alert-email";
import { attemptsExhausted, errorCodeOf, retryDelayMs } from "./retry-schedule";

/** An email as the outbox hands it to the mail server. */
export interface OutboxMail {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  priority: "high" | "normal";
  headers: Record<string, string>;
  text: string;
}

/** The part of a nodemailer transport the worker uses; tests may pass their own. */
export interface OutboxTransport {
  sendMail(message: OutboxMail): Promise<unknown>;
  close(): void;
}

/** Web Push for the patients' notices; null when the server has no VAPID keys. */
export interface OutboxPush {
  send: PushSender;
}

/**
 * How long a claimed row is reserved for the runner that claimed it. It is far longer than one
 * send can take (the transport gives up after at most 40 s), so no other runner claims a row
 * while it is being sent; a runner that dies mid-send frees its rows when the lease ends.
 */
export const OUTBOX_LEASE_MS = 5 * 60_000;
/** Rows claimed per round; a full round is followed by another. */
export const OUTBOX_BATCH = 25;

/**
 * Why a row was closed without sending. Stored in `last_error` of a `failed` row; these are not
 * delivery problems, so the team page does not count them as emails that could not be sent.
 */
export const NOT_NEEDED = {
  alertResolved: "ALERT_RESOLVED",
  recipientInactive: "RECIPIENT_INACTIVE",
  alertMissing: "ALERT_MISSING",
  ...PATIENT_NOT_NEEDED,
} as const;

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
  notNeeded: number;
  /** Rows whose lease ran out before their result was recorded (another runner may have sent). */
  leaseLost: number;
  errorCodes: string[];
}

interface Claim {
  id: string;
  clinicId: string;
  kind: OutboxKind;
  leaseUntil: Date;
}

/**
 * The rows a runner can send now: email needs the mail settings, Web Push the VAPID keys; the
 * others stay pending until the server has them.
 */
function sendable(mail: boolean, push: boolean): SQL | undefined {
  if (mail && push) return undefined;
  if (mail) return or(isNull(outbox.channel), ne(outbox.channel, "push"));
  return eq(outbox.channel, "push");
}

/**
 * Claims due rows: pending and due by `now`. The rows' next try moves ahead by the lease, and the
 * update itself re-checks "pending and due" as it changes each row, returning the rows it took: on
 * SQLite the single writer runs two claims one after the other; on PostgreSQL a second runner that
 * picked the same rows waits for the first one's commit, then finds them leased and leaves them.
 * So two runners, in this process or on another server, never claim the same row at once. The
 * outbox is no one clinic's: the system path.
 */
/** What this runner can send: every channel, email only, or push only (see `sendable`). */
type Channels = "all" | "mail" | "push";

function channelsOf(mail: boolean, push: boolean): Channels {
  return mail && push ? "all" : mail ? "mail" : "push";
}

/**
 * "Is anything due?", read before taking the writer: the outbox is kicked after every answer, and
 * nearly every answer queues nothing, so a read that finds nothing spares a write transaction on
 * the one writer the answers queue for (decision 034). Prepared once per connection, per set of
 * channels.
 */
const dueProbe = perConnection((db) => {
  const probe = (channels: Channels, only: SQL | undefined) =>
    db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.status, "pending"),
          lte(outbox.nextAttemptAt, sql`${placeholder("now")}`),
          only,
        ),
      )
      .limit(1)
      .prepare(`outbox_due_probe_${channels}`);
  return {
    all: probe("all", sendable(true, true)),
    mail: probe("mail", sendable(true, false)),
    push: probe("push", sendable(false, true)),
  } satisfies Record<Channels, unknown>;
});

async function anythingDue(system: SystemData, now: Date, channels: Channels): Promise<boolean> {
  const rows = await system.read((db) =>
    dueProbe(db)[channels].execute({ now: outbox.nextAttemptAt.mapToDriverValue(now) }),
  );
  return rows.length > 0;
}

async function claimDue(
  system: SystemData,
  now: Date,
  limit: number,
  only: SQL | undefined,
): Promise<Claim[]> {
  return system.write(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), only))
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(limit);
    if (due.length === 0) return [];
    const leaseUntil = new Date(now.getTime() + OUTBOX_LEASE_MS);
    const claimed = await tx
      .update(outbox)
      .set({ nextAttemptAt: leaseUntil })
      .where(
        and(
          inArray(
            outbox.id,
            due.map((r) => r.id),
          ),
          eq(outbox.status, "pending"),
          lte(outbox.nextAttemptAt, now),
        ),
      )
      .returning({ id: outbox.id, clinicId: outbox.clinicId, kind: outbox.kind });
    const claimedById = new Map(claimed.map((r) => [r.id, r]));
    // In the order they were due.
    return due.flatMap(({ id }) => {
      const row = claimedById.get(id);
      return row === undefined ? [] : [{ id, clinicId: row.clinicId, kind: row.kind, leaseUntil }];
    });
  });
}

/**
 * Everything an email needs, read when it is sent: a renamed patient or new address holds. Read
 * as the rows' clinic: each message is about that clinic's alert, to that clinic's staff.
 */
function loadFacts(data: ClinicData, ids: string[]) {
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
        primaryClinicianId: patients.primaryClinicianId,
        kind: alerts.kind,
        severity: alerts.severity,
        alertStatus: alerts.status,
        openedAt: alerts.openedAt,
      })
      .from(outbox)
      .innerJoin(users, and(eq(users.id, outbox.userId), eq(users.clinicId, outbox.clinicId)))
      .innerJoin(clinics, data.clinicIs(clinics.id))
      .innerJoin(alerts, and(eq(alerts.id, outbox.alertId), eq(alerts.clinicId, outbox.clinicId)))
      .innerJoin(
        patients,
        and(eq(patients.id, alerts.patientId), eq(patients.clinicId, alerts.clinicId)),
      )
      .where(data.mine(outbox, inArray(outbox.id, ids))),
  );
}

type Facts = Awaited<ReturnType<typeof loadFacts>>[number];

/** What a claimed row turns into once its facts are read: an email, a push, or nothing. */
type Delivery =
  | { channel: "email"; attempts: number; mail: OutboxMail }
  | {
      channel: "push";
      attempts: number;
      payload: PushPayload;
      targets: PushTarget[];
      ttlSeconds: number;
    }
  | { notNeeded: string };

interface DeliveryContext {
  now: Date;
  settings: MailSettings | null;
  push: OutboxPush | null;
}

/**
 * How one kind of message is delivered: its facts are read when it is sent (a renamed patient, a
 * new address, a resolved alert hold), then it becomes a delivery or a reason not to send. A new
 * kind of message adds its entry here (and to OUTBOX_KINDS).
 */
interface KindHandler {
  deliveries(
    data: ClinicData,
    ids: string[],
    context: DeliveryContext,
  ): Promise<Map<string, Delivery>>;
}

const alertEmail: KindHandler = {
  async deliveries(data, ids, { settings }) {
    const out = new Map<string, Delivery>();
    const facts = new Map((await loadFacts(data, ids)).map((row) => [row.outboxId, row]));
    for (const id of ids) {
      const row = facts.get(id);
      const reason = notNeededReason(row);
      if (reason || !row || !settings) {
        out.set(id, { notNeeded: reason ?? NOT_NEEDED.alertMissing });
      } else {
        out.set(id, {
          channel: "email",
          attempts: row.attempts,
          mail: composeAlertEmail(emailFacts(row), settings),
        });
      }
    }
    return out;
  },
};

const patientNotice: KindHandler = {
  async deliveries(data, ids, { now, settings, push }) {
    const out = new Map<string, Delivery>();
    const facts = await loadPatientNoticeFacts(data, ids, now);
    for (const id of ids) {
      const row = facts.get(id);
      const reason = patientNoticeNotNeeded(row, { now, pushReady: push !== null });
      if (reason || !row) {
        out.set(id, { notNeeded: reason ?? NOT_NEEDED.patientMissing });
      } else if (row.channel === "email") {
        if (!settings) out.set(id, { notNeeded: NOT_NEEDED.unsubscribed });
        else {
          out.set(id, {
            channel: "email",
            attempts: row.attempts,
            mail: composePatientNoticeEmail(row, settings),
          });
        }
      } else {
        out.set(id, {
          channel: "push",
          attempts: row.attempts,
          payload: pushPayloadOf(row),
          targets: row.subscriptions,
          ttlSeconds: pushTtlSeconds(row, now),
        });
      }
    }
    return out;
  },
};

/** The dispatch by kind: every kind the outbox holds has its handler (the compiler checks). */
const HANDLERS: Record<OutboxKind, KindHandler> = {
  alert_email: alertEmail,
  patient_reminder: patientNotice,
  patient_nudge: patientNotice,
  patient_message: patientNotice,
  message_email: messageEmailHandler,
};

/** The deliveries of every claimed row, each clinic's read as that clinic's, each kind by its handler. */
async function loadAllDeliveries(
  system: SystemData,
  claims: readonly Claim[],
  context: DeliveryContext,
) {
  const groups = new Map<string, { clinicId: string; kind: OutboxKind; ids: string[] }>();
  for (const claim of claims) {
    const key = `${claim.clinicId} ${claim.kind}`;
    const group = groups.get(key) ?? { clinicId: claim.clinicId, kind: claim.kind, ids: [] };
    group.ids.push(claim.id);
    groups.set(key, group);
  }
  const deliveries = new Map<string, Delivery>();
  for (const { clinicId, kind, ids } of groups.values()) {
    const found = await HANDLERS[kind].deliveries(system.forClinic(clinicId), ids, context);
    for (const [id, delivery] of found) deliveries.set(id, delivery);
  }
  return deliveries;
}

/** The row is still ours: pending, with the lease this runner set. */
const stillClaimed = (claim: Claim) =>
  and(
    eq(outbox.id, claim.id),
    eq(outbox.status, "pending"),
    eq(outbox.nextAttemptAt, claim.leaseUntil),
  );

type OutboxChange = Partial<typeof outbox.$inferInsert>;

/**
 * Changes a claimed row only while it is still this runner's (one statement, so it holds on any
 * engine at any isolation); false when its lease ran out and another runner took it.
 */
async function updateClaimed(
  system: SystemData,
  claim: Claim,
  change: OutboxChange,
): Promise<boolean> {
  const data = system.forClinic(claim.clinicId);
  const changed = await data.write((tx) =>
    tx
      .update(outbox)
      .set(change)
      .where(data.mine(outbox, stillClaimed(claim)))
      .returning({ id: outbox.id }),
  );
  return changed.length > 0;
}

function markSent(system: SystemData, claim: Claim, attempts: number, at: Date) {
  return updateClaimed(system, claim, {
    status: "sent",
    sentAt: at,
    attempts: attempts + 1,
    lastError: null,
  });
}

/** A failed try: counted, its code kept, and the next one scheduled (or the row given up). */
function markFailedTry(system: SystemData, claim: Claim, attempts: number, code: string, at: Date) {
  const tries = attempts + 1;
  const givenUp = attemptsExhausted(tries);
  return updateClaimed(system, claim, {
    attempts: tries,
    lastError: code,
    ...(givenUp
      ? { status: "failed" as const }
      : { nextAttemptAt: new Date(at.getTime() + retryDelayMs(tries)) }),
  });
}

/**
 * Renews the row's lease just before it is sent, so the lease always covers the send itself however
 * long the batch took so far. Null when another runner took the row over after the first lease.
 */
async function renewLease(system: SystemData, claim: Claim, at: Date): Promise<Claim | null> {
  const leaseUntil = new Date(at.getTime() + OUTBOX_LEASE_MS);
  const renewed = await updateClaimed(system, claim, { nextAttemptAt: leaseUntil });
  return renewed ? { ...claim, leaseUntil } : null;
}

/**
 * An error without an SMTP reply code means the mail server could not be reached or talked to
 * (refused, timed out, TLS, sign-in): the rest of the batch would fail the same way.
 */
function serverUnreachable(error: unknown): boolean {
  return typeof (error as { responseCode?: unknown } | null)?.responseCode !== "number";
}

function markNotNeeded(system: SystemData, claim: Claim, reason: string) {
  return updateClaimed(system, claim, { status: "failed", lastError: reason });
}

/** Why this row should not be sent any more, or null to send it. */
function notNeededReason(facts: Facts | undefined): string | null {
  if (!facts) return NOT_NEEDED.alertMissing;
  // Emails about an alert someone already closed would only be noise (for example when mail is
  // configured weeks after the alert was raised).
  if (facts.alertStatus === "resolved") return NOT_NEEDED.alertResolved;
  if (!facts.recipientActive) return NOT_NEEDED.recipientInactive;
  return null;
}

function emailFacts(facts: Facts): AlertEmailFacts {
  return {
    outboxId: facts.outboxId,
    to: facts.to,
    recipientName: facts.recipientName,
    reason: facts.primaryClinicianId === facts.userId ? "clinician" : "admin",
    clinicName: facts.clinicName,
    timeZone: facts.timeZone,
    patientId: facts.patientId,
    patientName: facts.patientName,
    kind: facts.kind,
    severity: facts.severity,
    openedAt: facts.openedAt,
  };
}

export function createMailTransport(settings: MailSettings): OutboxTransport {
  return nodemailer.createTransport({
    url: settings.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
}

/**
 * Sends the outbox's due messages once: claims them (see `claimDue`), sends each by its channel
 * (email by SMTP, a patient's notice by Web Push when they chose it) and records the result. A
 * message is marked sent only after the mail server or a push service accepted it; a failure
 * counts a try, keeps the error code and schedules the next try with backoff.
 *
 * The one window left: the server accepts a message and the process stops before "sent" is
 * written. The row's lease then runs out and the message is sent again, an email with the same
 * Message-ID and a push with the same tag (the phone replaces the first), so the copy shows once
 * or not at all. Losing an alert would be worse than a rare copy.
 *
 * Without mail settings no email is claimed, without VAPID keys no push: those rows stay pending
 * and are sent once the server has them (unless they are no longer needed by then).
 */
export async function deliverOutbox(options: {
  system: SystemData;
  now: Date;
  settings: MailSettings | null;
  push?: OutboxPush | null;
  transport?: OutboxTransport;
  batchSize?: number;
}): Promise<DeliveryReport> {
  const { system, settings } = options;
  const push = options.push ?? null;
  const report: DeliveryReport = {
    sent: 0,
    retrying: 0,
    failed: 0,
    notNeeded: 0,
    leaseLost: 0,
    errorCodes: [],
  };
  if (!settings && !push) return report;
  if (!(await anythingDue(system, options.now, channelsOf(settings !== null, push !== null)))) {
    return report;
  }
  const claims = await claimDue(
    system,
    options.now,
    options.batchSize ?? OUTBOX_BATCH,
    sendable(settings !== null, push !== null),
  );
  if (claims.length === 0) return report;

  // Results are timed from the run's `now` plus the time the sending took.
  const startedAt = Date.now();
  const clock = () => new Date(options.now.getTime() + (Date.now() - startedAt));
  const deliveries = await loadAllDeliveries(system, claims, {
    now: options.now,
    settings,
    push,
  });
  const recordFailure = async (claim: Claim, attempts: number, code: string) => {
    if (!(await markFailedTry(system, claim, attempts, code, clock()))) report.leaseLost++;
    else if (attemptsExhausted(attempts + 1)) report.failed++;
    else report.retrying++;
  };
  const recordNotNeeded = async (claim: Claim, reason: string) => {
    if (await markNotNeeded(system, claim, reason)) report.notNeeded++;
    else report.leaseLost++;
  };
  const recordSent = async (claim: Claim, attempts: number) => {
    if (await markSent(system, claim, attempts, clock())) report.sent++;
    else report.leaseLost++;
  };
  let transport = options.transport;
  /** Set once the mail server is unreachable: the remaining emails count this try as failed too. */
  let unreachable: string | null = null;
  try {
    for (const first of claims) {
      const delivery = deliveries.get(first.id) ?? { notNeeded: NOT_NEEDED.alertMissing };
      if ("notNeeded" in delivery) {
        await recordNotNeeded(first, delivery.notNeeded);
        continue;
      }
      if (delivery.channel === "email" && unreachable) {
        await recordFailure(first, delivery.attempts, unreachable);
        continue;
      }
      const claim = await renewLease(system, first, clock());
      if (!claim) {
        report.leaseLost++;
        continue;
      }
      if (delivery.channel === "push") {
        // A push row is only claimed with push set up (see `sendable`).
        const outcome = await sendPush(system.forClinic(claim.clinicId), push!, delivery);
        if (outcome.ok) await recordSent(claim, delivery.attempts);
        else if (outcome.allGone) await recordNotNeeded(claim, NOT_NEEDED.noSubscription);
        else {
          report.errorCodes.push(outcome.code);
          await recordFailure(claim, delivery.attempts, outcome.code);
        }
        continue;
      }
      transport ??= createMailTransport(settings!);
      // The send happens outside any transaction: nothing is held open while the mail server
      // answers. Only the send's own failure counts as a failed try; a database failure after
      // the server accepted the message stops the run, and the lease brings the row back.
      let accepted = false;
      try {
        await transport.sendMail(delivery.mail);
        accepted = true;
      } catch (error) {
        const code = errorCodeOf(error);
        report.errorCodes.push(code);
        if (serverUnreachable(error)) unreachable = code;
        await recordFailure(claim, delivery.attempts, code);
      }
      if (accepted) await recordSent(claim, delivery.attempts);
    }
  } finally {
    if (transport && !options.transport) transport.close();
  }
  return report;
}

/**
 * Sends a notice to each of the patient's phones. Sent when at least one push service accepted
 * it; a phone whose subscription is gone (404, 410) is forgotten; when every phone is gone there
 * is no one left to tell.
 */
async function sendPush(
  data: ClinicData,
  push: OutboxPush,
  delivery: Extract<Delivery, { channel: "push" }>,
): Promise<{ ok: true } | { ok: false; allGone: boolean; code: string }> {
  let sent = 0;
  let gone = 0;
  let code = "PUSH_FAILED";
  for (const target of delivery.targets) {
    const outcome = await push.send(target, delivery.payload, delivery.ttlSeconds);
    if (outcome.ok) sent++;
    else {
      code = outcome.code;
      if (outcome.gone) {
        gone++;
        await forgetSubscription(data, target.endpoint);
      }
    }
  }
  if (sent > 0) return { ok: true };
  return { ok: false, allGone: gone === delivery.targets.length, code };
}

/** One log line of counts and error codes: never an address, a name or an alert's content. */
export function describeDelivery(report: DeliveryReport): string | null {
  const parts = [
    report.sent ? `${report.sent} sent` : null,
    report.retrying ? `${report.retrying} to retry` : null,
    report.failed ? `${report.failed} given up` : null,
    report.notNeeded ? `${report.notNeeded} no longer needed` : null,
    report.leaseLost ? `${report.leaseLost} claimed by another runner` : null,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  const codes = [...new Set(report.errorCodes)];
  return `[outbox] ${parts.join(", ")}${codes.length ? ` (${codes.join(", ")})` : ""}`;
}
