import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import type { AlertTables } from "./alerts";
import type { ClinicTables } from "./clinics";
import { createdAt, inList } from "./columns";
import { OUTBOX_CHANNELS, OUTBOX_KINDS, OUTBOX_STATUSES } from "./enums";
import type { PatientTables } from "./patients";

export function defineOutboxTables(
  d: Dialect,
  {
    clinics,
    users,
    alerts,
    patients,
  }: ClinicTables & Pick<AlertTables, "alerts"> & Pick<PatientTables, "patients">,
) {
  /**
   * The transactional outbox: a message to send is written in the same transaction as what caused
   * it (an alert, a due reminder, a message), and a worker sends it after commit. A row holds who
   * and what to tell, never the text: the message is composed when it is sent, so no health data
   * waits here. It goes either to a staff member (`user_id`) or to a patient (`patient_id`, by the
   * `channel` the patient had chosen when it was enqueued), never both.
   */
  const outbox = d.table(
    "outbox",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      kind: d.enumText("kind", OUTBOX_KINDS).notNull(),
      /** The staff member to tell; the address is read when sending, so a change of email holds. */
      userId: d.ref("user_id").references(() => users.id),
      /** The patient to tell (reminders, nudges, a clinician's message). */
      patientId: d.ref("patient_id").references(() => patients.id),
      /** How a patient is told: Web Push or email; null for staff (always email). */
      channel: d.enumText("channel", OUTBOX_CHANNELS),
      /**
       * What the message is about, besides an alert: the patient's day a reminder is for (a late
       * reminder is sent only within that day), the message a notice announces.
       */
      sourceId: d.text("source_id"),
      alertId: d.ref("alert_id").references(() => alerts.id),
      /** Makes the same message for the same cause impossible to enqueue twice. */
      dedupeKey: d.text("dedupe_key").notNull().unique(),
      status: d.enumText("status", OUTBOX_STATUSES).notNull().default("pending"),
      attempts: d.int("attempts").notNull().default(0),
      /** When the next try may start; a claimed row moves this ahead by the lease. */
      nextAttemptAt: d.timestamp("next_attempt_at").notNull(),
      /** The error code of the last failed try (never the message: it may quote an address). */
      lastError: d.text("last_error"),
      sentAt: d.timestamp("sent_at"),
      createdAt: createdAt(d),
    },
    (t) => [
      d.index("outbox_due_idx").on(t.status, t.nextAttemptAt),
      d.index("outbox_alert_idx").on(t.alertId),
      d.check("outbox_kind_check", sql.raw(inList("kind", OUTBOX_KINDS))),
      d.check("outbox_status_check", sql.raw(inList("status", OUTBOX_STATUSES))),
      d.check("outbox_attempts_check", sql`attempts >= 0`),
      d.check("outbox_recipient_check", sql`(user_id is null) <> (patient_id is null)`),
      d.check(
        "outbox_channel_check",
        sql.raw(`channel is null or ${inList("channel", OUTBOX_CHANNELS)}`),
      ),
      ...d.tenantPolicies("outbox", "clinic_id"),
    ],
  );

  return { outbox };
}
