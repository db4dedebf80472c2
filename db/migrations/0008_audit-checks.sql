CREATE TABLE `audit_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`checked_at` integer NOT NULL,
	`status` text NOT NULL,
	`rows_checked` integer NOT NULL,
	`chain_length` integer NOT NULL,
	`last_event_id` text,
	`last_hash` text,
	`broken_event_id` text,
	`broken_position` integer,
	`problem` text,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "audit_checks_status_check" CHECK(status in ('ok', 'broken')),
	CONSTRAINT "audit_checks_problem_check" CHECK(problem is null or problem in ('hash-mismatch', 'link-broken', 'missing', 'anchor-mismatch'))
);
--> statement-breakpoint
CREATE INDEX `audit_checks_clinic_idx` ON `audit_checks` (`clinic_id`);