import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

/**
 * The result of a mutation without `.returning()` differs by engine (better-sqlite3's RunResult,
 * pg's QueryResult). Typing it as unknown makes code that reads it fail to compile: use
 * `.returning()` and count the rows instead.
 */
export interface OpaqueResult extends PgQueryResultHKT {
  type: unknown;
}

/**
 * The query builder both engines run the same way when awaited: PostgreSQL's builder types,
 * narrowed. SQLite's `.get()`, `.all()`, `.run()` do not exist on these types, so code written
 * against them runs on both engines. Left out on purpose: `execute` (use `rows`), `transaction`
 * (use the engine's `write`), relational queries, `$client` and `batch`.
 */
export type Db = Pick<
  PgDatabase<OpaqueResult>,
  "select" | "selectDistinct" | "insert" | "update" | "delete" | "$count" | "$with" | "with"
>;

/** A handle inside one write transaction. */
export interface Tx extends Db {
  /** A savepoint inside the current write: rolled back alone if `fn` throws. Never in parallel. */
  savepoint<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export type Isolation = "read committed" | "repeatable read" | "serializable";

export interface WriteOptions {
  /**
   * Read-then-write rules (a limit, "the first one wins") ask for "serializable": on PostgreSQL the
   * transaction runs at that level and is retried on a serialization failure; SQLite's single
   * writer is serializable anyway.
   */
  isolation?: Isolation;
}

export interface WriteTogetherOptions {
  /**
   * True (the default): acknowledged once synced to disk. False: the commit is left to the
   * operating system (SQLite `synchronous = NORMAL`, PostgreSQL `synchronous_commit = off`), so it
   * survives the process crashing but may be lost with the last moments before a power cut.
   */
  syncToDisk?: boolean;
}

/**
 * One database, SQLite or PostgreSQL. Every statement runs inside `read` or `write`: on
 * PostgreSQL each sets the request's clinic for row-level security; on SQLite writes are
 * serialised on one writer connection and reads use a read-only connection, so no request reads
 * another's uncommitted rows. `clinicId` null is the system path (sign-in by email, a link by its
 * token, sweeps over every clinic): it only resolves an identity or walks clinics.
 */
export interface Engine {
  readonly kind: "sqlite" | "pg";
  /** Reads. Inside a `write` on the same async path, reads through that write's transaction. */
  read<T>(clinicId: string | null, fn: (db: Db) => Promise<T>): Promise<T>;
  /** One transaction. No `write` inside a `write` (use `tx.savepoint`), and no I/O inside it. */
  write<T>(clinicId: string | null, fn: (tx: Tx) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** Group commit: writes arriving together share one transaction, each in its own savepoint. */
  writeTogether<T>(
    clinicId: string | null,
    fn: (tx: Tx) => Promise<T>,
    options?: WriteTogetherOptions,
  ): Promise<T>;
  /** Raw SQL returning rows: the one place the engines' raw APIs differ. Map the values you read. */
  rows<T>(db: Db, query: SQL): Promise<T[]>;
  /** Serialises audited writes of one clinic (PostgreSQL advisory lock; nothing on SQLite). */
  lockClinic(tx: Tx, clinicId: string): Promise<void>;
  close(): Promise<void>;
}
