import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import type { ClinicTables } from "./clinics";
import { createdAt, inList } from "./columns";
import { CHECK_IN_KINDS, PAIN_CONTEXTS, SKIP_REASONS } from "./enums";
import type { PatientTables } from "./patients";
import type { ProgramTables } from "./programs";

export function defineCheckInTables(
  d: Dialect,
  {
    clinics,
    patients,
    programVersions,
    programItems,
  }: Pick<ClinicTables, "clinics"> &
    Pick<PatientTables, "patients"> &
    Pick<ProgramTables, "programVersions" | "programItems">,
) {
  const checkIns = d.table(
    "check_ins",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      patientId: d
        .ref("patient_id")
        .notNull()
        .references(() => patients.id),
      /** The version in force when the patient submitted, so history never moves. */
      versionId: d.ref("version_id").references(() => programVersions.id),
      /** Calendar day in the patient's time zone, YYYY-MM-DD. */
      day: d.text("day").notNull(),
      kind: d.enumText("kind", CHECK_IN_KINDS).notNull(),
      /** Made on the phone when the patient taps, so a retry never stores twice. */
      idempotencyKey: d.text("idempotency_key").notNull().unique(),
      submittedAt: d.timestamp("submitted_at").notNull(),
      note: d.text("note"),
      createdAt: createdAt(d),
    },
    (t) => [
      // Clinic and id too, so a patient's window of check-ins joins their logs from the index
      // alone: the figures', charts' and phone's session windows read no check-in row (decision 035).
      d.index("check_ins_patient_day_id_idx").on(t.patientId, t.day, t.clinicId, t.id),
      d.check("check_ins_kind_check", sql.raw(inList("kind", CHECK_IN_KINDS))),
      d.check("check_ins_day_check", d.fragments.isIsoDay("day")),
      ...d.tenantPolicies("check_ins", "clinic_id"),
    ],
  );

  const exerciseLogs = d.table(
    "exercise_logs",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      checkInId: d
        .ref("check_in_id")
        .notNull()
        .references(() => checkIns.id),
      programItemId: d
        .ref("program_item_id")
        .notNull()
        .references(() => programItems.id),
      sessionsDone: d.int("sessions_done").notNull().default(1),
      setsDone: d.int("sets_done"),
      repsDone: d.int("reps_done"),
      skippedReason: d.enumText("skipped_reason", SKIP_REASONS),
    },
    (t) => [
      // Every column the session windows read, so they never visit the table: 90 days of a
      // patient's logs after a commit 2.3 → 1.25 ms on the bench clinic (decision 035).
      d
        .index("exercise_logs_check_in_covering_idx")
        .on(t.checkInId, t.programItemId, t.sessionsDone, t.setsDone, t.repsDone, t.skippedReason),
      // No index on program_item_id: items are never deleted (a trigger refuses it), so the foreign
      // key is never checked from that side, and no query reads logs by item alone (decision 018).
      d.check("exercise_logs_sessions_check", sql`sessions_done >= 0`),
      d.check("exercise_logs_sets_check", sql`sets_done is null or sets_done >= 0`),
      d.check("exercise_logs_reps_check", sql`reps_done is null or reps_done >= 0`),
      d.check(
        "exercise_logs_skip_check",
        sql.raw(`skipped_reason is null or ${inList("skipped_reason", SKIP_REASONS)}`),
      ),
      d.check("exercise_logs_skip_zero_check", sql`skipped_reason is null or sessions_done = 0`),
      ...d.tenantPolicies("exercise_logs", "clinic_id"),
    ],
  );

  const painReports = d.table(
    "pain_reports",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      checkInId: d
        .ref("check_in_id")
        .notNull()
        .references(() => checkIns.id),
      /** Copied from the check-in so the charts read one index. */
      patientId: d
        .ref("patient_id")
        .notNull()
        .references(() => patients.id),
      day: d.text("day").notNull(),
      context: d.enumText("context", PAIN_CONTEXTS).notNull(),
      score: d.int("score").notNull(),
    },
    (t) => [
      // Context, score and clinic too, so the figures, charts and the phone's pages read a
      // patient's pain from the index alone: a year's chart on a reader whose cache a commit has
      // just dropped 4.5 → 1.7 ms on the bench clinic (decision 034).
      d
        .index("pain_reports_patient_day_score_idx")
        .on(t.patientId, t.day, t.context, t.score, t.clinicId),
      d.check("pain_reports_score_check", sql`score between 0 and 10`),
      d.check("pain_reports_context_check", sql.raw(inList("context", PAIN_CONTEXTS))),
      ...d.tenantPolicies("pain_reports", "clinic_id"),
    ],
  );

  const redFlagAnswers = d.table(
    "red_flag_answers",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      checkInId: d
        .ref("check_in_id")
        .notNull()
        .references(() => checkIns.id),
      /** The question set the patient was shown (CLINICAL.md, "Red flags"): ids mean different things per set. */
      questionSet: d.int("question_set").notNull().default(1),
      questionId: d.text("question_id").notNull(),
      answer: d.bool("answer").notNull(),
    },
    (t) => [
      d.index("red_flag_answers_check_in_idx").on(t.checkInId),
      d.check("red_flag_answers_set_check", sql`question_set >= 1`),
      ...d.tenantPolicies("red_flag_answers", "clinic_id"),
    ],
  );

  /**
   * "Answer later" on the weekly safety check, one row a tap (CLINICAL.md: at most twice for one
   * week's check). The key makes a retried tap from an offline phone count once.
   */
  const safetyPostponements = d.table(
    "safety_postponements",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      patientId: d
        .ref("patient_id")
        .notNull()
        .references(() => patients.id),
      /** The Monday of the ISO week whose check was postponed, in the patient's time zone. */
      weekStart: d.text("week_start").notNull(),
      idempotencyKey: d.text("idempotency_key").notNull().unique(),
      postponedAt: d.timestamp("postponed_at").notNull(),
    },
    (t) => [
      d.index("safety_postponements_patient_week_idx").on(t.patientId, t.weekStart),
      ...d.tenantPolicies("safety_postponements", "clinic_id"),
    ],
  );

  return { checkIns, exerciseLogs, painReports, redFlagAnswers, safetyPostponements };
}
