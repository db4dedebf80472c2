-- Row-level security binds the tables' owner too (see 0002_force-row-level-security): a patient's
-- reminder settings, push subscriptions and calendar feeds (issue 16, decision 032) sit under a
-- clinic_id like every other table.
ALTER TABLE "reminder_settings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "push_subscriptions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "calendar_feeds" FORCE ROW LEVEL SECURITY;
