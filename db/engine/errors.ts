/**
 * What a database error means, the same on both engines: which constraint refused the row, or a
 * transaction that lost a race and may be run again. Anything else is "other".
 */
export type DbErrorKind =
  "unique" | "check" | "foreign_key" | "not_null" | "serialization" | "other";

/**
 * better-sqlite3's extended result codes, then PostgreSQL's. A trigger's RAISE(ABORT)
 * (SQLITE_CONSTRAINT_TRIGGER: the append-only audit trail, immutable program versions) is "other",
 * not "check": on PostgreSQL the same refusal is a privilege error (42501) or a trigger's exception
 * (P0001), so "other" is what both engines agree on; and it is a programming error, not a row a
 * user can correct.
 */
const KINDS = new Map<string, DbErrorKind>([
  ["SQLITE_CONSTRAINT_UNIQUE", "unique"],
  ["SQLITE_CONSTRAINT_PRIMARYKEY", "unique"],
  ["SQLITE_CONSTRAINT_ROWID", "unique"],
  ["SQLITE_CONSTRAINT_CHECK", "check"],
  ["SQLITE_CONSTRAINT_FOREIGNKEY", "foreign_key"],
  ["SQLITE_CONSTRAINT_NOTNULL", "not_null"],
  // A read snapshot that cannot become a write after another commit: run the transaction again.
  ["SQLITE_BUSY_SNAPSHOT", "serialization"],
  // PostgreSQL's SQLSTATE codes (class 23, integrity constraint violation; class 40, rollback).
  ["23505", "unique"],
  ["23514", "check"],
  ["23503", "foreign_key"],
  ["23502", "not_null"],
  ["40001", "serialization"],
  ["40P01", "serialization"],
]);

/** drizzle wraps the driver's error in DrizzleQueryError (`.cause`); a few levels are enough. */
const MAX_CAUSES = 5;

/**
 * Reads the kind of a SQLite (`SqliteError.code`) or PostgreSQL (`DatabaseError.code`) error,
 * looking through drizzle's wrapper. Use it instead of matching messages or codes, which differ
 * by engine.
 */
export function dbErrorKind(error: unknown): DbErrorKind {
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSES && typeof current === "object" && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") {
      const kind = KINDS.get(code);
      if (kind !== undefined) return kind;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return "other";
}
