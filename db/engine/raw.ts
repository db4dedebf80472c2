import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./types";

interface SqliteHandle {
  all<T>(query: SQL): T[];
}
interface PgHandle {
  execute(query: SQL): Promise<{ rows: unknown[] }>;
}

function isSqlite(db: Db): boolean {
  return typeof (db as unknown as Partial<SqliteHandle>).all === "function";
}

/**
 * Raw SQL returning rows, on whichever engine `db` belongs to (SQLite's `all`, PostgreSQL's
 * `execute`). Values come back as each engine stores them (a SQLite timestamp is a number, a
 * PostgreSQL one text; SQLite flags are 0/1): select typed columns through the query builder, or
 * map what you read here.
 */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  if (isSqlite(db)) return (db as unknown as SqliteHandle).all<T>(query);
  const result = await (db as unknown as PgHandle).execute(query);
  return result.rows as T[];
}

/**
 * Serialises the audited writes of one clinic until the transaction ends, so each appended event
 * links to the one before it and the hash chain never forks. PostgreSQL: a transaction-scoped
 * advisory lock. SQLite: nothing to do, its one writer already runs writes one at a time.
 */
export async function lockClinic(tx: Db, clinicId: string): Promise<void> {
  if (isSqlite(tx)) return;
  await rows(tx, sql`select pg_advisory_xact_lock(hashtextextended(${clinicId}, 0))`);
}
