-- History is append-only: audit events and saved program versions are never rewritten.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER program_versions_no_update BEFORE UPDATE ON program_versions
BEGIN SELECT RAISE(ABORT, 'program versions are immutable once saved'); END;
--> statement-breakpoint
CREATE TRIGGER program_versions_no_delete BEFORE DELETE ON program_versions
BEGIN SELECT RAISE(ABORT, 'program versions are immutable once saved'); END;
--> statement-breakpoint
CREATE TRIGGER program_items_no_update BEFORE UPDATE ON program_items
BEGIN SELECT RAISE(ABORT, 'program items are immutable once saved'); END;
--> statement-breakpoint
CREATE TRIGGER program_items_no_delete BEFORE DELETE ON program_items
BEGIN SELECT RAISE(ABORT, 'program items are immutable once saved'); END;
