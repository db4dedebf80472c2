CREATE TABLE "measure_activities" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"measure_id" text NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"retired_at" timestamp (3) with time zone,
	CONSTRAINT "measure_activities_position_check" CHECK (position >= 1)
);
--> statement-breakpoint
ALTER TABLE "measure_activities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "measure_answers" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"response_id" text NOT NULL,
	"item_id" text NOT NULL,
	"item_text" text NOT NULL,
	"position" integer NOT NULL,
	"value" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "measure_answers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "measure_responses" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"schedule_id" text NOT NULL,
	"measure_id" text NOT NULL,
	"measure_version" integer NOT NULL,
	"occurrence_day" text NOT NULL,
	"day" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"submitted_at" timestamp (3) with time zone NOT NULL,
	"score" double precision NOT NULL,
	"program_version_id" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "measure_responses_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "measure_responses_day_check" CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
);
--> statement-breakpoint
ALTER TABLE "measure_responses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "measure_schedules" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"patient_id" text NOT NULL,
	"measure_id" text NOT NULL,
	"kind" text NOT NULL,
	"every_weeks" integer,
	"first_day" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"cancelled_at" timestamp (3) with time zone,
	"cancelled_by" text,
	"cancelled_day" text,
	CONSTRAINT "measure_schedules_kind_check" CHECK (kind in ('start', 'interval', 'discharge')),
	CONSTRAINT "measure_schedules_every_check" CHECK ((kind = 'interval' and every_weeks between 1 and 52) or (kind <> 'interval' and every_weeks is null)),
	CONSTRAINT "measure_schedules_day_check" CHECK (first_day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
);
--> statement-breakpoint
ALTER TABLE "measure_schedules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "patient_summaries" ADD COLUMN "outcome_measure_id" text;--> statement-breakpoint
ALTER TABLE "patient_summaries" ADD COLUMN "outcome_score" double precision;--> statement-breakpoint
ALTER TABLE "patient_summaries" ADD COLUMN "outcome_change" double precision;--> statement-breakpoint
ALTER TABLE "patient_summaries" ADD COLUMN "outcome_meaningful" boolean;--> statement-breakpoint
ALTER TABLE "patient_summaries" ADD COLUMN "outcome_day" text;--> statement-breakpoint
ALTER TABLE "measure_activities" ADD CONSTRAINT "measure_activities_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_activities" ADD CONSTRAINT "measure_activities_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_activities" ADD CONSTRAINT "measure_activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_answers" ADD CONSTRAINT "measure_answers_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_answers" ADD CONSTRAINT "measure_answers_response_id_measure_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."measure_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_responses" ADD CONSTRAINT "measure_responses_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_responses" ADD CONSTRAINT "measure_responses_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_responses" ADD CONSTRAINT "measure_responses_schedule_id_measure_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."measure_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_responses" ADD CONSTRAINT "measure_responses_program_version_id_program_versions_id_fk" FOREIGN KEY ("program_version_id") REFERENCES "public"."program_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_schedules" ADD CONSTRAINT "measure_schedules_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_schedules" ADD CONSTRAINT "measure_schedules_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_schedules" ADD CONSTRAINT "measure_schedules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_schedules" ADD CONSTRAINT "measure_schedules_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measure_activities_patient_idx" ON "measure_activities" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "measure_answers_response_idx" ON "measure_answers" USING btree ("response_id");--> statement-breakpoint
CREATE INDEX "measure_responses_patient_day_idx" ON "measure_responses" USING btree ("patient_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "measure_responses_occurrence_idx" ON "measure_responses" USING btree ("schedule_id","occurrence_day");--> statement-breakpoint
CREATE INDEX "measure_schedules_patient_idx" ON "measure_schedules" USING btree ("patient_id");--> statement-breakpoint
CREATE POLICY "measure_activities_clinic_isolation" ON "measure_activities" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "measure_answers_clinic_isolation" ON "measure_answers" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "measure_responses_clinic_isolation" ON "measure_responses" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "measure_schedules_clinic_isolation" ON "measure_schedules" AS PERMISSIVE FOR ALL TO public USING (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on') WITH CHECK (clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on');