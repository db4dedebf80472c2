import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clinics } from "./clinics";
import { createdAt, id, inList, timestamp } from "./columns";
import { CHECK_IN_KINDS, PAIN_CONTEXTS, SKIP_REASONS } from "./enums";
import { patients } from "./patients";
import { programItems, programVersions } from "./programs";

export const checkIns = sqliteTable(
  "check_ins",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    /** The version in force when the patient submitted, so history never moves. */
    versionId: text("version_id").references(() => programVersions.id),
    /** Calendar day in the patient's time zone, YYYY-MM-DD. */
    day: text("day").notNull(),
    kind: text("kind", { enum: CHECK_IN_KINDS }).notNull(),
    /** Made on the phone when the patient taps, so a retry never stores twice. */
    idempotencyKey: text("idempotency_key").notNull().unique(),
    submittedAt: timestamp("submitted_at").notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    index("check_ins_patient_day_idx").on(t.patientId, t.day),
    check("check_ins_kind_check", sql.raw(inList("kind", CHECK_IN_KINDS))),
    check("check_ins_day_check", sql`day glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`),
  ],
);

export const exerciseLogs = sqliteTable(
  "exercise_logs",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    checkInId: text("check_in_id")
      .notNull()
      .references(() => checkIns.id),
    programItemId: text("program_item_id")
      .notNull()
      .references(() => programItems.id),
    sessionsDone: integer("sessions_done").notNull().default(1),
    setsDone: integer("sets_done"),
    repsDone: integer("reps_done"),
    skippedReason: text("skipped_reason", { enum: SKIP_REASONS }),
  },
  (t) => [
    index("exercise_logs_check_in_idx").on(t.checkInId),
    // No index on program_item_id: items are never deleted (a trigger refuses it), so the foreign
    // key is never checked from that side, and no query reads logs by item alone (decision 018).
    check("exercise_logs_sessions_check", sql`sessions_done >= 0`),
    check("exercise_logs_sets_check", sql`sets_done is null or sets_done >= 0`),
    check("exercise_logs_reps_check", sql`reps_done is null or reps_done >= 0`),
    check(
      "exercise_logs_skip_check",
      sql.raw(`skipped_reason is null or ${inList("skipped_reason", SKIP_REASONS)}`),
    ),
    check("exercise_logs_skip_zero_check", sql`skipped_reason is null or sessions_done = 0`),
  ],
);

export const painReports = sqliteTable(
  "pain_reports",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    checkInId: text("check_in_id")
      .notNull()
      .references(() => checkIns.id),
    /** Copied from the check-in so the charts read one index. */
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    day: text("day").notNull(),
    context: text("context", { enum: PAIN_CONTEXTS }).notNull(),
    score: integer("score").notNull(),
  },
  (t) => [
    index("pain_reports_patient_day_idx").on(t.patientId, t.day),
    check("pain_reports_score_check", sql`score between 0 and 10`),
    check("pain_reports_context_check", sql.raw(inList("context", PAIN_CONTEXTS))),
  ],
);

export const redFlagAnswers = sqliteTable(
  "red_flag_answers",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    checkInId: text("check_in_id")
      .notNull()
      .references(() => checkIns.id),
    /** The question set the patient was shown (CLINICAL.md, "Red flags"): ids mean different things per set. */
    questionSet: integer("question_set").notNull().default(1),
    questionId: text("question_id").notNull(),
    answer: integer("answer", { mode: "boolean" }).notNull(),
  },
  (t) => [
    index("red_flag_answers_check_in_idx").on(t.checkInId),
    check("red_flag_answers_set_check", sql`question_set >= 1`),
  ],
);

/**
 * "Answer later" on the weekly safety check, one row a tap (CLINICAL.md: at most twice for one
 * week's check). The key makes a retried tap from an offline phone count once.
 */
export const safetyPostponements = sqliteTable(
  "safety_postponements",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    /** The Monday of the ISO week whose check was postponed, in the patient's time zone. */
    weekStart: text("week_start").notNull(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    postponedAt: timestamp("postponed_at").notNull(),
  },
  (t) => [index("safety_postponements_patient_week_idx").on(t.patientId, t.weekStart)],
);
