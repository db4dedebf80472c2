CREATE TABLE `patient_summaries` (
	`patient_id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`day` text NOT NULL,
	`computed_at` integer NOT NULL,
	`valid_until` integer NOT NULL,
	`version_number` integer,
	`version_reason` text,
	`version_from_day` text,
	`program_start_day` text,
	`last_check_in_at` integer,
	`last_check_in_day` text,
	`adherence_7` real,
	`adherence_28` real,
	`morning_pain` real,
	`morning_reports_7` integer DEFAULT 0 NOT NULL,
	`baseline_pain` real,
	`pain_change` real,
	`improved` integer DEFAULT false NOT NULL,
	`worsening` integer DEFAULT false NOT NULL,
	`advice` text,
	`advice_rule` text,
	`red_flag` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "patient_summaries_advice_check" CHECK(advice is null or advice in ('regress', 'hold', 'progress', 'not_enough_data'))
);
--> statement-breakpoint
CREATE INDEX `patient_summaries_clinic_idx` ON `patient_summaries` (`clinic_id`,`adherence_7`);--> statement-breakpoint
CREATE INDEX `patient_summaries_valid_idx` ON `patient_summaries` (`valid_until`);