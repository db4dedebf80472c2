-- The audit chain gets an order of its own on both engines, `seq`, and a record of how each row's
-- hash was computed, `hash_format` (decision 024). SQLite cannot add a NOT NULL column without a
-- default, so the table is rebuilt. Each clinic's rows are numbered in the order they were chained
-- (rowid: the order the writer read the chain's head by), and every existing row keeps the hash
-- rule it was written under (format 1). The append-only triggers are dropped for the rebuild and
-- created again at the end, unchanged (0001_immutable-history.sql), in the same transaction.
DROP TRIGGER `audit_events_no_update`;--> statement-breakpoint
DROP TRIGGER `audit_events_no_delete`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_audit_events` (
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
	`seq` integer NOT NULL,
	`hash_format` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "audit_actor_check" CHECK(actor_kind in ('user', 'patient_link', 'system')),
	CONSTRAINT "audit_seq_check" CHECK(seq >= 1),
	CONSTRAINT "audit_hash_format_check" CHECK(hash_format in (1, 2))
);
--> statement-breakpoint
INSERT INTO `__new_audit_events`("id", "clinic_id", "actor_kind", "actor_id", "action", "entity_type", "entity_id", "patient_id", "before", "after", "at", "ip", "prev_hash", "hash", "seq", "hash_format") SELECT "id", "clinic_id", "actor_kind", "actor_id", "action", "entity_type", "entity_id", "patient_id", "before", "after", "at", "ip", "prev_hash", "hash", row_number() OVER (PARTITION BY "clinic_id" ORDER BY rowid), 1 FROM `audit_events` ORDER BY rowid;--> statement-breakpoint
DROP TABLE `audit_events`;--> statement-breakpoint
ALTER TABLE `__new_audit_events` RENAME TO `audit_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_clinic_seq_idx` ON `audit_events` (`clinic_id`,`seq`);--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
