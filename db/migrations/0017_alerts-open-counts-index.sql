DROP INDEX `alerts_clinic_status_idx`;--> statement-breakpoint
CREATE INDEX `alerts_clinic_status_severity_idx` ON `alerts` (`clinic_id`,`status`,`severity`,`patient_id`);