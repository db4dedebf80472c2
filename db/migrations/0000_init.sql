CREATE TABLE `clinics` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`time_zone` text NOT NULL,
	`phone` text,
	`email` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`session_version` integer DEFAULT 1 NOT NULL,
	`last_login_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_role_check" CHECK(role in ('admin', 'clinician')),
	CONSTRAINT "users_email_lower_check" CHECK(email = lower(email)),
	CONSTRAINT "users_session_version_check" CHECK(session_version >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_clinic_idx` ON `users` (`clinic_id`);--> statement-breakpoint
CREATE TABLE `patient_links` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patient_links_token_hash_unique` ON `patient_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `patient_links_patient_idx` ON `patient_links` (`patient_id`);--> statement-breakpoint
CREATE TABLE `patients` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`primary_clinician_id` text NOT NULL,
	`display_name` text NOT NULL,
	`year_of_birth` integer NOT NULL,
	`condition` text NOT NULL,
	`affected_side` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`time_zone` text NOT NULL,
	`created_at` integer NOT NULL,
	`discharged_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`primary_clinician_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "patients_condition_check" CHECK(condition in ('knee_nerve_pain', 'medial_knee_pain', 'runners_knee', 'sciatica_knee_pain')),
	CONSTRAINT "patients_side_check" CHECK(affected_side in ('left', 'right', 'both')),
	CONSTRAINT "patients_status_check" CHECK(status in ('active', 'discharged')),
	CONSTRAINT "patients_year_check" CHECK(year_of_birth between 1900 and 2100),
	CONSTRAINT "patients_name_check" CHECK(length(trim(display_name)) > 0)
);
--> statement-breakpoint
CREATE INDEX `patients_clinic_idx` ON `patients` (`clinic_id`,`status`);--> statement-breakpoint
CREATE INDEX `patients_clinician_idx` ON `patients` (`primary_clinician_id`);--> statement-breakpoint
CREATE TABLE `exercises` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`body_region` text NOT NULL,
	`target_structure` text NOT NULL,
	`summary` text NOT NULL,
	`steps` text NOT NULL,
	`what_to_feel` text NOT NULL,
	`stop_if` text NOT NULL,
	`cautions` text NOT NULL,
	`conditions` text NOT NULL,
	`media` text DEFAULT '[]' NOT NULL,
	`default_sets` integer,
	`default_reps` integer,
	`default_hold_seconds` integer,
	`default_rest_seconds` integer,
	`default_duration_seconds` integer,
	`default_sessions_per_day` integer DEFAULT 1 NOT NULL,
	`default_days_per_week` integer DEFAULT 7 NOT NULL,
	`copied_from_id` text,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "exercises_category_check" CHECK(category in ('neural_glide', 'mobility_stretch', 'strengthening', 'soft_tissue', 'cardio')),
	CONSTRAINT "exercises_region_check" CHECK(body_region in ('knee', 'hip', 'thigh', 'lower_leg', 'whole_leg', 'lower_back')),
	CONSTRAINT "exercises_sets_check" CHECK(default_sets is null or default_sets >= 1),
	CONSTRAINT "exercises_reps_check" CHECK(default_reps is null or default_reps >= 1),
	CONSTRAINT "exercises_hold_check" CHECK(default_hold_seconds is null or default_hold_seconds >= 0),
	CONSTRAINT "exercises_rest_check" CHECK(default_rest_seconds is null or default_rest_seconds >= 0),
	CONSTRAINT "exercises_duration_check" CHECK(default_duration_seconds is null or default_duration_seconds >= 1),
	CONSTRAINT "exercises_spd_check" CHECK(default_sessions_per_day between 1 and 10),
	CONSTRAINT "exercises_dpw_check" CHECK(default_days_per_week between 1 and 7)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exercises_clinic_slug_idx` ON `exercises` (`clinic_id`,`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `exercises_shared_slug_idx` ON `exercises` (`slug`) WHERE clinic_id is null;--> statement-breakpoint
CREATE TABLE `program_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`condition` text NOT NULL,
	`description` text NOT NULL,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "templates_condition_check" CHECK(condition in ('knee_nerve_pain', 'medial_knee_pain', 'runners_knee', 'sciatica_knee_pain'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `templates_clinic_slug_idx` ON `program_templates` (`clinic_id`,`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `templates_shared_slug_idx` ON `program_templates` (`slug`) WHERE clinic_id is null;--> statement-breakpoint
CREATE TABLE `template_items` (
	`id` text PRIMARY KEY NOT NULL,
	`template_id` text NOT NULL,
	`exercise_id` text NOT NULL,
	`position` integer NOT NULL,
	`sets` integer,
	`reps` integer,
	`hold_seconds` integer,
	`rest_seconds` integer,
	`duration_seconds` integer,
	`sessions_per_day` integer DEFAULT 1 NOT NULL,
	`days_per_week` integer DEFAULT 7 NOT NULL,
	`notes` text,
	FOREIGN KEY (`template_id`) REFERENCES `program_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "template_items_sets_check" CHECK(sets is null or sets >= 1),
	CONSTRAINT "template_items_reps_check" CHECK(reps is null or reps >= 1),
	CONSTRAINT "template_items_hold_check" CHECK(hold_seconds is null or hold_seconds >= 0),
	CONSTRAINT "template_items_rest_check" CHECK(rest_seconds is null or rest_seconds >= 0),
	CONSTRAINT "template_items_duration_check" CHECK(duration_seconds is null or duration_seconds >= 1),
	CONSTRAINT "template_items_spd_check" CHECK(sessions_per_day between 1 and 10),
	CONSTRAINT "template_items_dpw_check" CHECK(days_per_week between 1 and 7)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `template_items_position_idx` ON `template_items` (`template_id`,`position`);--> statement-breakpoint
CREATE TABLE `program_items` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`version_id` text NOT NULL,
	`exercise_id` text NOT NULL,
	`position` integer NOT NULL,
	`sets` integer,
	`reps` integer,
	`hold_seconds` integer,
	`rest_seconds` integer,
	`duration_seconds` integer,
	`sessions_per_day` integer DEFAULT 1 NOT NULL,
	`days_per_week` integer DEFAULT 7 NOT NULL,
	`side` text DEFAULT 'both' NOT NULL,
	`load_kg` real,
	`band_colour` text,
	`notes` text,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `program_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "program_items_side_check" CHECK(side in ('left', 'right', 'both')),
	CONSTRAINT "program_items_band_check" CHECK(band_colour is null or band_colour in ('tan', 'yellow', 'red', 'green', 'blue', 'black', 'silver', 'gold')),
	CONSTRAINT "program_items_load_check" CHECK(load_kg is null or load_kg >= 0),
	CONSTRAINT "program_items_one_load_check" CHECK(load_kg is null or band_colour is null),
	CONSTRAINT "program_items_sets_check" CHECK(sets is null or sets >= 1),
	CONSTRAINT "program_items_reps_check" CHECK(reps is null or reps >= 1),
	CONSTRAINT "program_items_hold_check" CHECK(hold_seconds is null or hold_seconds >= 0),
	CONSTRAINT "program_items_rest_check" CHECK(rest_seconds is null or rest_seconds >= 0),
	CONSTRAINT "program_items_duration_check" CHECK(duration_seconds is null or duration_seconds >= 1),
	CONSTRAINT "program_items_spd_check" CHECK(sessions_per_day between 1 and 10),
	CONSTRAINT "program_items_dpw_check" CHECK(days_per_week between 1 and 7)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `program_items_position_idx` ON `program_items` (`version_id`,`position`);--> statement-breakpoint
CREATE TABLE `program_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`program_id` text NOT NULL,
	`number` integer NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`author_id` text NOT NULL,
	`effective_from` integer NOT NULL,
	`pain_limit` integer DEFAULT 5 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "program_versions_reason_check" CHECK(reason in ('initial', 'progress', 'hold', 'regress', 'edit')),
	CONSTRAINT "program_versions_pain_limit_check" CHECK(pain_limit between 0 and 10),
	CONSTRAINT "program_versions_number_check" CHECK(number >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `program_versions_number_idx` ON `program_versions` (`program_id`,`number`);--> statement-breakpoint
CREATE TABLE `programs` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "programs_status_check" CHECK(status in ('active', 'ended'))
);
--> statement-breakpoint
CREATE INDEX `programs_patient_idx` ON `programs` (`patient_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `programs_one_active_idx` ON `programs` (`patient_id`) WHERE status = 'active';--> statement-breakpoint
CREATE TABLE `check_ins` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`version_id` text,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`submitted_at` integer NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `program_versions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "check_ins_kind_check" CHECK(kind in ('morning', 'exercise', 'safety')),
	CONSTRAINT "check_ins_day_check" CHECK(day glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_ins_idempotency_key_unique` ON `check_ins` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `check_ins_patient_day_idx` ON `check_ins` (`patient_id`,`day`);--> statement-breakpoint
CREATE TABLE `exercise_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`check_in_id` text NOT NULL,
	`program_item_id` text NOT NULL,
	`sessions_done` integer DEFAULT 1 NOT NULL,
	`sets_done` integer,
	`reps_done` integer,
	`skipped_reason` text,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`check_in_id`) REFERENCES `check_ins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`program_item_id`) REFERENCES `program_items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "exercise_logs_sessions_check" CHECK(sessions_done >= 0),
	CONSTRAINT "exercise_logs_sets_check" CHECK(sets_done is null or sets_done >= 0),
	CONSTRAINT "exercise_logs_reps_check" CHECK(reps_done is null or reps_done >= 0),
	CONSTRAINT "exercise_logs_skip_check" CHECK(skipped_reason is null or skipped_reason in ('too_painful', 'no_time', 'forgot', 'other')),
	CONSTRAINT "exercise_logs_skip_zero_check" CHECK(skipped_reason is null or sessions_done = 0)
);
--> statement-breakpoint
CREATE INDEX `exercise_logs_check_in_idx` ON `exercise_logs` (`check_in_id`);--> statement-breakpoint
CREATE INDEX `exercise_logs_item_idx` ON `exercise_logs` (`program_item_id`);--> statement-breakpoint
CREATE TABLE `pain_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`check_in_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`day` text NOT NULL,
	`context` text NOT NULL,
	`score` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`check_in_id`) REFERENCES `check_ins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pain_reports_score_check" CHECK(score between 0 and 10),
	CONSTRAINT "pain_reports_context_check" CHECK(context in ('morning', 'during', 'after', 'next_morning'))
);
--> statement-breakpoint
CREATE INDEX `pain_reports_patient_day_idx` ON `pain_reports` (`patient_id`,`day`);--> statement-breakpoint
CREATE TABLE `red_flag_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`check_in_id` text NOT NULL,
	`question_id` text NOT NULL,
	`answer` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`check_in_id`) REFERENCES `check_ins`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `red_flag_answers_check_in_idx` ON `red_flag_answers` (`check_in_id`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`rule_id` text NOT NULL,
	`rule_version` integer NOT NULL,
	`inputs` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`acknowledged_by` text,
	`acknowledged_at` integer,
	`acknowledge_note` text,
	`resolved_by` text,
	`resolved_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "alerts_severity_check" CHECK(severity in ('critical', 'high', 'medium', 'low')),
	CONSTRAINT "alerts_status_check" CHECK(status in ('open', 'acknowledged', 'resolved'))
);
--> statement-breakpoint
CREATE INDEX `alerts_clinic_status_idx` ON `alerts` (`clinic_id`,`status`);--> statement-breakpoint
CREATE INDEX `alerts_patient_idx` ON `alerts` (`patient_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_one_open_idx` ON `alerts` (`patient_id`,`kind`) WHERE status <> 'resolved';--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`patient_id` text,
	`before` text,
	`after` text,
	`at` integer NOT NULL,
	`ip` text,
	`prev_hash` text,
	`hash` text NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "audit_actor_check" CHECK(actor_kind in ('user', 'patient_link', 'system'))
);
--> statement-breakpoint
CREATE INDEX `audit_clinic_at_idx` ON `audit_events` (`clinic_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_patient_idx` ON `audit_events` (`patient_id`);