DROP INDEX "audit_clinic_idx";--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "seq" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash_format" integer NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_clinic_seq_idx" ON "audit_events" USING btree ("clinic_id","seq");--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_seq_check" CHECK (seq >= 1);--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_hash_format_check" CHECK (hash_format in (1, 2));