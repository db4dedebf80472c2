import { eq } from "drizzle-orm";
import type { Tx } from "@/db/engine/types";
import { outbox, patients, reminderSettings } from "@/db/schema";
import type { OutboxChannel, OutboxKind } from "@/db/schema/enums";

/** What a patient may be told: a due reminder, the 3-silent-days nudge, a new message. */
export type PatientNoticeKind = "reminder" | "nudge" | "message";

const OUTBOX_KIND_OF: Record<PatientNoticeKind, OutboxKind> = {
  reminder: "patient_reminder",
  nudge: "patient_nudge",
  message: "patient_message",
};

/** One notice per patient, kind and cause: enqueueing the same one again does nothing. */
export function patientNoticeDedupeKey(
  kind: PatientNoticeKind,
  patientId: string,
  sourceId: string,
): string {
  return `patient:${kind}:${patientId}:${sourceId}`;
}

/**
 * How the patient chose to be told, if they can be told at all now. Read by the patient's id (one
 * row, through the settings' key) and compared with `clinicId` here, like the alert recipients: a
 * patient who is not `clinicId`'s is told nothing.
 */
async function chosenChannel(
  tx: Tx,
  clinicId: string,
  patientId: string,
): Promise<OutboxChannel | null> {
  const [row] = await tx
    .select({
      channel: reminderSettings.channel,
      email: reminderSettings.email,
      settingsClinicId: reminderSettings.clinicId,
      patientClinicId: patients.clinicId,
      status: patients.status,
    })
    .from(reminderSettings)
    .innerJoin(patients, eq(patients.id, reminderSettings.patientId))
    .where(eq(reminderSettings.patientId, patientId))
    .limit(1);
  if (!row || row.settingsClinicId !== clinicId || row.patientClinicId !== clinicId) return null;
  if (row.status !== "active") return null;
  if (row.channel === "email") return row.email ? "email" : null;
  return row.channel === "push" ? "push" : null;
}

/**
 * Enqueues a notice to a patient inside the caller's transaction (the transactional outbox, like
 * alert emails): it is delivered after commit by the channel the patient chose in their reminder
 * settings, Web Push or email, and never if the transaction rolls back.
 *
 * - `kind`: "reminder" | "nudge" | "message"; the text is composed when it is sent and says only
 *   that there is something to do or read ("You have a new message from <clinic>"), never the
 *   content, which stays behind the patient's link.
 * - `sourceId`: what the notice is about, the dedupe key's last part: the patient's day for a
 *   reminder (`YYYY-MM-DD`; a late one is dropped once that day is over), the last check-in day for
 *   a nudge, the message's id for a message. The same (kind, patient, sourceId) is sent once.
 * - `clinicId` must be the patient's clinic: another clinic's patient is told nothing.
 *
 * Returns true when a notice was queued (now or by an earlier call with the same source), false
 * when the patient cannot be told: no settings, channel "none", email chosen without an address,
 * or discharged. Call `kickOutbox()` (server/services/notifications/outbox-runner) after the
 * transaction commits so it goes out at once rather than on the runner's next round.
 */
export async function enqueuePatientNotice(options: {
  tx: Tx;
  clinicId: string;
  patientId: string;
  kind: PatientNoticeKind;
  sourceId: string;
  now: Date;
}): Promise<boolean> {
  const { tx, clinicId, patientId, kind, sourceId, now } = options;
  const channel = await chosenChannel(tx, clinicId, patientId);
  if (!channel) return false;
  await tx
    .insert(outbox)
    .values({
      clinicId,
      kind: OUTBOX_KIND_OF[kind],
      patientId,
      channel,
      sourceId,
      dedupeKey: patientNoticeDedupeKey(kind, patientId, sourceId),
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey });
  return true;
}
