-- Clinical notes keep their history (issue 15, decision 030): an edit is a new revision, never a
-- change to an old one, and a discharge summary is never rewritten. Goals change status, so they
-- are not listed here; their changes are in the audit trail.
CREATE TRIGGER clinical_notes_no_update BEFORE UPDATE ON clinical_notes
BEGIN SELECT RAISE(ABORT, 'clinical notes are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER clinical_notes_no_delete BEFORE DELETE ON clinical_notes
BEGIN SELECT RAISE(ABORT, 'clinical notes are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER clinical_note_revisions_no_update BEFORE UPDATE ON clinical_note_revisions
BEGIN SELECT RAISE(ABORT, 'note revisions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER clinical_note_revisions_no_delete BEFORE DELETE ON clinical_note_revisions
BEGIN SELECT RAISE(ABORT, 'note revisions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER discharge_summaries_no_update BEFORE UPDATE ON discharge_summaries
BEGIN SELECT RAISE(ABORT, 'discharge summaries are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER discharge_summaries_no_delete BEFORE DELETE ON discharge_summaries
BEGIN SELECT RAISE(ABORT, 'discharge summaries are append-only'); END;
