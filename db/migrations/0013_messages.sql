CREATE TABLE `calendar_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`link_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`link_id`) REFERENCES `patient_links`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_link_id_unique` ON `calendar_feeds` (`link_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token_hash_unique` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE TABLE `clinical_note_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`note_id` text NOT NULL,
	`number` integer NOT NULL,
	`day` text NOT NULL,
	`format` text NOT NULL,
	`body` text,
	`subjective` text,
	`objective` text,
	`assessment` text,
	`plan` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`note_id`) REFERENCES `clinical_notes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "clinical_note_revisions_number_check" CHECK(number >= 1),
	CONSTRAINT "clinical_note_revisions_day_check" CHECK(day glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	CONSTRAINT "clinical_note_revisions_format_check" CHECK(format in ('free', 'soap'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clinical_note_revisions_number_idx` ON `clinical_note_revisions` (`note_id`,`number`);--> statement-breakpoint
CREATE INDEX `clinical_note_revisions_patient_idx` ON `clinical_note_revisions` (`patient_id`,`note_id`);--> statement-breakpoint
CREATE TABLE `clinical_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `clinical_notes_patient_idx` ON `clinical_notes` (`patient_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `discharge_summaries` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`program_id` text,
	`episode_started_at` integer NOT NULL,
	`discharged_at` integer NOT NULL,
	`author_id` text NOT NULL,
	`closing_note` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "discharge_summaries_note_check" CHECK(length(trim(closing_note)) > 0)
);
--> statement-breakpoint
CREATE INDEX `discharge_summaries_patient_idx` ON `discharge_summaries` (`patient_id`,`discharged_at`);--> statement-breakpoint
CREATE TABLE `goals` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`created_by` text NOT NULL,
	`what` text NOT NULL,
	`measure` text NOT NULL,
	`target` text NOT NULL,
	`target_day` text NOT NULL,
	`psfs_activity_id` text,
	`status` text DEFAULT 'active' NOT NULL,
	`status_changed_at` integer NOT NULL,
	`status_changed_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`status_changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "goals_status_check" CHECK(status in ('active', 'met', 'not_met', 'dropped')),
	CONSTRAINT "goals_target_day_check" CHECK(target_day glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	CONSTRAINT "goals_what_check" CHECK(length(trim(what)) > 0)
);
--> statement-breakpoint
CREATE INDEX `goals_patient_idx` ON `goals` (`patient_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `message_threads` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_message_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_threads_patient_id_unique` ON `message_threads` (`patient_id`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`author_kind` text NOT NULL,
	`author_user_id` text,
	`body` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`sent_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`read_by_patient_at` integer,
	`read_by_staff_at` integer,
	`read_by_user_id` text,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`thread_id`) REFERENCES `message_threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`read_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "messages_author_kind_check" CHECK(author_kind in ('patient', 'staff')),
	CONSTRAINT "messages_author_check" CHECK((author_kind = 'staff' and author_user_id is not null) or (author_kind = 'patient' and author_user_id is null)),
	CONSTRAINT "messages_body_check" CHECK(length(trim(body)) > 0 and length(body) <= 2000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_idempotency_key_unique` ON `messages` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `messages_patient_created_idx` ON `messages` (`patient_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_subscriptions_endpoint_unique` ON `push_subscriptions` (`endpoint`);--> statement-breakpoint
CREATE INDEX `push_subscriptions_patient_idx` ON `push_subscriptions` (`patient_id`);--> statement-breakpoint
CREATE TABLE `reminder_settings` (
	`patient_id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`reminders_on` integer DEFAULT false NOT NULL,
	`remind_at` text DEFAULT '18:00' NOT NULL,
	`weekdays` integer DEFAULT 127 NOT NULL,
	`channel` text DEFAULT 'none' NOT NULL,
	`email` text,
	`unsubscribe_key` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reminder_settings_channel_check" CHECK(channel in ('push', 'email', 'none')),
	CONSTRAINT "reminder_settings_weekdays_check" CHECK(weekdays between 0 and 127),
	CONSTRAINT "reminder_settings_time_check" CHECK(length(remind_at) = 5 and substr(remind_at, 3, 1) = ':')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminder_settings_unsubscribe_key_unique` ON `reminder_settings` (`unsubscribe_key`);--> statement-breakpoint
CREATE INDEX `reminder_settings_on_idx` ON `reminder_settings` (`reminders_on`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`kind` text NOT NULL,
	`user_id` text,
	`patient_id` text,
	`channel` text,
	`source_id` text,
	`alert_id` text,
	`dedupe_key` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "outbox_kind_check" CHECK(kind in ('alert_email', 'patient_reminder', 'patient_nudge', 'patient_message', 'message_email')),
	CONSTRAINT "outbox_status_check" CHECK(status in ('pending', 'sent', 'failed')),
	CONSTRAINT "outbox_attempts_check" CHECK(attempts >= 0),
	CONSTRAINT "outbox_recipient_check" CHECK((user_id is null) <> (patient_id is null)),
	CONSTRAINT "outbox_channel_check" CHECK(channel is null or channel in ('push', 'email'))
);
--> statement-breakpoint
INSERT INTO `__new_outbox`("id", "clinic_id", "kind", "user_id", "alert_id", "dedupe_key", "status", "attempts", "next_attempt_at", "last_error", "sent_at", "created_at") SELECT "id", "clinic_id", "kind", "user_id", "alert_id", "dedupe_key", "status", "attempts", "next_attempt_at", "last_error", "sent_at", "created_at" FROM `outbox`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_alert_idx` ON `outbox` (`alert_id`);--> statement-breakpoint
ALTER TABLE `patient_summaries` ADD `unread_messages` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `patient_summaries_unread_idx` ON `patient_summaries` (`clinic_id`,`unread_messages`);