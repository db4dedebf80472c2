import type { Logger } from "drizzle-orm";
import { openSqliteEngine, type SqliteEngine } from "@/db/engine/sqlite";

/**
 * Tables whose rows grow with check-ins, audit events, alerts or patients: reading any of them by
 * scanning the whole table costs more every day a clinic uses Rehabit (issue 11). Small reference
 * tables (clinics, users, exercises, templates) may be scanned.
 */
export const GROWING_TABLES = [
  "check_ins",
  "pain_reports",
  "exercise_logs",
  "red_flag_answers",
  "audit_events",
  "alerts",
  "outbox",
  "safety_postponements",
  "patient_summaries",
  "messages",
  "message_threads",
] as const;

export interface CapturedStatement {
  /** What was running when the statement was issued, e.g. the procedure's path. */
  label: string;
  sql: string;
  params: unknown[];
}

export interface FullScan {
  label: string;
  sql: string;
  table: string;
  /** The plan line that gave it away, e.g. `SCAN pain_reports`. */
  step: string;
}

/** A second engine on the test's SQLite file that records every statement it runs. */
export interface StatementCapture {
  /** Services given this engine behave exactly as with the test's own; only the record is extra. */
  db: SqliteEngine;
  statements: CapturedStatement[];
  /** Runs `work` with every statement it issues recorded under `name`. */
  as<T>(name: string, work: () => T | Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens a second SQLite engine on `file` (the test database's, already migrated) with Drizzle's
 * logger on both its connections, so every statement it runs, prepared once per connection or
 * not, is recorded under the label set with `as`. Calls are labelled one at a time: the label is
 * not carried by the async path, since a group commit runs outside the request that queued it.
 */
export function captureStatements(file: string): StatementCapture {
  const statements: CapturedStatement[] = [];
  let label = "(unlabelled)";
  const logger: Logger = {
    logQuery(sql, params) {
      statements.push({ label, sql, params });
    },
  };
  const db = openSqliteEngine(file, { logger, migrate: false });
  return {
    db,
    statements,
    async as(name, work) {
      const previous = label;
      label = name;
      try {
        return await work();
      } finally {
        label = previous;
      }
    },
    close: () => db.close(),
  };
}

/**
 * SQLite's plan for one statement, one line a step, without running it. Explained on the engine's
 * read-only connection, which plans writes too, so the writer and its open write are never touched.
 */
export function explainStatement(
  db: SqliteEngine,
  sql: string,
  params: readonly unknown[] = [],
): string[] {
  return db.readerConnection
    .prepare(`explain query plan ${sql}`)
    .all(...params.map(bindable))
    .map((row) => (row as { detail: string }).detail);
}

/** Drizzle logs values as the driver receives them; better-sqlite3 takes no booleans. */
function bindable(value: unknown): unknown {
  return typeof value === "boolean" ? Number(value) : value;
}

/**
 * The names each table goes by in a statement: its own and any alias (`from "pain_reports" "pr"`
 * or `join pain_reports as pr`), since SQLite's plan names the alias.
 */
export function tableAliases(sql: string): Map<string, string> {
  const names = new Map<string, string>();
  const reference =
    /\b(?:from|join|update|into)\s+["`]?(\w+)["`]?(?:\s+(?:as\s+)?["`]?(\w+)["`]?)?/gi;
  for (const match of sql.matchAll(reference)) {
    const table = match[1]!.toLowerCase();
    names.set(table, table);
    const alias = match[2]?.toLowerCase();
    if (alias && !SQL_WORDS.has(alias)) names.set(alias, table);
  }
  return names;
}

/** Words that may follow a table name and are not an alias. */
const SQL_WORDS = new Set([
  "where",
  "on",
  "inner",
  "left",
  "right",
  "full",
  "cross",
  "join",
  "group",
  "order",
  "limit",
  "set",
  "values",
  "using",
  "select",
  "union",
  "natural",
  "having",
  "window",
  "returning",
  "default",
  "as",
]);

/**
 * The steps of a plan that read a growing table in full: a plain `SCAN <table>` (no index), or an
 * automatic index, which SQLite builds by scanning the whole table on every run.
 */
export function fullScansIn(
  plan: readonly string[],
  sql: string,
  growing: readonly string[] = GROWING_TABLES,
): { table: string; step: string }[] {
  const aliases = tableAliases(sql);
  const found: { table: string; step: string }[] = [];
  for (const step of plan) {
    const scan = /^SCAN (\w+)(.*)$/.exec(step);
    const automatic = /^SEARCH (\w+) USING AUTOMATIC/.exec(step);
    const name = (scan ?? automatic)?.[1]?.toLowerCase();
    if (!name) continue;
    if (scan && /USING (COVERING )?INDEX/.test(scan[2]!)) continue;
    const table = aliases.get(name) ?? name;
    if (growing.includes(table)) found.push({ table, step });
  }
  return found;
}

/** Explains every captured statement once (by its SQL) and returns the full scans of growing tables. */
export function findFullScans(
  db: SqliteEngine,
  statements: readonly CapturedStatement[],
  growing: readonly string[] = GROWING_TABLES,
): FullScan[] {
  const seen = new Set<string>();
  const scans: FullScan[] = [];
  for (const statement of statements) {
    const key = `${statement.label}\n${statement.sql}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const plan = explainStatement(db, statement.sql, statement.params);
    const inserted = singleRowInsertTarget(statement.sql);
    for (const scan of fullScansIn(plan, statement.sql, growing)) {
      if (inserted && references(db, scan.table, inserted)) continue;
      scans.push({ label: statement.label, sql: statement.sql, ...scan });
    }
  }
  return scans;
}

/** The table a one-row `insert into t (...) values (...)` writes to; null for anything else. */
export function singleRowInsertTarget(sql: string): string | null {
  const match =
    /^\s*insert\s+into\s+["`]?(\w+)["`]?\s*\([^)]*\)\s*values\s*\([^)]*\)(?!\s*,)/i.exec(sql);
  return match && !/\bselect\b/i.test(sql) ? match[1]!.toLowerCase() : null;
}

/**
 * Whether `child` has a foreign key to `parent`. SQLite's plan for a one-row insert into a parent
 * shows a scan of each child table whose key has no index, but the scan is skipped at run time
 * (behind an `FkIfZero` jump) unless the statement has already broken a foreign key, which a
 * successful insert never has. Those steps are not reads, so they are not reported.
 */
function references(db: SqliteEngine, child: string, parent: string): boolean {
  return (
    db.readerConnection
      .prepare('select 1 from pragma_foreign_key_list(?) where lower("table") = ? limit 1')
      .all(child, parent).length > 0
  );
}
