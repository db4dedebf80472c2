-- History is append-only, as on SQLite (db/migrations/0001_immutable-history.sql): audit events and
-- saved program versions and their items are never rewritten, by anyone, the tables' owner included.
-- TRUNCATE fires no row trigger, so it gets a statement trigger of its own.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION refuse_change('audit events are append-only');
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('audit events are append-only');
--> statement-breakpoint
CREATE TRIGGER program_versions_no_update_delete BEFORE UPDATE OR DELETE ON program_versions
FOR EACH ROW EXECUTE FUNCTION refuse_change('program versions are immutable once saved');
--> statement-breakpoint
CREATE TRIGGER program_versions_no_truncate BEFORE TRUNCATE ON program_versions
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('program versions are immutable once saved');
--> statement-breakpoint
CREATE TRIGGER program_items_no_update_delete BEFORE UPDATE OR DELETE ON program_items
FOR EACH ROW EXECUTE FUNCTION refuse_change('program items are immutable once saved');
--> statement-breakpoint
CREATE TRIGGER program_items_no_truncate BEFORE TRUNCATE ON program_items
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('program items are immutable once saved');
