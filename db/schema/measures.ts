import { sql } from "drizzle-orm";
import { SCHEDULE_KINDS } from "../../lib/measures/kinds";
import type { Dialect } from "../dialects/pg";
import type { ClinicTables } from "./clinics";
import { createdAt, inList } from "./columns";
import type { PatientTables } from "./patients";
import type { ProgramTables } from "./programs";

/**
 * Outcome measures (issue 15, decision 029): what a clinician scheduled for a patient, the
 * patient's own activities for a patient-specific measure (the PSFS), and the patient's answers.
 * The measures themselves are data files (lib/measures), named here by id and version.
 */
export function defineMeasureTables(
  d: Dialect,
  {
    clinics,
    users,
    patients,
    programVersions,
  }: ClinicTables & Pick<PatientTables, "patients"> & Pick<ProgramTables, "programVersions">,
) {
  const measureSchedules = d.table(
    "measure_schedules",
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
      /** A measure's id in lib/measures. */
      measureId: d.text("measure_id").notNull(),
      kind: d.enumText("kind", SCHEDULE_KINDS).notNull(),
      /** Weeks between occurrences, for `interval` only. */
      everyWeeks: d.int("every_weeks"),
      /** The first (or only) day it is due, in the patient's time zone. */
      firstDay: d.text("first_day").notNull(),
      createdBy: d
        .ref("created_by")
        .notNull()
        .references(() => users.id),
      createdAt: createdAt(d),
      cancelledAt: d.timestamp("cancelled_at"),
      cancelledBy: d.ref("cancelled_by").references(() => users.id),
      /** The patient's day it was cancelled: nothing is due from it on. */
      cancelledDay: d.text("cancelled_day"),
    },
    (t) => [
      d.index("measure_schedules_patient_idx").on(t.patientId),
      d.check("measure_schedules_kind_check", sql.raw(inList("kind", SCHEDULE_KINDS))),
      d.check(
        "measure_schedules_every_check",
        sql`(kind = 'interval' and every_weeks between 1 and 52) or (kind <> 'interval' and every_weeks is null)`,
      ),
      d.check("measure_schedules_day_check", d.fragments.isIsoDay("first_day")),
      ...d.tenantPolicies("measure_schedules", "clinic_id"),
    ],
  );

  /**
   * The activities a patient named with their clinician for a patient-specific measure. Replaced
   * activities are retired, never deleted: earlier answers keep pointing at what was asked.
   */
  const measureActivities = d.table(
    "measure_activities",
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
      measureId: d.text("measure_id").notNull(),
      position: d.int("position").notNull(),
      text: d.text("text").notNull(),
      createdBy: d
        .ref("created_by")
        .notNull()
        .references(() => users.id),
      createdAt: createdAt(d),
      retiredAt: d.timestamp("retired_at"),
    },
    (t) => [
      d.index("measure_activities_patient_idx").on(t.patientId),
      d.check("measure_activities_position_check", sql`position >= 1`),
      ...d.tenantPolicies("measure_activities", "clinic_id"),
    ],
  );

  /** One completed questionnaire. Append-only (a trigger refuses changes). */
  const measureResponses = d.table(
    "measure_responses",
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
      scheduleId: d
        .ref("schedule_id")
        .notNull()
        .references(() => measureSchedules.id),
      measureId: d.text("measure_id").notNull(),
      /** The version of the measure's file the patient answered. */
      measureVersion: d.int("measure_version").notNull(),
      /** The occurrence of the schedule this answers: one response each. */
      occurrenceDay: d.text("occurrence_day").notNull(),
      /** The patient's day when they tapped. */
      day: d.text("day").notNull(),
      /** Made on the phone when the patient taps, so a retry never stores twice. */
      idempotencyKey: d.text("idempotency_key").notNull().unique(),
      submittedAt: d.timestamp("submitted_at").notNull(),
      score: d.double("score").notNull(),
      /** The program version in force, for the chart's version markers. */
      programVersionId: d.ref("program_version_id").references(() => programVersions.id),
      createdAt: createdAt(d),
    },
    (t) => [
      d.index("measure_responses_patient_day_idx").on(t.patientId, t.day),
      d.uniqueIndex("measure_responses_occurrence_idx").on(t.scheduleId, t.occurrenceDay),
      d.check("measure_responses_day_check", d.fragments.isIsoDay("day")),
      ...d.tenantPolicies("measure_responses", "clinic_id"),
    ],
  );

  /** Each answer of a response, with the question as the patient read it. Append-only. */
  const measureAnswers = d.table(
    "measure_answers",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      responseId: d
        .ref("response_id")
        .notNull()
        .references(() => measureResponses.id),
      /** The item's id in the measure's file, or the activity's id. */
      itemId: d.text("item_id").notNull(),
      itemText: d.text("item_text").notNull(),
      position: d.int("position").notNull(),
      value: d.int("value").notNull(),
    },
    (t) => [
      d.index("measure_answers_response_idx").on(t.responseId),
      ...d.tenantPolicies("measure_answers", "clinic_id"),
    ],
  );

  return { measureSchedules, measureActivities, measureResponses, measureAnswers };
}

export type MeasureTables = ReturnType<typeof defineMeasureTables>;
