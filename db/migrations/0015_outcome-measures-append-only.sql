-- A patient's outcome measure answers are append-only, like the audit trail and program versions
-- (0001_immutable-history): a stored response and its answers are never rewritten or removed.
CREATE TRIGGER measure_responses_no_update BEFORE UPDATE ON measure_responses
BEGIN SELECT RAISE(ABORT, 'measure responses are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER measure_responses_no_delete BEFORE DELETE ON measure_responses
BEGIN SELECT RAISE(ABORT, 'measure responses are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER measure_answers_no_update BEFORE UPDATE ON measure_answers
BEGIN SELECT RAISE(ABORT, 'measure answers are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER measure_answers_no_delete BEFORE DELETE ON measure_answers
BEGIN SELECT RAISE(ABORT, 'measure answers are append-only'); END;
