DROP INDEX "alerts_clinic_status_idx";--> statement-breakpoint
CREATE INDEX "alerts_clinic_status_severity_idx" ON "alerts" USING btree ("clinic_id","status","severity","patient_id");