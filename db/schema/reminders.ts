import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import type { ClinicTables } from "./clinics";
import { createdAt, inList } from "./columns";
import { REMINDER_CHANNELS } from "./enums";
import type { PatientTables } from "./patients";

export function defineReminderTables(
  d: Dialect,
  {
    clinics,
    patients,
    patientLinks,
  }: Pick<ClinicTables, "clinics"> & Pick<PatientTables, "patients" | "patientLinks">,
) {
  /**
   * Whether, when and how a patient is reminded (issue 16, decision 032): chosen by the patient on
   * the phone. One row per patient, made the first time they save; no row means no reminders.
   */
  const reminderSettings = d.table(
    "reminder_settings",
    {
      patientId: d
        .ref("patient_id")
        .primaryKey()
        .references(() => patients.id),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      /** Remind me on my exercise days (and nudge me after 3 silent days). */
      remindersOn: d.bool("reminders_on").notNull().default(false),
      /** `HH:MM` on the patient's own clock (their time zone, whatever the season). */
      remindAt: d.text("remind_at").notNull().default("18:00"),
      /** The weekdays to remind on: bit 0 is Monday … bit 6 Sunday. */
      weekdays: d.int("weekdays").notNull().default(127),
      /** How: Web Push to this phone, email, or none (the calendar alone). */
      channel: d.enumText("channel", REMINDER_CHANNELS).notNull().default("none"),
      /** The address the patient gave for email reminders; used for nothing else. */
      email: d.text("email"),
      /**
       * The one-tap unsubscribe link's key: random, kept as it is because it can do one thing
       * only (turn email off for this patient) and must go into every email.
       */
      unsubscribeKey: d.text("unsubscribe_key").notNull().unique(),
      updatedAt: d.timestamp("updated_at").notNull(),
    },
    (t) => [
      d.index("reminder_settings_on_idx").on(t.remindersOn),
      d.check("reminder_settings_channel_check", sql.raw(inList("channel", REMINDER_CHANNELS))),
      d.check("reminder_settings_weekdays_check", sql`weekdays between 0 and 127`),
      d.check(
        "reminder_settings_time_check",
        sql`length(remind_at) = 5 and substr(remind_at, 3, 1) = ':'`,
      ),
      ...d.tenantPolicies("reminder_settings", "clinic_id"),
    ],
  );

  /**
   * A phone's Web Push subscription (the push service's endpoint and the keys that encrypt the
   * payload, RFC 8291). A phone that unsubscribes, or whose endpoint answers 404/410, loses its row.
   */
  const pushSubscriptions = d.table(
    "push_subscriptions",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      patientId: d
        .ref("patient_id")
        .notNull()
        .references(() => patients.id),
      endpoint: d.text("endpoint").notNull().unique(),
      p256dh: d.text("p256dh").notNull(),
      auth: d.text("auth").notNull(),
      createdAt: createdAt(d),
    },
    (t) => [
      d.index("push_subscriptions_patient_idx").on(t.patientId),
      ...d.tenantPolicies("push_subscriptions", "clinic_id"),
    ],
  );

  /**
   * A calendar subscription (.ics feed) for one patient link. Its token is its own, never the
   * link's, and only its hash is kept; the feed answers only while its link is neither revoked
   * nor expired, so revoking the link ends the calendar too.
   */
  const calendarFeeds = d.table(
    "calendar_feeds",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      patientId: d
        .ref("patient_id")
        .notNull()
        .references(() => patients.id),
      linkId: d
        .ref("link_id")
        .notNull()
        .unique()
        .references(() => patientLinks.id),
      /** SHA-256 of the feed's token. */
      tokenHash: d.text("token_hash").notNull().unique(),
      createdAt: createdAt(d),
    },
    () => [...d.tenantPolicies("calendar_feeds", "clinic_id")],
  );

  return { reminderSettings, pushSubscriptions, calendarFeeds };
}

export type ReminderTables = ReturnType<typeof defineReminderTables>;
