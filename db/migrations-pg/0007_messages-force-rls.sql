-- Row-level security binds the tables' owner too (see 0002_force-row-level-security): the message
-- threads and messages of issue 16 hold health data under a clinic_id, like every other table.
ALTER TABLE "message_threads" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "messages" FORCE ROW LEVEL SECURITY;
