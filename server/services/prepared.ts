import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/engine/types";

/** A named value filled in when a prepared statement runs. */
export const placeholder = (name: string) => sql.placeholder(name);

/**
 * The session under a handle: one per connection in the app, and a transaction shares its
 * database's, so a statement prepared once serves both. A second handle on the same connection
 * (the query-plan check's, which logs) has its own session and so its own statements.
 */
function sessionOf(db: Db): object {
  return (db as unknown as { session: object }).session;
}

/**
 * Statements built once per connection and reused (decision 011): on the paths every request takes
 * (a check-in, a page), building the SQL through the ORM and preparing it cost more than running it.
 */
export function perConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<object, T>();
  return (db) => {
    const connection = sessionOf(db);
    let statements = built.get(connection);
    if (statements === undefined) {
      statements = build(db);
      built.set(connection, statements);
    }
    return statements;
  };
}

type Columns = Record<string, { name: string; mapToDriverValue: (value: never) => unknown }>;

/**
 * Plain SQL placeholders for a prepared insert's values: the values then arrive already in the
 * driver's form (see `driverValues`), because a placeholder skips a column's null handling (a null
 * date would be mapped as a date).
 */
export function valuePlaceholders(fields: readonly string[]): Record<string, SQL> {
  return Object.fromEntries(fields.map((f) => [f, sql`${placeholder(f)}`]));
}

/** Each value as its column stores it (a date as its number, a flag as 0 or 1). */
export function driverValues(
  table: unknown,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const columns = table as Columns;
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => [
      field,
      value === null || value === undefined
        ? null
        : columns[field]!.mapToDriverValue(value as never),
    ]),
  );
}
