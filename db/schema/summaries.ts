import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clinics } from "./clinics";
import { inList, timestamp } from "./columns";
import { ADVICE_VALUES } from "./enums";
import { patients } from "./patients";

/**
 * The caseload figures of one patient (CLINICAL.md), worked out by `server/domain` and stored so
 * the caseload can sort and filter 2,000 patients in SQL. Rewritten in the same transaction as
 * every check-in and program change, and by the sweep when the patient's day has moved on
 * (`valid_until`); never edited by hand. Decision 010.
 */
export const patientSummaries = sqliteTable(
  "patient_summaries",
  {
    patientId: text("patient_id")
      .primaryKey()
      .references(() => patients.id),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    /** The patient's calendar day the figures are for. */
    day: text("day").notNull(),
    computedAt: timestamp("computed_at").notNull(),
    /** The next midnight in the patient's zone: after it the windows have moved. */
    validUntil: timestamp("valid_until").notNull(),
    /** Null without an active program. */
    versionNumber: integer("version_number"),
    versionReason: text("version_reason"),
    versionFromDay: text("version_from_day"),
    programStartDay: text("program_start_day"),
    lastCheckInAt: timestamp("last_check_in_at"),
    lastCheckInDay: text("last_check_in_day"),
    adherence7: real("adherence_7"),
    adherence28: real("adherence_28"),
    /** Mean `morning` pain of the 7 days ending today (3 reports at least). */
    morningPain: real("morning_pain"),
    morningReports7: integer("morning_reports_7").notNull().default(0),
    baselinePain: real("baseline_pain"),
    /** morningPain − baselinePain; negative is better. */
    painChange: real("pain_change"),
    improved: integer("improved", { mode: "boolean" }).notNull().default(false),
    worsening: integer("worsening", { mode: "boolean" }).notNull().default(false),
    /** Null without a program or while a red flag bypasses all other scoring. */
    advice: text("advice", { enum: ADVICE_VALUES }),
    adviceRule: text("advice_rule"),
    redFlag: integer("red_flag", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    index("patient_summaries_clinic_idx").on(t.clinicId, t.adherence7),
    index("patient_summaries_valid_idx").on(t.validUntil),
    check(
      "patient_summaries_advice_check",
      sql.raw(`advice is null or ${inList("advice", ADVICE_VALUES)}`),
    ),
  ],
);
