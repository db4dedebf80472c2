CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"rule_id" text NOT NULL,
	"rule_version" integer NOT NULL,
	"inputs" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"acknowledged_by" text,
	"acknowledged_at" timestamp (3) with time zone,
	"acknowledge_note" text,
	"resolved_by" text,
	"resolved_at" timestamp (3) with time zone,
	CONSTRAINT "alerts_severity_check" CHECK (severity in ('critical', 'high', 'medium', 'low')),
	CONSTRAINT "alerts_status_check" CHECK (status in ('open', 'acknowledged', 'resolved'))
);
--> statement-breakpoint
ALTER TABLE "alerts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "audit_checks" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"checked_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"rows_checked" integer NOT NULL,
	"chain_length" integer NOT NULL,
	"last_event_id" text,
	"last_hash" text,
	"broken_event_id" text,
	"broken_position" integer,
	"problem" text,
	CONSTRAINT "audit_checks_status_check" CHECK (status in ('ok', 'broken')),
	CONSTRAINT "audit_checks_problem_check" CHECK (problem is null or problem in ('hash-mismatch', 'link-broken', 'missing', 'anchor-mismatch'))
);
--> statement-breakpoint
ALTER TABLE "audit_checks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"patient_id" text,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp (3) with time zone NOT NULL,
	"ip" text,
	"prev_hash" text,
	"hash" text NOT NULL,
	CONSTRAINT "audit_actor_check" CHECK (actor_kind in ('user', 'patient_link', 'system'))
);
--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "check_ins" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"version_id" text,
	"day" text NOT NULL,
	"kind" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"submitted_at" timestamp (3) with time zone NOT NULL,
	"note" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "check_ins_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "check_ins_kind_check" CHECK (kind in ('morning', 'exercise', 'safety')),
	CONSTRAINT "check_ins_day_check" CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
);
--> statement-breakpoint
ALTER TABLE "check_ins" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "clinics" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"phone" text,
	"email" text,
	"emergency_number" text DEFAULT '112' NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "clinics_emergency_number_check" CHECK (emergency_number ~ '^[0-9]' and length(emergency_number) between 2 and 6)
);
--> statement-breakpoint
CREATE TABLE "exercise_logs" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"check_in_id" text NOT NULL,
	"program_item_id" text NOT NULL,
	"sessions_done" integer DEFAULT 1 NOT NULL,
	"sets_done" integer,
	"reps_done" integer,
	"skipped_reason" text,
	CONSTRAINT "exercise_logs_sessions_check" CHECK (sessions_done >= 0),
	CONSTRAINT "exercise_logs_sets_check" CHECK (sets_done is null or sets_done >= 0),
	CONSTRAINT "exercise_logs_reps_check" CHECK (reps_done is null or reps_done >= 0),
	CONSTRAINT "exercise_logs_skip_check" CHECK (skipped_reason is null or skipped_reason in ('too_painful', 'no_time', 'forgot', 'other')),
	CONSTRAINT "exercise_logs_skip_zero_check" CHECK (skipped_reason is null or sessions_done = 0)
);
--> statement-breakpoint
ALTER TABLE "exercise_logs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "exercises" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"sidedness" text DEFAULT 'each_leg' NOT NULL,
	"body_region" text NOT NULL,
	"target_structure" text NOT NULL,
	"summary" text NOT NULL,
	"steps" jsonb NOT NULL,
	"what_to_feel" text NOT NULL,
	"stop_if" text NOT NULL,
	"cautions" jsonb NOT NULL,
	"conditions" jsonb NOT NULL,
	"media" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"default_sets" integer,
	"default_reps" integer,
	"default_hold_seconds" integer,
	"default_rest_seconds" integer,
	"default_duration_seconds" integer,
	"default_sessions_per_day" integer DEFAULT 1 NOT NULL,
	"default_days_per_week" integer DEFAULT 7 NOT NULL,
	"copied_from_id" text,
	"archived_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone,
	CONSTRAINT "exercises_category_check" CHECK (category in ('neural_glide', 'mobility_stretch', 'strengthening', 'soft_tissue', 'cardio')),
	CONSTRAINT "exercises_region_check" CHECK (body_region in ('knee', 'hip', 'thigh', 'lower_leg', 'whole_leg', 'lower_back')),
	CONSTRAINT "exercises_sidedness_check" CHECK (sidedness in ('together', 'each_leg', 'one_leg')),
	CONSTRAINT "exercises_sets_check" CHECK (default_sets is null or default_sets >= 1),
	CONSTRAINT "exercises_reps_check" CHECK (default_reps is null or default_reps >= 1),
	CONSTRAINT "exercises_hold_check" CHECK (default_hold_seconds is null or default_hold_seconds >= 0),
	CONSTRAINT "exercises_rest_check" CHECK (default_rest_seconds is null or default_rest_seconds >= 0),
	CONSTRAINT "exercises_duration_check" CHECK (default_duration_seconds is null or default_duration_seconds >= 1),
	CONSTRAINT "exercises_spd_check" CHECK (default_sessions_per_day between 1 and 10),
	CONSTRAINT "exercises_dpw_check" CHECK (default_days_per_week between 1 and 7)
);
--> statement-breakpoint
ALTER TABLE "exercises" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"kind" text NOT NULL,
	"user_id" text NOT NULL,
	"alert_id" text,
	"dedupe_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone NOT NULL,
	"last_error" text,
	"sent_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "outbox_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "outbox_kind_check" CHECK (kind in ('alert_email')),
	CONSTRAINT "outbox_status_check" CHECK (status in ('pending', 'sent', 'failed')),
	CONSTRAINT "outbox_attempts_check" CHECK (attempts >= 0)
);
--> statement-breakpoint
ALTER TABLE "outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pain_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"check_in_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"day" text NOT NULL,
	"context" text NOT NULL,
	"score" integer NOT NULL,
	CONSTRAINT "pain_reports_score_check" CHECK (score between 0 and 10),
	CONSTRAINT "pain_reports_context_check" CHECK (context in ('morning', 'during', 'after', 'next_morning'))
);
--> statement-breakpoint
ALTER TABLE "pain_reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "patient_links" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"last_used_at" timestamp (3) with time zone,
	CONSTRAINT "patient_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "patient_links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "patient_summaries" (
	"patient_id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"day" text NOT NULL,
	"computed_at" timestamp (3) with time zone NOT NULL,
	"valid_until" timestamp (3) with time zone NOT NULL,
	"version_number" integer,
	"version_reason" text,
	"version_from_day" text,
	"program_start_day" text,
	"last_check_in_at" timestamp (3) with time zone,
	"last_check_in_day" text,
	"adherence_7" double precision,
	"adherence_28" double precision,
	"morning_pain" double precision,
	"morning_reports_7" integer DEFAULT 0 NOT NULL,
	"baseline_pain" double precision,
	"pain_change" double precision,
	"improved" boolean DEFAULT false NOT NULL,
	"worsening" boolean DEFAULT false NOT NULL,
	"advice" text,
	"advice_rule" text,
	"red_flag" boolean DEFAULT false NOT NULL,
	CONSTRAINT "patient_summaries_advice_check" CHECK (advice is null or advice in ('regress', 'hold', 'progress', 'not_enough_data'))
);
--> statement-breakpoint
ALTER TABLE "patient_summaries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "patients" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"primary_clinician_id" text NOT NULL,
	"display_name" text NOT NULL,
	"year_of_birth" integer NOT NULL,
	"condition" text NOT NULL,
	"affected_side" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"time_zone" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"discharged_at" timestamp (3) with time zone,
	CONSTRAINT "patients_condition_check" CHECK (condition in ('knee_nerve_pain', 'medial_knee_pain', 'runners_knee', 'sciatica_knee_pain')),
	CONSTRAINT "patients_side_check" CHECK (affected_side in ('left', 'right', 'both')),
	CONSTRAINT "patients_status_check" CHECK (status in ('active', 'discharged')),
	CONSTRAINT "patients_year_check" CHECK (year_of_birth between 1900 and 2100),
	CONSTRAINT "patients_name_check" CHECK (length(trim(display_name)) > 0)
);
--> statement-breakpoint
ALTER TABLE "patients" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "program_items" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"version_id" text NOT NULL,
	"exercise_id" text NOT NULL,
	"position" integer NOT NULL,
	"sets" integer,
	"reps" integer,
	"hold_seconds" integer,
	"rest_seconds" integer,
	"duration_seconds" integer,
	"sessions_per_day" integer DEFAULT 1 NOT NULL,
	"days_per_week" integer DEFAULT 7 NOT NULL,
	"side" text DEFAULT 'both' NOT NULL,
	"load_kg" double precision,
	"band_colour" text,
	"notes" text,
	CONSTRAINT "program_items_side_check" CHECK (side in ('left', 'right', 'both')),
	CONSTRAINT "program_items_band_check" CHECK (band_colour is null or band_colour in ('tan', 'yellow', 'red', 'green', 'blue', 'black', 'silver', 'gold')),
	CONSTRAINT "program_items_load_check" CHECK (load_kg is null or load_kg >= 0),
	CONSTRAINT "program_items_one_load_check" CHECK (load_kg is null or band_colour is null),
	CONSTRAINT "program_items_sets_check" CHECK (sets is null or sets >= 1),
	CONSTRAINT "program_items_reps_check" CHECK (reps is null or reps >= 1),
	CONSTRAINT "program_items_hold_check" CHECK (hold_seconds is null or hold_seconds >= 0),
	CONSTRAINT "program_items_rest_check" CHECK (rest_seconds is null or rest_seconds >= 0),
	CONSTRAINT "program_items_duration_check" CHECK (duration_seconds is null or duration_seconds >= 1),
	CONSTRAINT "program_items_spd_check" CHECK (sessions_per_day between 1 and 10),
	CONSTRAINT "program_items_dpw_check" CHECK (days_per_week between 1 and 7)
);
--> statement-breakpoint
ALTER TABLE "program_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "program_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"condition" text NOT NULL,
	"description" text NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "templates_condition_check" CHECK (condition in ('knee_nerve_pain', 'medial_knee_pain', 'runners_knee', 'sciatica_knee_pain'))
);
--> statement-breakpoint
ALTER TABLE "program_templates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "program_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"program_id" text NOT NULL,
	"number" integer NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"author_id" text NOT NULL,
	"effective_from" timestamp (3) with time zone NOT NULL,
	"pain_limit" integer DEFAULT 5 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "program_versions_reason_check" CHECK (reason in ('initial', 'progress', 'hold', 'regress', 'edit')),
	CONSTRAINT "program_versions_pain_limit_check" CHECK (pain_limit between 0 and 10),
	CONSTRAINT "program_versions_number_check" CHECK (number >= 1)
);
--> statement-breakpoint
ALTER TABLE "program_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "programs" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone,
	CONSTRAINT "programs_status_check" CHECK (status in ('active', 'ended'))
);
--> statement-breakpoint
ALTER TABLE "programs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "red_flag_answers" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"check_in_id" text NOT NULL,
	"question_set" integer DEFAULT 1 NOT NULL,
	"question_id" text NOT NULL,
	"answer" boolean NOT NULL,
	CONSTRAINT "red_flag_answers_set_check" CHECK (question_set >= 1)
);
--> statement-breakpoint
ALTER TABLE "red_flag_answers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "safety_postponements" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"week_start" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"postponed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "safety_postponements_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "safety_postponements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "sign_in_throttle_kind_check" CHECK (kind in ('account', 'address')),
	CONSTRAINT "sign_in_throttle_failures_check" CHECK (failures >= 0)
);
--> statement-breakpoint
CREATE TABLE "template_items" (
	"id" text PRIMARY KEY NOT NULL,
	"template_id" text NOT NULL,
	"exercise_id" text NOT NULL,
	"position" integer NOT NULL,
	"sets" integer,
	"reps" integer,
	"hold_seconds" integer,
	"rest_seconds" integer,
	"duration_seconds" integer,
	"sessions_per_day" integer DEFAULT 1 NOT NULL,
	"days_per_week" integer DEFAULT 7 NOT NULL,
	"notes" text,
	CONSTRAINT "template_items_sets_check" CHECK (sets is null or sets >= 1),
	CONSTRAINT "template_items_reps_check" CHECK (reps is null or reps >= 1),
	CONSTRAINT "template_items_hold_check" CHECK (hold_seconds is null or hold_seconds >= 0),
	CONSTRAINT "template_items_rest_check" CHECK (rest_seconds is null or rest_seconds >= 0),
	CONSTRAINT "template_items_duration_check" CHECK (duration_seconds is null or duration_seconds >= 1),
	CONSTRAINT "template_items_spd_check" CHECK (sessions_per_day between 1 and 10),
	CONSTRAINT "template_items_dpw_check" CHECK (days_per_week between 1 and 7)
);
--> statement-breakpoint
CREATE TABLE "user_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"kind" text NOT NULL,
	"token_hash" text NOT NULL,
	"email" text NOT NULL,
	"role" text,
	"user_id" text,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"used_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	CONSTRAINT "user_tokens_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "user_tokens_kind_check" CHECK (kind in ('invite', 'password_reset')),
	CONSTRAINT "user_tokens_role_check" CHECK (role is null or role in ('admin', 'clinician')),
	CONSTRAINT "user_tokens_shape_check" CHECK ((kind = 'invite' and role is not null) or (kind = 'password_reset' and user_id is not null))
);
--> statement-breakpoint
ALTER TABLE "user_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"last_login_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_role_check" CHECK (role in ('admin', 'clinician')),
	CONSTRAINT "users_email_lower_check" CHECK (email = lower(email)),
	CONSTRAINT "users_session_version_check" CHECK (session_version >= 1)
);
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_checks" ADD CONSTRAINT "audit_checks_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_version_id_program_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."program_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_logs" ADD CONSTRAINT "exercise_logs_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_logs" ADD CONSTRAINT "exercise_logs_check_in_id_check_ins_id_fk" FOREIGN KEY ("check_in_id") REFERENCES "public"."check_ins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_logs" ADD CONSTRAINT "exercise_logs_program_item_id_program_items_id_fk" FOREIGN KEY ("program_item_id") REFERENCES "public"."program_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercises" ADD CONSTRAINT "exercises_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pain_reports" ADD CONSTRAINT "pain_reports_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pain_reports" ADD CONSTRAINT "pain_reports_check_in_id_check_ins_id_fk" FOREIGN KEY ("check_in_id") REFERENCES "public"."check_ins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pain_reports" ADD CONSTRAINT "pain_reports_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_links" ADD CONSTRAINT "patient_links_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_links" ADD CONSTRAINT "patient_links_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_links" ADD CONSTRAINT "patient_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_summaries" ADD CONSTRAINT "patient_summaries_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_summaries" ADD CONSTRAINT "patient_summaries_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_primary_clinician_id_users_id_fk" FOREIGN KEY ("primary_clinician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_items" ADD CONSTRAINT "program_items_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_items" ADD CONSTRAINT "program_items_version_id_program_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."program_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_items" ADD CONSTRAINT "program_items_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_templates" ADD CONSTRAINT "program_templates_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_versions" ADD CONSTRAINT "program_versions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_versions" ADD CONSTRAINT "program_versions_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_versions" ADD CONSTRAINT "program_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_flag_answers" ADD CONSTRAINT "red_flag_answers_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_flag_answers" ADD CONSTRAINT "red_flag_answers_check_in_id_check_ins_id_fk" FOREIGN KEY ("check_in_id") REFERENCES "public"."check_ins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_postponements" ADD CONSTRAINT "safety_postponements_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_postponements" ADD CONSTRAINT "safety_postponements_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_items" ADD CONSTRAINT "template_items_template_id_program_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."program_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_items" ADD CONSTRAINT "template_items_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alerts_clinic_status_idx" ON "alerts" USING btree ("clinic_id","status");--> statement-breakpoint
CREATE INDEX "alerts_patient_idx" ON "alerts" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_open_rule_idx" ON "alerts" USING btree ("patient_id","rule_id") WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX "audit_checks_clinic_idx" ON "audit_checks" USING btree ("clinic_id");--> statement-breakpoint
CREATE INDEX "audit_clinic_idx" ON "audit_events" USING btree ("clinic_id");--> statement-breakpoint
CREATE INDEX "check_ins_patient_day_idx" ON "check_ins" USING btree ("patient_id","day");--> statement-breakpoint
CREATE INDEX "exercise_logs_check_in_idx" ON "exercise_logs" USING btree ("check_in_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exercises_clinic_slug_idx" ON "exercises" USING btree ("clinic_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "exercises_shared_slug_idx" ON "exercises" USING btree ("slug") WHERE clinic_id is null;--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_alert_idx" ON "outbox" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "pain_reports_patient_day_idx" ON "pain_reports" USING btree ("patient_id","day");--> statement-breakpoint
CREATE INDEX "patient_links_patient_idx" ON "patient_links" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "patient_summaries_clinic_idx" ON "patient_summaries" USING btree ("clinic_id","adherence_7");--> statement-breakpoint
CREATE INDEX "patient_summaries_valid_idx" ON "patient_summaries" USING btree ("valid_until");--> statement-breakpoint
CREATE INDEX "patients_clinic_idx" ON "patients" USING btree ("clinic_id","status");--> statement-breakpoint
CREATE INDEX "patients_clinician_idx" ON "patients" USING btree ("primary_clinician_id");--> statement-breakpoint
CREATE UNIQUE INDEX "program_items_position_idx" ON "program_items" USING btree ("version_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "templates_clinic_slug_idx" ON "program_templates" USING btree ("clinic_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "templates_shared_slug_idx" ON "program_templates" USING btree ("slug") WHERE clinic_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX "program_versions_number_idx" ON "program_versions" USING btree ("program_id","number");--> statement-breakpoint
CREATE INDEX "programs_patient_idx" ON "programs" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programs_one_active_idx" ON "programs" USING btree ("patient_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "red_flag_answers_check_in_idx" ON "red_flag_answers" USING btree ("check_in_id");--> statement-breakpoint
CREATE INDEX "safety_postponements_patient_week_idx" ON "safety_postponements" USING btree ("patient_id","week_start");--> statement-breakpoint
CREATE INDEX "sign_in_throttle_last_failure_idx" ON "sign_in_throttle" USING btree ("last_failure_at");--> statement-breakpoint
CREATE UNIQUE INDEX "template_items_position_idx" ON "template_items" USING btree ("template_id","position");--> statement-breakpoint
CREATE INDEX "user_tokens_clinic_idx" ON "user_tokens" USING btree ("clinic_id","kind");--> statement-breakpoint
CREATE INDEX "users_clinic_idx" ON "users" USING btree ("clinic_id");--> statement-breakpoint
CREATE POLICY "alerts_clinic_isolation" ON "alerts" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "audit_checks_clinic_isolation" ON "audit_checks" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "audit_events_clinic_isolation" ON "audit_events" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "check_ins_clinic_isolation" ON "check_ins" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "exercise_logs_clinic_isolation" ON "exercise_logs" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "exercises_clinic_isolation" ON "exercises" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "exercises_shared_read" ON "exercises" AS PERMISSIVE FOR SELECT TO public USING (clinic_id is null);--> statement-breakpoint
CREATE POLICY "outbox_clinic_isolation" ON "outbox" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "pain_reports_clinic_isolation" ON "pain_reports" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "patient_links_clinic_isolation" ON "patient_links" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "patient_summaries_clinic_isolation" ON "patient_summaries" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "patients_clinic_isolation" ON "patients" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "program_items_clinic_isolation" ON "program_items" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "program_templates_clinic_isolation" ON "program_templates" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "program_templates_shared_read" ON "program_templates" AS PERMISSIVE FOR SELECT TO public USING (clinic_id is null);--> statement-breakpoint
CREATE POLICY "program_versions_clinic_isolation" ON "program_versions" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "programs_clinic_isolation" ON "programs" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "red_flag_answers_clinic_isolation" ON "red_flag_answers" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "safety_postponements_clinic_isolation" ON "safety_postponements" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "user_tokens_clinic_isolation" ON "user_tokens" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "users_clinic_isolation" ON "users" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');