-- Row-level security binds the tables' owner too (see 0002_force-row-level-security): goals,
-- clinical notes and discharge summaries (issue 15, decision 030) hold health data under a
-- clinic_id, like every other table.
ALTER TABLE "goals" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "clinical_notes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "clinical_note_revisions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "discharge_summaries" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A note's edit is a new revision and a summary is never rewritten, as on SQLite
-- (db/migrations/0016_goals-notes-append-only.sql), with 0001_append-only's refuse_change.
CREATE TRIGGER clinical_notes_no_update_delete BEFORE UPDATE OR DELETE ON clinical_notes
FOR EACH ROW EXECUTE FUNCTION refuse_change('clinical notes are append-only');
--> statement-breakpoint
CREATE TRIGGER clinical_notes_no_truncate BEFORE TRUNCATE ON clinical_notes
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('clinical notes are append-only');
--> statement-breakpoint
CREATE TRIGGER clinical_note_revisions_no_update_delete BEFORE UPDATE OR DELETE ON clinical_note_revisions
FOR EACH ROW EXECUTE FUNCTION refuse_change('note revisions are append-only');
--> statement-breakpoint
CREATE TRIGGER clinical_note_revisions_no_truncate BEFORE TRUNCATE ON clinical_note_revisions
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('note revisions are append-only');
--> statement-breakpoint
CREATE TRIGGER discharge_summaries_no_update_delete BEFORE UPDATE OR DELETE ON discharge_summaries
FOR EACH ROW EXECUTE FUNCTION refuse_change('discharge summaries are append-only');
--> statement-breakpoint
CREATE TRIGGER discharge_summaries_no_truncate BEFORE TRUNCATE ON discharge_summaries
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('discharge summaries are append-only');
