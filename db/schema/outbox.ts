import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import type { AlertTables } from "./alerts";
import type { ClinicTables } from "./clinics";
import { createdAt, inList } from "./columns";
import { OUTBOX_KINDS, OUTBOX_STATUSES } from "./enums";

export function defineOutboxTables(
  d: Dialect,
  { clinics, users, alerts }: ClinicTables & Pick<AlertTables, "alerts">,
) {
  /**
   * The transactional outbox: a message to send is written in the same transaction as what caused
   * it (an alert), and a worker sends it after commit. A row holds who and what to tell, never the
   * text: the email is composed when it is sent, from the alert, so no health data waits here.
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
      userId: d
        .ref("user_id")
        .notNull()
        .references(() => users.id),
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
      ...d.tenantPolicies("outbox", "clinic_id"),
    ],
  );

  return { outbox };
}
