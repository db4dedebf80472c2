import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import type { ClinicTables } from "./clinics";
import { createdAt, inList } from "./columns";
import { MESSAGE_AUTHOR_KINDS, MESSAGE_MAX_LENGTH } from "./enums";
import type { PatientTables } from "./patients";

export function defineMessageTables(
  d: Dialect,
  { clinics, users, patients }: ClinicTables & Pick<PatientTables, "patients">,
) {
  /**
   * One conversation per patient between the patient (on the phone, through the link) and the
   * clinic's staff (issue 16). Made with the first message; `last_message_at` orders threads.
   */
  const messageThreads = d.table(
    "message_threads",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      patientId: d
        .ref("patient_id")
        .notNull()
        .unique()
        .references(() => patients.id),
      createdAt: createdAt(d),
      lastMessageAt: d.timestamp("last_message_at").notNull(),
    },
    () => [...d.tenantPolicies("message_threads", "clinic_id")],
  );

  /**
   * A message of a thread: its text (health data: never in logs or audit rows), who wrote it, and
   * the other side's read receipt. Never edited or deleted; only the receipt is set, once.
   */
  const messages = d.table(
    "messages",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      threadId: d
        .ref("thread_id")
        .notNull()
        .references(() => messageThreads.id),
      /** Copied from the thread so a thread and its counts read one index. */
      patientId: d
        .ref("patient_id")
        .notNull()
        .references(() => patients.id),
      authorKind: d.enumText("author_kind", MESSAGE_AUTHOR_KINDS).notNull(),
      /** The staff member who wrote it; null for the patient's own messages. */
      authorUserId: d.ref("author_user_id").references(() => users.id),
      body: d.text("body").notNull(),
      /**
       * Made on the phone when the patient taps Send, so a message re-sent from the phone's
       * outbox is stored once; staff answers carry the form's key the same way.
       */
      idempotencyKey: d.text("idempotency_key").notNull().unique(),
      /** When the patient tapped Send (or the staff member answered). */
      sentAt: d.timestamp("sent_at").notNull(),
      createdAt: createdAt(d),
      /** A staff message's receipt: when the patient first saw it. */
      readByPatientAt: d.timestamp("read_by_patient_at"),
      /** A patient message's receipt: when someone at the clinic first saw it, and who. */
      readByStaffAt: d.timestamp("read_by_staff_at"),
      readByUserId: d.ref("read_by_user_id").references(() => users.id),
    },
    (t) => [
      d.index("messages_patient_created_idx").on(t.patientId, t.createdAt),
      d.check("messages_author_kind_check", sql.raw(inList("author_kind", MESSAGE_AUTHOR_KINDS))),
      d.check(
        "messages_author_check",
        sql`(author_kind = 'staff' and author_user_id is not null) or (author_kind = 'patient' and author_user_id is null)`,
      ),
      d.check(
        "messages_body_check",
        sql.raw(`length(trim(body)) > 0 and length(body) <= ${MESSAGE_MAX_LENGTH}`),
      ),
      ...d.tenantPolicies("messages", "clinic_id"),
    ],
  );

  return { messageThreads, messages };
}
