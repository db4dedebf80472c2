import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clinics } from "./clinics";
import { id, inList, timestamp } from "./columns";

export const AUDIT_CHECK_STATUSES = ["ok", "broken"] as const;
/** The verifier's problems (server/audit-verify.ts CHAIN_PROBLEMS), repeated for the CHECK. */
export const AUDIT_CHECK_PROBLEMS = [
  "hash-mismatch",
  "link-broken",
  "missing",
  "anchor-mismatch",
] as const;

/**
 * One row per scheduled check of a clinic's audit chain (decision 021). A check that passed records
 * the last row it verified, where the next check resumes; one that failed records the first row
 * that did not fit, for the admins' warning. Hashes, positions and row ids only: no content.
 */
export const auditChecks = sqliteTable(
  "audit_checks",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    checkedAt: timestamp("checked_at").notNull(),
    status: text("status", { enum: AUDIT_CHECK_STATUSES }).notNull(),
    rowsChecked: integer("rows_checked").notNull(),
    /** The chain's length up to `lastEventId`, the last row verified. */
    chainLength: integer("chain_length").notNull(),
    lastEventId: text("last_event_id"),
    lastHash: text("last_hash"),
    brokenEventId: text("broken_event_id"),
    brokenPosition: integer("broken_position"),
    problem: text("problem", { enum: AUDIT_CHECK_PROBLEMS }),
  },
  (t) => [
    // The latest check of a clinic, and its latest good one, read in rowid order from the end.
    index("audit_checks_clinic_idx").on(t.clinicId),
    check("audit_checks_status_check", sql.raw(inList("status", AUDIT_CHECK_STATUSES))),
    check(
      "audit_checks_problem_check",
      sql.raw(`problem is null or ${inList("problem", AUDIT_CHECK_PROBLEMS)}`),
    ),
  ],
);
