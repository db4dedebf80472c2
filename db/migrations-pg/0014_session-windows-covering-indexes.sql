DROP INDEX "check_ins_patient_day_idx";--> statement-breakpoint
DROP INDEX "exercise_logs_check_in_idx";--> statement-breakpoint
CREATE INDEX "check_ins_patient_day_id_idx" ON "check_ins" USING btree ("patient_id","day","clinic_id","id");--> statement-breakpoint
CREATE INDEX "exercise_logs_check_in_covering_idx" ON "exercise_logs" USING btree ("check_in_id","program_item_id","sessions_done","sets_done","reps_done","skipped_reason");