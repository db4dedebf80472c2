-- Safety round (issue 10): written by hand because drizzle-kit would rebuild three tables to add
-- one checked column each, and SQLite adds a column with its own CHECK in place.
CREATE TABLE `safety_postponements` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`week_start` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`postponed_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `safety_postponements_idempotency_key_unique` ON `safety_postponements` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `safety_postponements_patient_week_idx` ON `safety_postponements` (`patient_id`,`week_start`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`kind` text NOT NULL,
	`user_id` text NOT NULL,
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
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "outbox_kind_check" CHECK(kind in ('alert_email')),
	CONSTRAINT "outbox_status_check" CHECK(status in ('pending', 'sent', 'failed')),
	CONSTRAINT "outbox_attempts_check" CHECK(attempts >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_alert_idx` ON `outbox` (`alert_id`);--> statement-breakpoint
DROP INDEX `alerts_one_open_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_one_open_rule_idx` ON `alerts` (`patient_id`,`rule_id`) WHERE status <> 'resolved';--> statement-breakpoint
ALTER TABLE `clinics` ADD `emergency_number` text DEFAULT '112' NOT NULL CONSTRAINT "clinics_emergency_number_check" CHECK(emergency_number glob '[0-9]*' and length(emergency_number) between 2 and 6);--> statement-breakpoint
-- Existing clinics get the number of their country, read from their time zone; 112 reaches the
-- emergency services from a mobile phone in most other countries.
UPDATE `clinics` SET `emergency_number` = CASE
	WHEN `time_zone` IN ('Europe/London', 'Europe/Belfast', 'Europe/Guernsey', 'Europe/Jersey', 'Europe/Isle_of_Man') THEN '999'
	WHEN `time_zone` = 'Europe/Dublin' THEN '112'
	WHEN `time_zone` IN ('Pacific/Auckland', 'Pacific/Chatham') THEN '111'
	WHEN `time_zone` LIKE 'Australia/%' THEN '000'
	WHEN `time_zone` LIKE 'America/%' AND `time_zone` NOT LIKE 'America/Argentina/%' AND `time_zone` NOT IN ('America/Sao_Paulo', 'America/Mexico_City', 'America/Bogota', 'America/Lima', 'America/Santiago') THEN '911'
	ELSE '112'
END;--> statement-breakpoint
ALTER TABLE `exercises` ADD `sidedness` text DEFAULT 'each_leg' NOT NULL CONSTRAINT "exercises_sidedness_check" CHECK(sidedness in ('together', 'each_leg', 'one_leg'));--> statement-breakpoint
ALTER TABLE `red_flag_answers` ADD `question_set` integer DEFAULT 1 NOT NULL CONSTRAINT "red_flag_answers_set_check" CHECK(question_set >= 1);
