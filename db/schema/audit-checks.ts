import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import type { ClinicTables } from "./clinics";
import { inList } from "./columns";

export const AUDIT_CHECK_STATUSES = ["ok", "broken"] as const;
/** The verifier's problems (server/audit-verify.ts CHAIN_PROBLEMS), repeated for the CHECK. */
export const AUDIT_CHECK_PROBLEMS = [
  "hash-mismatch",
  "link-broken",
  "missing",
  "anchor-mismatch",
] as const;

export function defineAuditCheckTables(d: Dialect, { clinics }: Pick<ClinicTables, "clinics">) {
  /**
   * One row per scheduled check of a clinic's audit chain (decision 021). A check that passed
   * records the last row it verified, where the next check resumes; one that failed records the
   * first row that did not fit, for the admins' warning. Hashes, positions and row ids only: no
   * content.
   */
  const auditChecks = d.table(
    "audit_checks",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      checkedAt: d.timestamp("checked_at").notNull(),
      status: d.enumText("status", AUDIT_CHECK_STATUSES).notNull(),
      rowsChecked: d.int("rows_checked").notNull(),
      /** The chain's length up to `lastEventId`, the last row verified. */
      chainLength: d.int("chain_length").notNull(),
      lastEventId: d.ref("last_event_id"),
      lastHash: d.text("last_hash"),
      brokenEventId: d.ref("broken_event_id"),
      brokenPosition: d.int("broken_position"),
      problem: d.enumText("problem", AUDIT_CHECK_PROBLEMS),
    },
    (t) => [
      // The latest check of a clinic, and its latest good one: newest first by id (UUIDv7).
      d.index("audit_checks_clinic_idx").on(t.clinicId),
      d.check("audit_checks_status_check", sql.raw(inList("status", AUDIT_CHECK_STATUSES))),
      d.check(
        "audit_checks_problem_check",
        sql.raw(`problem is null or ${inList("problem", AUDIT_CHECK_PROBLEMS)}`),
      ),
      ...d.tenantPolicies("audit_checks", "clinic_id"),
    ],
  );

  return { auditChecks };
}
