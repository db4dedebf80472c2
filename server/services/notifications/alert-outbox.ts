import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { outbox, patients, users } from "@/db/schema";
import type { AlertSeverity } from "@/db/schema/enums";

/** Only these are worth an email the moment they are raised; the rest wait in /alerts. */
const EMAILED_SEVERITIES: ReadonlySet<AlertSeverity> = new Set(["critical", "high"]);

/** One message per alert and person: enqueueing the same pair again does nothing. */
export function alertEmailDedupeKey(alertId: string, userId: string): string {
  return `alert:${alertId}:${userId}`;
}

/**
 * Who is told about a patient's alert: the patient's primary clinician while their account is
 * active, and every active admin of the clinic, each once.
 */
function alertRecipients(tx: DbOrTx, clinicId: string, patientId: string): string[] {
  const clinician = tx
    .select({ id: users.id })
    .from(patients)
    .innerJoin(users, eq(users.id, patients.primaryClinicianId))
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, clinicId), eq(users.active, true)))
    .get();
  const admins = tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.clinicId, clinicId), eq(users.role, "admin"), eq(users.active, true)))
    .all();
  return [...new Set([...(clinician ? [clinician.id] : []), ...admins.map((a) => a.id)])];
}

/**
 * Called by the alert writer in the transaction that raises an alert. For a critical or high
 * alert it writes one outbox row per person to tell (the patient's clinician and the clinic's
 * active admins), to be sent after commit: if the transaction rolls back, no row remains, and
 * once it commits, no restart can lose the message. The row names who and which alert, never
 * any text; the email is composed when it is sent.
 */
export function enqueueAlertNotifications(options: {
  tx: DbOrTx;
  clinicId: string;
  patientId: string;
  alertId: string;
  severity: AlertSeverity;
  now: Date;
}): void {
  const { tx, clinicId, patientId, alertId, now } = options;
  if (!EMAILED_SEVERITIES.has(options.severity)) return;
  const recipients = alertRecipients(tx, clinicId, patientId);
  if (recipients.length === 0) return;
  tx.insert(outbox)
    .values(
      recipients.map((userId) => ({
        clinicId,
        kind: "alert_email" as const,
        userId,
        alertId,
        dedupeKey: alertEmailDedupeKey(alertId, userId),
        nextAttemptAt: now,
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .run();
}
