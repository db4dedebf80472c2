import { sql, type SQL } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { PgTransaction } from "drizzle-orm/pg-core";
import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";
import pg from "pg";
import type { Db, Engine, Isolation, Tx, WriteOptions, WriteTogetherOptions } from "./types";

/**
 * PostgreSQL behind the engine contract (db/engine/types.ts). Every statement runs in a
 * transaction that first sets the request's clinic for row-level security:
 * `app.clinic_id` = the clinic (or '' on the system path) and `app.system` = 'on' only on the
 * system path. Both are transaction-local (`set_config(…, true)`), so a pooled connection never
 * carries one request's clinic into the next.
 *
 * Values: columns selected through the query builder come back mapped by drizzle (timestamptz as
 * `Date`, boolean, jsonb parsed). Raw rows (`rows()`) are what node-postgres gives under drizzle's
 * own type parsers: timestamptz as text ("2026-11-29 22:36:00.123+00"), bigint and `count(*)` as
 * strings, numeric as strings, jsonb parsed, booleans as booleans. Map what you read there.
 */

const MIGRATIONS = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations-pg");

/** Any arbitrary 64-bit key held by whoever is migrating, so two servers starting together queue. */
const MIGRATION_LOCK = sql`select pg_advisory_lock(hashtextextended('rehabit:migrations', 0))`;

/** Serialization failures and deadlocks: the transaction is retried from the start. */
const RETRYABLE = new Set(["40001", "40P01"]);
/** A write is retried up to this many times, then the failure goes to the caller. */
const MAX_RETRIES = 5;

export interface PgEngine extends Engine {
  readonly kind: "pg";
  /**
   * Settles once the migrations have run (they start when the engine is opened). Every `read`
   * and `write` waits for it, so callers may ignore it; a server awaits it before listening so a
   * failed migration stops the start instead of failing each request.
   */
  readonly ready: Promise<void>;
  /** Serialization failures and deadlocks retried so far (tests read it). */
  readonly stats: { retries: number };
}

export interface PgEngineOptions {
  /** Connections in the pool (default 10). */
  max?: number;
  /** Run db/migrations-pg on open (default true); false for a database migrated elsewhere. */
  migrate?: boolean;
  /** Another migrations folder (tests). */
  migrationsFolder?: string;
}

type AnyPgTransaction = PgTransaction<never, never, never>;

interface TxState {
  readonly kind: "read" | "write";
  readonly clinicId: string | null;
  /** The pooled connection the transaction runs on. */
  readonly client: pg.PoolClient;
  /** False once COMMIT or ROLLBACK has run: statements from a leaked handle are refused. */
  open: boolean;
  /** A statement failed for a reason other than SQL (a dropped connection): do not reuse it. */
  broken: boolean;
  tx: Tx | null;
}

function sqlState(error: unknown): string | undefined {
  const own = (error as { code?: unknown } | null)?.code;
  if (typeof own === "string") return own;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof cause === "string" ? cause : undefined;
}

/**
 * A unique index that only a write running beside this one can have broken: a repeatable-read or
 * serializable transaction takes its snapshot at its first statement, before it waits for the
 * clinic's audit lock (`lockClinic`), so once the lock is granted it may still read the chain head
 * as it was and give its event a place another has just taken. Run again, it sees the new head.
 */
const RACED_UNIQUE_INDEXES = new Set(["audit_clinic_seq_idx"]);

function constraintOf(error: unknown): string | undefined {
  const own = (error as { constraint?: unknown } | null)?.constraint;
  if (typeof own === "string") return own;
  const cause = (error as { cause?: { constraint?: unknown } } | null)?.cause?.constraint;
  return typeof cause === "string" ? cause : undefined;
}

function isRetryable(error: unknown): boolean {
  const code = sqlState(error);
  if (code === "23505") return RACED_UNIQUE_INDEXES.has(constraintOf(error) ?? "");
  return code !== undefined && RETRYABLE.has(code);
}

/** Whether a failed statement leaves the connection usable (an SQL error) or not. */
function connectionSurvives(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return false;
  const code = error.code ?? "";
  return !code.startsWith("08") && !code.startsWith("57P");
}

/** Full jitter: a random wait up to 5, 10, 20, 40, 80 ms, so retried writers spread out. */
function backoff(retry: number): Promise<void> {
  const ceiling = 5 * 2 ** (retry - 1);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

/**
 * Runs the migrations in `folder` (default db/migrations-pg). Two servers starting at once queue
 * on an advisory lock, so the second finds the work done. The session is on the system path, so
 * a data migration sees every clinic's rows through row-level security.
 */
export async function migratePg(url: string, folder: string = MIGRATIONS): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const db = drizzle(client);
    await db.execute(MIGRATION_LOCK);
    await db.execute(sql`select set_config('app.system', 'on', false)`);
    await migrate(db, { migrationsFolder: folder });
  } finally {
    // Ending the session releases the advisory lock.
    await client.end();
  }
}

/**
 * Opens a pool on `url` (a non-superuser role that owns the tables, so FORCE ROW LEVEL SECURITY
 * applies to it). Synchronous so `getEngine()` can stay synchronous: the migrations start now and
 * the first statement waits for them (`ready`).
 */
export function openPgEngine(url: string, options: PgEngineOptions = {}): PgEngine {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle connection that dies (a server restart) is dropped by the pool; without a listener
  // the 'error' event would end the process.
  pool.on("error", (error) =>
    console.error(`PostgreSQL: an idle connection failed: ${error.message}`),
  );

  const ready =
    options.migrate === false ? Promise.resolve() : migratePg(url, options.migrationsFolder);
  // Nobody may await `ready` before the first request; the failure is reported to every caller.
  ready.catch(() => undefined);

  const als = new AsyncLocalStorage<TxState>();
  const stats = { retries: 0 };

  /** The transaction each pooled connection is running now, if any. */
  const running = new WeakMap<pg.PoolClient, TxState>();

  /**
   * The pooled connection as drizzle sees it: a statement runs only while a transaction is open
   * on it and only from that transaction's async path, so a handle kept past COMMIT, or one
   * reached from another request, fails instead of running inside somebody else's transaction.
   * The transaction is looked up when the statement runs, not fixed when the handle is made, so
   * one handle serves every transaction of its connection (see `handleOf`).
   */
  function guard(client: pg.PoolClient): pg.PoolClient {
    return new Proxy(client, {
      get(target, prop) {
        if (prop === "query") {
          return (...args: unknown[]) => {
            const state = als.getStore();
            if (state?.client !== client || !state.open) {
              throw new Error(
                running.has(client)
                  ? "statement on another request's transaction"
                  : "statement on a transaction that has already ended",
              );
            }
            const pending = (target.query as (...a: unknown[]) => Promise<unknown>)(...args);
            return pending.catch((error: unknown) => {
              if (!connectionSurvives(error)) state.broken = true;
              throw error;
            });
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  /**
   * One drizzle handle per pooled connection, kept while the connection lives: a transaction on
   * it shares the handle's session, so the statements services prepare once per session
   * (server/services/prepared.ts) are built once per connection, not once per transaction.
   */
  const handles = new WeakMap<pg.PoolClient, NodePgDatabase>();
  function handleOf(client: pg.PoolClient): NodePgDatabase {
    let handle = handles.get(client);
    if (!handle) {
      handle = drizzle(guard(client));
      handles.set(client, handle);
    }
    return handle;
  }

  function wrap(raw: AnyPgTransaction, state: TxState): Tx {
    const tx = Object.create(raw) as Tx;
    let savepointOpen = false;
    tx.savepoint = async <T>(fn: (inner: Tx) => Promise<T>): Promise<T> => {
      if (!state.open) throw new Error("savepoint on a transaction that has already ended");
      // Two savepoints at one level would share a name and interleave their statements.
      if (savepointOpen) throw new Error("savepoints of one transaction cannot run in parallel");
      savepointOpen = true;
      try {
        // drizzle's nested transaction is SAVEPOINT … RELEASE, or ROLLBACK TO when fn throws.
        return await raw.transaction((inner) => fn(wrap(inner as AnyPgTransaction, state)));
      } finally {
        savepointOpen = false;
      }
    };
    return tx;
  }

  async function once<T>(
    kind: TxState["kind"],
    clinicId: string | null,
    fn: (tx: Tx) => Promise<T>,
    config: { isolationLevel: Isolation; accessMode: "read only" | "read write" },
    syncToDisk: boolean,
  ): Promise<T> {
    const client = await pool.connect();
    const state: TxState = { kind, clinicId, client, open: true, broken: false, tx: null };
    running.set(client, state);
    try {
      const db = handleOf(client);
      return await als.run(state, () =>
        db.transaction(async (raw) => {
          // SET LOCAL takes no bind parameter; set_config(…, true) is its transaction-local form.
          const clinic = sql`set_config('app.clinic_id', ${clinicId ?? ""}, true)`;
          const system = sql`set_config('app.system', ${clinicId === null ? "on" : ""}, true)`;
          const relaxed = syncToDisk ? sql`` : sql`, set_config('synchronous_commit', 'off', true)`;
          await raw.execute(sql`select ${clinic}, ${system}${relaxed}`);
          state.tx = wrap(raw as unknown as AnyPgTransaction, state);
          return fn(state.tx);
        }, config),
      );
    } finally {
      state.open = false;
      running.delete(client);
      client.release(state.broken);
    }
  }

  async function run<T>(
    kind: TxState["kind"],
    clinicId: string | null,
    fn: (tx: Tx) => Promise<T>,
    isolation: Isolation,
    syncToDisk = true,
  ): Promise<T> {
    const outer = als.getStore();
    if (outer?.open && outer.tx) {
      if (kind === "write") {
        throw new Error(
          outer.kind === "write"
            ? "write() inside write() would wait for itself: use tx.savepoint()"
            : "write() inside read(): finish the read first, or read inside the write",
        );
      }
      // The outer transaction's clinic settings apply to everything run through it.
      if (outer.clinicId !== clinicId) {
        throw new Error("read() for another clinic inside a transaction");
      }
      return fn(outer.tx); // a write reads its own rows
    }
    await ready;
    const config = {
      isolationLevel: isolation,
      accessMode: kind === "read" ? ("read only" as const) : ("read write" as const),
    };
    for (let retry = 0; ; retry++) {
      try {
        return await once(kind, clinicId, fn, config, syncToDisk);
      } catch (error) {
        if (retry >= MAX_RETRIES || !isRetryable(error)) throw error;
        stats.retries++;
        await backoff(retry + 1);
      }
    }
  }

  return {
    kind: "pg",
    ready,
    stats,
    read: (clinicId, fn) => run("read", clinicId, fn, "read committed"),
    write: (clinicId, fn, writeOptions?: WriteOptions) =>
      run("write", clinicId, fn, writeOptions?.isolation ?? "read committed"),
    // PostgreSQL already flushes the WAL of commits arriving together once (group commit), so
    // each job is its own transaction; syncToDisk false maps to synchronous_commit = off.
    writeTogether: (clinicId, fn, togetherOptions?: WriteTogetherOptions) =>
      run("write", clinicId, fn, "read committed", togetherOptions?.syncToDisk ?? true),
    async rows<T>(db: Db, query: SQL): Promise<T[]> {
      const result = await (db as unknown as NodePgDatabase).execute(query);
      return result.rows as T[];
    },
    async lockClinic(tx: Tx, clinicId: string): Promise<void> {
      // Held until the transaction ends: audited writes of one clinic append one after another.
      await (tx as unknown as NodePgDatabase).execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${clinicId}, 0))`,
      );
    },
    async close(): Promise<void> {
      await ready.catch(() => undefined);
      await pool.end();
    },
  };
}
