import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defaultDatabasePath } from "./path";
import * as schema from "./schema";

/** Where drizzle-kit writes the SQLite migrations; applied on every open of a writer. */
export const SQLITE_MIGRATIONS = path.join(
  /*turbopackIgnore: true*/ process.cwd(),
  "db",
  "migrations",
);

/** Pragmas applied on every open of a writer connection; a test reads them back. */
export const PRAGMAS = {
  journal_mode: "wal",
  synchronous: "full",
  foreign_keys: "on",
  busy_timeout: 5000,
  /**
   * The writer's page cache, in KiB when negative (SQLite's default is 2 MiB). A check-in touches
   * pages spread over the whole file (its patient's index leaves, the tables' tails); the writer's
   * cache survives its own commits, so a larger one turns those reads into memory reads (decision
   * 034: 9.7 → 6.8 ms an answer on the bench clinic, in a loop). The reader's cache is dropped at
   * every commit of the writer (WAL), so it keeps the default; a memory map made that worse (SQLite
   * unmaps it at each such reset: 2.4 → 7.1 ms for a patient's check-in count after a write).
   */
  cache_size: -131072,
  /**
   * The writer also reads pages outside its cache through a memory map of the file rather than a
   * copy per page; its own commits never reset it. 2 GiB is SQLite's compiled limit; pages beyond
   * it are read as before. SQLite maps the file read-only, so a stray write cannot reach it.
   */
  mmap_size: 2_147_418_112,
} as const;

export interface OpenConnectionOptions {
  /** Apply the pending migrations (the default). False for a tool that must not change the file. */
  migrate?: boolean;
}

/**
 * The one way a SQLite file is opened for writing, by the engine and by the legacy `openDatabase`:
 * creates the folder, applies `PRAGMAS`, then every pending migration.
 */
export function openWriterConnection(
  file: string,
  options: OpenConnectionOptions = {},
): Database.Database {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  try {
    sqlite.pragma(`journal_mode = ${PRAGMAS.journal_mode}`);
    sqlite.pragma(`synchronous = ${PRAGMAS.synchronous}`);
    sqlite.pragma(`foreign_keys = ${PRAGMAS.foreign_keys}`);
    sqlite.pragma(`busy_timeout = ${PRAGMAS.busy_timeout}`);
    sqlite.pragma(`cache_size = ${PRAGMAS.cache_size}`);
    sqlite.pragma(`mmap_size = ${PRAGMAS.mmap_size}`);
    if (options.migrate ?? true) migrate(drizzle(sqlite), { migrationsFolder: SQLITE_MIGRATIONS });
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}

// The synchronous API below stays until every service runs on the engine (db/engine, issue 13).

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle; services accept either so they compose inside one transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/** Opens a SQLite file, applies the pragmas and every pending migration. */
export function openDatabase(file: string): Db {
  return drizzle(openWriterConnection(file), { schema });
}

const globalForDb = globalThis as unknown as { rehabitDb?: Db };

/** The process's one connection, opened on first use (dev reloads reuse it). */
export function getDb(file?: string): Db {
  globalForDb.rehabitDb ??= openDatabase(file ?? defaultDatabasePath());
  return globalForDb.rehabitDb;
}
