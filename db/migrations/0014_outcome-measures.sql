CREATE TABLE `measure_activities` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`measure_id` text NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "measure_activities_position_check" CHECK(position >= 1)
);
--> statement-breakpoint
CREATE INDEX `measure_activities_patient_idx` ON `measure_activities` (`patient_id`);--> statement-breakpoint
CREATE TABLE `measure_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`response_id` text NOT NULL,
	`item_id` text NOT NULL,
	`item_text` text NOT NULL,
	`position` integer NOT NULL,
	`value` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`response_id`) REFERENCES `measure_responses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `measure_answers_response_idx` ON `measure_answers` (`response_id`);--> statement-breakpoint
CREATE TABLE `measure_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`schedule_id` text NOT NULL,
	`measure_id` text NOT NULL,
	`measure_version` integer NOT NULL,
	`occurrence_day` text NOT NULL,
	`day` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`submitted_at` integer NOT NULL,
	`score` real NOT NULL,
	`program_version_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`schedule_id`) REFERENCES `measure_schedules`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`program_version_id`) REFERENCES `program_versions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "measure_responses_day_check" CHECK(day glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `measure_responses_idempotency_key_unique` ON `measure_responses` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `measure_responses_patient_day_idx` ON `measure_responses` (`patient_id`,`day`);--> statement-breakpoint
CREATE UNIQUE INDEX `measure_responses_occurrence_idx` ON `measure_responses` (`schedule_id`,`occurrence_day`);--> statement-breakpoint
CREATE TABLE `measure_schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`measure_id` text NOT NULL,
	`kind` text NOT NULL,
	`every_weeks` integer,
	`first_day` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`cancelled_at` integer,
	`cancelled_by` text,
	`cancelled_day` text,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "measure_schedules_kind_check" CHECK(kind in ('start', 'interval', 'discharge')),
	CONSTRAINT "measure_schedules_every_check" CHECK((kind = 'interval' and every_weeks between 1 and 52) or (kind <> 'interval' and every_weeks is null)),
	CONSTRAINT "measure_schedules_day_check" CHECK(first_day glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
CREATE INDEX `measure_schedules_patient_idx` ON `measure_schedules` (`patient_id`);--> statement-breakpoint
ALTER TABLE `patient_summaries` ADD `outcome_measure_id` text;--> statement-breakpoint
ALTER TABLE `patient_summaries` ADD `outcome_score` real;--> statement-breakpoint
ALTER TABLE `patient_summaries` ADD `outcome_change` real;--> statement-breakpoint
ALTER TABLE `patient_summaries` ADD `outcome_meaningful` integer;--> statement-breakpoint
ALTER TABLE `patient_summaries` ADD `outcome_day` text;