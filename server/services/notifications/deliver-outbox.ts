import { and, asc, eq, inArray, lte } from "drizzle-orm";
import nodemailer from "nodemailer";
import { alerts, clinics, outbox, patients, users } from "@/db/schema";
import type { ClinicData, SystemData } from "@/server/data/clinic-data";
import type { MailSettings } from "@/server/env";
import { composeAlertEmail, type AlertEmailFacts } from "./alert-email";
import { attemptsExhausted, errorCodeOf, retryDelayMs } from "./retry-schedule";

/** The part of a nodemailer transport the worker uses; tests may pass their own. */
export interface OutboxTransport {
  sendMail(message: ReturnType<typeof composeAlertEmail>): Promise<unknown>;
  close(): void;
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
  leaseUntil: Date;
}

/**
 * Claims due rows: pending and due by `now`. The rows' next try moves ahead by the lease, and the
 * update itself re-checks "pending and due" as it changes each row, returning the rows it took: on
 * SQLite the single writer runs two claims one after the other; on PostgreSQL a second runner that
 * picked the same rows waits for the first one's commit, then finds them leased and leaves them.
 * So two runners, in this process or on another server, never claim the same row at once. The
 * outbox is no one clinic's: the system path.
 */
async function claimDue(system: SystemData, now: Date, limit: number): Promise<Claim[]> {
  return system.write(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
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
      .returning({ id: outbox.id, clinicId: outbox.clinicId });
    const clinicOf = new Map(claimed.map((r) => [r.id, r.clinicId]));
    // In the order they were due.
    return due.flatMap(({ id }) => {
      const clinicId = clinicOf.get(id);
      return clinicId === undefined ? [] : [{ id, clinicId, leaseUntil }];
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

/** The facts of every claimed row, each clinic's read as that clinic's. */
async function loadAllFacts(system: SystemData, claims: readonly Claim[]) {
  const idsByClinic = new Map<string, string[]>();
  for (const claim of claims) {
    const ids = idsByClinic.get(claim.clinicId) ?? [];
    ids.push(claim.id);
    idsByClinic.set(claim.clinicId, ids);
  }
  const facts = new Map<string, Facts>();
  for (const [clinicId, ids] of idsByClinic) {
    for (const row of await loadFacts(system.forClinic(clinicId), ids))
      facts.set(row.outboxId, row);
  }
  return facts;
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
 * Sends the outbox's due messages once: claims them (see `claimDue`), sends each by SMTP and
 * records the result. A message is marked sent only after the mail server accepted it; a failure
 * counts a try, keeps the error code and schedules the next try with backoff.
 *
 * The one window left: the mail server accepts a message and the process stops before "sent" is
 * written. The row's lease then runs out and the message is sent again, with the same Message-ID,
 * so a receiving server or mail client that removes duplicates shows it once. Losing an alert
 * email would be worse than a rare copy.
 *
 * Without mail settings nothing is claimed: rows stay pending and are sent once mail is set up
 * (unless their alert was resolved by then).
 */
export async function deliverOutbox(options: {
  system: SystemData;
  now: Date;
  settings: MailSettings | null;
  transport?: OutboxTransport;
  batchSize?: number;
}): Promise<DeliveryReport> {
  const { system, settings } = options;
  const report: DeliveryReport = {
    sent: 0,
    retrying: 0,
    failed: 0,
    notNeeded: 0,
    leaseLost: 0,
    errorCodes: [],
  };
  if (!settings) return report;
  const claims = await claimDue(system, options.now, options.batchSize ?? OUTBOX_BATCH);
  if (claims.length === 0) return report;

  // Results are timed from the run's `now` plus the time the sending took.
  const startedAt = Date.now();
  const clock = () => new Date(options.now.getTime() + (Date.now() - startedAt));
  const facts = await loadAllFacts(system, claims);
  const recordFailure = async (claim: Claim, attempts: number, code: string) => {
    if (!(await markFailedTry(system, claim, attempts, code, clock()))) report.leaseLost++;
    else if (attemptsExhausted(attempts + 1)) report.failed++;
    else report.retrying++;
  };
  let transport = options.transport;
  /** Set once the server is unreachable: the remaining rows count this try as failed too. */
  let unreachable: string | null = null;
  try {
    for (const first of claims) {
      const row = facts.get(first.id);
      const reason = notNeededReason(row);
      if (reason || !row) {
        if (await markNotNeeded(system, first, reason ?? NOT_NEEDED.alertMissing)) {
          report.notNeeded++;
        } else report.leaseLost++;
        continue;
      }
      if (unreachable) {
        await recordFailure(first, row.attempts, unreachable);
        continue;
      }
      const claim = await renewLease(system, first, clock());
      if (!claim) {
        report.leaseLost++;
        continue;
      }
      transport ??= createMailTransport(settings);
      // The send happens outside any transaction: nothing is held open while the mail server
      // answers. Only the send's own failure counts as a failed try; a database failure after
      // the server accepted the message stops the run, and the lease brings the row back.
      let accepted = false;
      try {
        await transport.sendMail(composeAlertEmail(emailFacts(row), settings));
        accepted = true;
      } catch (error) {
        const code = errorCodeOf(error);
        report.errorCodes.push(code);
        if (serverUnreachable(error)) unreachable = code;
        await recordFailure(claim, row.attempts, code);
      }
      if (!accepted) continue;
      if (await markSent(system, claim, row.attempts, clock())) report.sent++;
      else report.leaseLost++;
    }
  } finally {
    if (transport && !options.transport) transport.close();
  }
  return report;
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
