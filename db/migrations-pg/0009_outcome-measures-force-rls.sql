-- Row-level security binds the tables' owner too (see 0002_force-row-level-security): the outcome
-- measure tables of issue 15 hold health data under a clinic_id, like every other table.
ALTER TABLE "measure_schedules" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "measure_activities" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "measure_responses" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "measure_answers" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Responses and their answers are append-only (0001_append-only's refuse_change).
CREATE TRIGGER measure_responses_no_update_delete BEFORE UPDATE OR DELETE ON measure_responses
FOR EACH ROW EXECUTE FUNCTION refuse_change('measure responses are append-only');
--> statement-breakpoint
CREATE TRIGGER measure_responses_no_truncate BEFORE TRUNCATE ON measure_responses
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('measure responses are append-only');
--> statement-breakpoint
CREATE TRIGGER measure_answers_no_update_delete BEFORE UPDATE OR DELETE ON measure_answers
FOR EACH ROW EXECUTE FUNCTION refuse_change('measure answers are append-only');
--> statement-breakpoint
CREATE TRIGGER measure_answers_no_truncate BEFORE TRUNCATE ON measure_answers
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('measure answers are append-only');
