import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import type { ClinicTables } from "./clinics";
import { inList } from "./columns";
import { ADVICE_VALUES } from "./enums";
import type { PatientTables } from "./patients";

export function defineSummaryTables(
  d: Dialect,
  { clinics, patients }: Pick<ClinicTables, "clinics"> & Pick<PatientTables, "patients">,
) {
  /**
   * The caseload figures of one patient (CLINICAL.md), worked out by `server/domain` and stored so
   * the caseload can sort and filter 2,000 patients in SQL. Rewritten in the same transaction as
   * every check-in and program change, and by the sweep when the patient's day has moved on
   * (`valid_until`); never edited by hand. Decision 010.
   */
  const patientSummaries = d.table(
    "patient_summaries",
    {
      patientId: d
        .ref("patient_id")
        .primaryKey()
        .references(() => patients.id),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      /** The patient's calendar day the figures are for. */
      day: d.text("day").notNull(),
      computedAt: d.timestamp("computed_at").notNull(),
      /** The next midnight in the patient's zone: after it the windows have moved. */
      validUntil: d.timestamp("valid_until").notNull(),
      /** Null without an active program. */
      versionNumber: d.int("version_number"),
      versionReason: d.text("version_reason"),
      versionFromDay: d.text("version_from_day"),
      programStartDay: d.text("program_start_day"),
      lastCheckInAt: d.timestamp("last_check_in_at"),
      lastCheckInDay: d.text("last_check_in_day"),
      adherence7: d.double("adherence_7"),
      adherence28: d.double("adherence_28"),
      /** Mean `morning` pain of the 7 days ending today (3 reports at least). */
      morningPain: d.double("morning_pain"),
      morningReports7: d.int("morning_reports_7").notNull().default(0),
      baselinePain: d.double("baseline_pain"),
      /** morningPain − baselinePain; negative is better. */
      painChange: d.double("pain_change"),
      improved: d.bool("improved").notNull().default(false),
      worsening: d.bool("worsening").notNull().default(false),
      /** Null without a program or while a red flag bypasses all other scoring. */
      advice: d.enumText("advice", ADVICE_VALUES),
      adviceRule: d.text("advice_rule"),
      /**
       * The advice's inputs and unmet conditions as the record page shows them (server/domain's
       * `AdviceResult` without the two fields above), so the page reads today's advice here
       * instead of working it out again (decision 037). `{}` when there is no advice; null on a
       * row the re-evaluation did not write (a test factory's, or one from before the column).
       */
      adviceDetail: d.json<Record<string, unknown>>("advice_detail"),
      redFlag: d.bool("red_flag").notNull().default(false),
      /**
       * The patient's messages nobody at the clinic has read yet, kept by the messages service in
       * the transaction that sends or reads them (never by the re-evaluation above), so the
       * caseload and the menu count need no join.
       */
      unreadMessages: d.int("unread_messages").notNull().default(0),
      /**
       * The latest outcome measure score, its change from the patient's first score of that
       * measure, and whether the change reaches the measure's minimal important change: kept by the
       * measures service in the answer's transaction (never by the re-evaluation above).
       */
      outcomeMeasureId: d.text("outcome_measure_id"),
      outcomeScore: d.double("outcome_score"),
      outcomeChange: d.double("outcome_change"),
      outcomeMeaningful: d.bool("outcome_meaningful"),
      outcomeDay: d.text("outcome_day"),
    },
    (t) => [
      d.index("patient_summaries_clinic_idx").on(t.clinicId, t.adherence7),
      d.index("patient_summaries_valid_idx").on(t.validUntil),
      d.index("patient_summaries_unread_idx").on(t.clinicId, t.unreadMessages),
      d.check(
        "patient_summaries_advice_check",
        sql.raw(`advice is null or ${inList("advice", ADVICE_VALUES)}`),
      ),
      ...d.tenantPolicies("patient_summaries", "clinic_id"),
    ],
  );

  return { patientSummaries };
}
