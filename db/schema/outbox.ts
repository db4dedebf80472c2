import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { alerts } from "./alerts";
import { clinics, users } from "./clinics";
import { createdAt, id, inList, timestamp } from "./columns";
import { OUTBOX_KINDS, OUTBOX_STATUSES } from "./enums";

/**
 * The transactional outbox: a message to send is written in the same transaction as what caused
 * it (an alert), and a worker sends it after commit. A row holds who and what to tell, never the
 * text: the email is composed when it is sent, from the alert, so no health data waits here.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    kind: text("kind", { enum: OUTBOX_KINDS }).notNull(),
    /** The staff member to tell; the address is read when sending, so a change of email holds. */
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    alertId: text("alert_id").references(() => alerts.id),
    /** Makes the same message for the same cause impossible to enqueue twice. */
    dedupeKey: text("dedupe_key").notNull().unique(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** When the next try may start; a claimed row moves this ahead by the lease. */
    nextAttemptAt: timestamp("next_attempt_at").notNull(),
    /** The error code of the last failed try (never the message: it may quote an address). */
    lastError: text("last_error"),
    sentAt: timestamp("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_alert_idx").on(t.alertId),
    check("outbox_kind_check", sql.raw(inList("kind", OUTBOX_KINDS))),
    check("outbox_status_check", sql.raw(inList("status", OUTBOX_STATUSES))),
    check("outbox_attempts_check", sql`attempts >= 0`),
  ],
);
