import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import type { ClinicTables } from "./clinics";
import { createdAt, inList } from "./columns";
import { GOAL_STATUSES, NOTE_FORMATS } from "./enums";
import type { PatientTables } from "./patients";
import type { ProgramTables } from "./programs";

/**
 * Goals set with the patient, clinical notes and discharge summaries (issue 15, parts 2–4;
 * decision 030). Notes and their revisions and the summaries are append-only (triggers in the
 * migrations): an edit is a new revision, so what a note said at any time stays readable.
 */
export function defineGoalNoteTables(
  d: Dialect,
  {
    clinics,
    users,
    patients,
    programs,
  }: ClinicTables & Pick<PatientTables, "patients"> & Pick<ProgramTables, "programs">,
) {
  /** A SMART goal: what, how it is measured, the target and the day it should be reached by. */
  const goals = d.table(
    "goals",
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
      createdBy: d
        .ref("created_by")
        .notNull()
        .references(() => users.id),
      what: d.text("what").notNull(),
      measure: d.text("measure").notNull(),
      target: d.text("target").notNull(),
      /** YYYY-MM-DD in the patient's time zone. */
      targetDay: d.text("target_day").notNull(),
      /**
       * The Patient-Specific Functional Scale activity the goal is about, when it is one (the
       * outcome measures' table; a plain id until both sides agree on a key).
       */
      psfsActivityId: d.ref("psfs_activity_id"),
      status: d.enumText("status", GOAL_STATUSES).notNull().default("active"),
      statusChangedAt: d.timestamp("status_changed_at").notNull(),
      statusChangedBy: d
        .ref("status_changed_by")
        .notNull()
        .references(() => users.id),
      createdAt: createdAt(d),
      updatedAt: d.timestamp("updated_at").notNull(),
    },
    (t) => [
      d.index("goals_patient_idx").on(t.patientId, t.createdAt),
      d.check("goals_status_check", sql.raw(inList("status", GOAL_STATUSES))),
      d.check("goals_target_day_check", d.fragments.isIsoDay("target_day")),
      d.check("goals_what_check", sql`length(trim(what)) > 0`),
      ...d.tenantPolicies("goals", "clinic_id"),
    ],
  );

  /** One note; what it says lives in its revisions, the newest being the note as it stands. */
  const clinicalNotes = d.table(
    "clinical_notes",
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
      /** The only person who may edit it. */
      authorId: d
        .ref("author_id")
        .notNull()
        .references(() => users.id),
      createdAt: createdAt(d),
    },
    (t) => [
      d.index("clinical_notes_patient_idx").on(t.patientId, t.createdAt),
      ...d.tenantPolicies("clinical_notes", "clinic_id"),
    ],
  );

  const clinicalNoteRevisions = d.table(
    "clinical_note_revisions",
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
      noteId: d
        .ref("note_id")
        .notNull()
        .references(() => clinicalNotes.id),
      number: d.int("number").notNull(),
      /** The day the note is about (a visit, a call), YYYY-MM-DD in the patient's time zone. */
      day: d.text("day").notNull(),
      format: d.enumText("format", NOTE_FORMATS).notNull(),
      /** The free text; null in a SOAP note. */
      body: d.text("body"),
      subjective: d.text("subjective"),
      objective: d.text("objective"),
      assessment: d.text("assessment"),
      plan: d.text("plan"),
      createdAt: createdAt(d),
    },
    (t) => [
      d.uniqueIndex("clinical_note_revisions_number_idx").on(t.noteId, t.number),
      d.index("clinical_note_revisions_patient_idx").on(t.patientId, t.noteId),
      d.check("clinical_note_revisions_number_check", sql`number >= 1`),
      d.check("clinical_note_revisions_day_check", d.fragments.isIsoDay("day")),
      d.check("clinical_note_revisions_format_check", sql.raw(inList("format", NOTE_FORMATS))),
      ...d.tenantPolicies("clinical_note_revisions", "clinic_id"),
    ],
  );

  /**
   * Written by the discharge itself: the episode it closes and the clinician's closing note. The
   * figures are worked out from the record whenever the summary is shown, so they never drift from
   * the history they describe (which is itself append-only).
   */
  const dischargeSummaries = d.table(
    "discharge_summaries",
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
      /** The program the discharge ended; null when the patient had none. */
      programId: d.ref("program_id").references(() => programs.id),
      episodeStartedAt: d.timestamp("episode_started_at").notNull(),
      dischargedAt: d.timestamp("discharged_at").notNull(),
      authorId: d
        .ref("author_id")
        .notNull()
        .references(() => users.id),
      closingNote: d.text("closing_note").notNull(),
      createdAt: createdAt(d),
    },
    (t) => [
      d.index("discharge_summaries_patient_idx").on(t.patientId, t.dischargedAt),
      d.check("discharge_summaries_note_check", sql`length(trim(closing_note)) > 0`),
      ...d.tenantPolicies("discharge_summaries", "clinic_id"),
    ],
  );

  return { goals, clinicalNotes, clinicalNoteRevisions, dischargeSummaries };
}

export type GoalNoteTables = ReturnType<typeof defineGoalNoteTables>;
