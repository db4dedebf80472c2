DROP INDEX "pain_reports_patient_day_idx";--> statement-breakpoint
CREATE INDEX "pain_reports_patient_day_score_idx" ON "pain_reports" USING btree ("patient_id","day","context","score","clinic_id");