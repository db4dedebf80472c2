DROP INDEX `exercise_logs_item_idx`;--> statement-breakpoint
DROP INDEX `audit_clinic_at_idx`;--> statement-breakpoint
DROP INDEX `audit_patient_idx`;