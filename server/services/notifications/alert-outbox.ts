import { and, eq, or } from "drizzle-orm";
import type { Tx } from "@/db/engine/types";
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
 * active, and every active admin of the patient's clinic, each once, the clinician first. Found
 * from the patient (one statement, staff joined on the patient's own clinic); a patient who is not
 * `clinicId`'s tells nobody.
 */
async function alertRecipients(tx: Tx, clinicId: string, patientId: string): Promise<string[]> {
  const people = await tx
    .select({
      id: users.id,
      patientClinicId: patients.clinicId,
      clinicianId: patients.primaryClinicianId,
    })
    .from(patients)
    .innerJoin(users, eq(users.clinicId, patients.clinicId))
    .where(
      and(
        eq(patients.id, patientId),
        eq(users.active, true),
        or(eq(users.id, patients.primaryClinicianId), eq(users.role, "admin")),
      ),
    );
  const ours = people.filter((p) => p.patientClinicId === clinicId);
  const isClinician = (p: (typeof ours)[number]) => p.id === p.clinicianId;
  return [...ours.filter(isClinician), ...ours.filter((p) => !isClinician(p))].map((p) => p.id);
}

/**
 * Called by the alert writer in the transaction that raises an alert. For a critical or high
 * alert it writes one outbox row per person to tell (the patient's clinician and the clinic's
 * active admins), to be sent after commit: if the transaction rolls back, no row remains, and
 * once it commits, no restart can lose the message. The row names who and which alert, never
 * any text; the email is composed when it is sent.
 */
export async function enqueueAlertNotifications(options: {
  tx: Tx;
  clinicId: string;
  patientId: string;
  alertId: string;
  severity: AlertSeverity;
  now: Date;
}): Promise<void> {
  const { tx, clinicId, patientId, alertId, now } = options;
  if (!EMAILED_SEVERITIES.has(options.severity)) return;
  const recipients = await alertRecipients(tx, clinicId, patientId);
  if (recipients.length === 0) return;
  await tx
    .insert(outbox)
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
    .onConflictDoNothing({ target: outbox.dedupeKey });
}
