-- Row-level security binds the tables' owner too: the application connects as the owner (one
-- DATABASE_URL), so without FORCE the policies of 0000_init would not apply to it at all.
-- drizzle-kit cannot express FORCE. Every table with a clinic_id is listed (db/identity.test.ts
-- fails on one that is not).
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "user_tokens" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "patients" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "patient_links" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "exercises" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "program_templates" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "programs" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "program_versions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "program_items" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "check_ins" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "exercise_logs" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "pain_reports" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "red_flag_answers" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "safety_postponements" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "alerts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "patient_summaries" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "outbox" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_checks" FORCE ROW LEVEL SECURITY;
