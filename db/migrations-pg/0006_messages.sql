CREATE TABLE "calendar_feeds" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"link_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "calendar_feeds_link_id_unique" UNIQUE("link_id"),
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "clinical_note_revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"note_id" text NOT NULL,
	"number" integer NOT NULL,
	"day" text NOT NULL,
	"format" text NOT NULL,
	"body" text,
	"subjective" text,
	"objective" text,
	"assessment" text,
	"plan" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "clinical_note_revisions_number_check" CHECK (number >= 1),
	CONSTRAINT "clinical_note_revisions_day_check" CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
	CONSTRAINT "clinical_note_revisions_format_check" CHECK (format in ('free', 'soap'))
);
--> statement-breakpoint
ALTER TABLE "clinical_note_revisions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "clinical_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"author_id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clinical_notes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "discharge_summaries" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"program_id" text,
	"episode_started_at" timestamp (3) with time zone NOT NULL,
	"discharged_at" timestamp (3) with time zone NOT NULL,
	"author_id" text NOT NULL,
	"closing_note" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "discharge_summaries_note_check" CHECK (length(trim(closing_note)) > 0)
);
--> statement-breakpoint
ALTER TABLE "discharge_summaries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "goals" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"created_by" text NOT NULL,
	"what" text NOT NULL,
	"measure" text NOT NULL,
	"target" text NOT NULL,
	"target_day" text NOT NULL,
	"psfs_activity_id" text,
	"status" text DEFAULT 'active' NOT NULL,
	"status_changed_at" timestamp (3) with time zone NOT NULL,
	"status_changed_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "goals_status_check" CHECK (status in ('active', 'met', 'not_met', 'dropped')),
	CONSTRAINT "goals_target_day_check" CHECK (target_day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
	CONSTRAINT "goals_what_check" CHECK (length(trim(what)) > 0)
);
--> statement-breakpoint
ALTER TABLE "goals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "message_threads" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_message_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "message_threads_patient_id_unique" UNIQUE("patient_id")
);
--> statement-breakpoint
ALTER TABLE "message_threads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "messages" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"thread_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"author_kind" text NOT NULL,
	"author_user_id" text,
	"body" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"sent_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"read_by_patient_at" timestamp (3) with time zone,
	"read_by_staff_at" timestamp (3) with time zone,
	"read_by_user_id" text,
	CONSTRAINT "messages_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "messages_author_kind_check" CHECK (author_kind in ('patient', 'staff')),
	CONSTRAINT "messages_author_check" CHECK ((author_kind = 'staff' and author_user_id is not null) or (author_kind = 'patient' and author_user_id is null)),
	CONSTRAINT "messages_body_check" CHECK (length(trim(body)) > 0 and length(body) <= 2000)
);
--> statement-breakpoint
ALTER TABLE "messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "push_subscriptions_endpoint_unique" UNIQUE("endpoint")
);
--> statement-breakpoint
ALTER TABLE "push_subscriptions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "reminder_settings" (
	"patient_id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"reminders_on" boolean DEFAULT false NOT NULL,
	"remind_at" text DEFAULT '18:00' NOT NULL,
	"weekdays" integer DEFAULT 127 NOT NULL,
	"channel" text DEFAULT 'none' NOT NULL,
	"email" text,
	"unsubscribe_key" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "reminder_settings_unsubscribe_key_unique" UNIQUE("unsubscribe_key"),
	CONSTRAINT "reminder_settings_channel_check" CHECK (channel in ('push', 'email', 'none')),
	CONSTRAINT "reminder_settings_weekdays_check" CHECK (weekdays between 0 and 127),
	CONSTRAINT "reminder_settings_time_check" CHECK (length(remind_at) = 5 and substr(remind_at, 3, 1) = ':')
);
--> statement-breakpoint
ALTER TABLE "reminder_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_kind_check";--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "patient_id" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "channel" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "patient_summaries" ADD COLUMN "unread_messages" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_link_id_patient_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."patient_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_note_revisions" ADD CONSTRAINT "clinical_note_revisions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_note_revisions" ADD CONSTRAINT "clinical_note_revisions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_note_revisions" ADD CONSTRAINT "clinical_note_revisions_note_id_clinical_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."clinical_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_notes" ADD CONSTRAINT "clinical_notes_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_notes" ADD CONSTRAINT "clinical_notes_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_notes" ADD CONSTRAINT "clinical_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_summaries" ADD CONSTRAINT "discharge_summaries_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_summaries" ADD CONSTRAINT "discharge_summaries_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_summaries" ADD CONSTRAINT "discharge_summaries_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_summaries" ADD CONSTRAINT "discharge_summaries_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_status_changed_by_users_id_fk" FOREIGN KEY ("status_changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_thread_id_message_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."message_threads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_read_by_user_id_users_id_fk" FOREIGN KEY ("read_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_settings" ADD CONSTRAINT "reminder_settings_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_settings" ADD CONSTRAINT "reminder_settings_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clinical_note_revisions_number_idx" ON "clinical_note_revisions" USING btree ("note_id","number");--> statement-breakpoint
CREATE INDEX "clinical_note_revisions_patient_idx" ON "clinical_note_revisions" USING btree ("patient_id","note_id");--> statement-breakpoint
CREATE INDEX "clinical_notes_patient_idx" ON "clinical_notes" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE INDEX "discharge_summaries_patient_idx" ON "discharge_summaries" USING btree ("patient_id","discharged_at");--> statement-breakpoint
CREATE INDEX "goals_patient_idx" ON "goals" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_patient_created_idx" ON "messages" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE INDEX "push_subscriptions_patient_idx" ON "push_subscriptions" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "reminder_settings_on_idx" ON "reminder_settings" USING btree ("reminders_on");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patient_summaries_unread_idx" ON "patient_summaries" USING btree ("clinic_id","unread_messages");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_recipient_check" CHECK ((user_id is null) <> (patient_id is null));--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_channel_check" CHECK (channel is null or channel in ('push', 'email'));--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_kind_check" CHECK (kind in ('alert_email', 'patient_reminder', 'patient_nudge', 'patient_message', 'message_email'));--> statement-breakpoint
CREATE POLICY "calendar_feeds_clinic_isolation" ON "calendar_feeds" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "clinical_note_revisions_clinic_isolation" ON "clinical_note_revisions" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "clinical_notes_clinic_isolation" ON "clinical_notes" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "discharge_summaries_clinic_isolation" ON "discharge_summaries" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "goals_clinic_isolation" ON "goals" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "message_threads_clinic_isolation" ON "message_threads" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "messages_clinic_isolation" ON "messages" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "push_subscriptions_clinic_isolation" ON "push_subscriptions" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "reminder_settings_clinic_isolation" ON "reminder_settings" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');