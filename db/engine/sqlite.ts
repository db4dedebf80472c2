import Database from "better-sqlite3";
import type { Logger, SQL } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { AsyncLocalStorage } from "node:async_hooks";
import { openWriterConnection, PRAGMAS } from "../client";
import type { Db, Engine, Tx, WriteTogetherOptions } from "./types";

/** Enough to share a commit among a crowd of phones, few enough to keep each wait short. */
const MAX_BATCH = 64;

/** SQLite's NORMAL level, as `PRAGMA synchronous` reads it. */
const SYNC_NORMAL = 1;

export interface SqliteEngineOptions {
  /** Apply the pending migrations on open (the default). */
  migrate?: boolean;
  /** Drizzle's logger on both connections: sees every statement the engine runs. */
  logger?: Logger;
}

export interface SqliteEngine extends Engine {
  readonly kind: "sqlite";
  /** The raw writer, for backups, pragmas and query plans; never for statements of a request. */
  readonly writerConnection: Database.Database;
  /** The raw read-only connection `read` uses outside a write. */
  readonly readerConnection: Database.Database;
  readonly stats: { commits: number; rollbacks: number };
}

/** One open write: its open savepoints (innermost last), and whether it has ended. */
interface WriteCtx {
  savepoints: string[];
  done: boolean;
}

/**
 * Where an async path stands: inside which write (and its handle), and how many savepoints deep.
 * Only the path at the innermost savepoint may run statements or open another: two savepoints open
 * side by side would release or roll back each other's work.
 */
interface Place {
  write: WriteCtx;
  tx: Tx;
  depth: number;
}

interface Job {
  fn: (tx: Tx) => Promise<unknown>;
  syncToDisk: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** better-sqlite3's refusal to read rows from a statement that returns none. */
const NO_DATA = /does not return data/;

/** The methods of a better-sqlite3 statement that run it. */
const RUNS = new Set<PropertyKey>(["run", "get", "all", "iterate"]);

/**
 * Opens a SQLite file as an engine: one writer connection (WAL, `synchronous=FULL`, foreign keys,
 * migrations applied) on which writes run one at a time in `BEGIN IMMEDIATE` transactions, and a
 * read-only connection for reads, so no request reads another's uncommitted rows.
 */
export function openSqliteEngine(file: string, options: SqliteEngineOptions = {}): SqliteEngine {
  if (file === ":memory:" || file === "" || file.startsWith("file::memory:")) {
    throw new Error(
      "The SQLite engine needs a database file: an in-memory database cannot be opened " +
        "a second time for its read-only connection.",
    );
  }
  const writer = openWriterConnection(file, { migrate: options.migrate });
  let reader: Database.Database;
  try {
    // Reads never see uncommitted rows: they run on their own connection, which cannot write.
    reader = new Database(file, { readonly: true, fileMustExist: true });
    reader.pragma(`busy_timeout = ${PRAGMAS.busy_timeout}`);
  } catch (error) {
    writer.close();
    throw error;
  }

  const places = new AsyncLocalStorage<Place>();
  const stats = { commits: 0, rollbacks: 0 };

  /** The write open on this async path, if any. */
  function openWrite(): Place | undefined {
    const place = places.getStore();
    return place && !place.write.done ? place : undefined;
  }

  /** Throws unless this async path holds the open write, at its innermost savepoint. */
  function assertHoldsWriter(): void {
    const place = openWrite();
    if (place === undefined) {
      throw new Error("statement on the writer connection outside the write() that holds it");
    }
    if (place.depth !== place.write.savepoints.length) {
      throw new Error(
        "statement outside the innermost savepoint: savepoints must nest (no Promise.all)",
      );
    }
  }

  const writerDb = drizzle(guardWriter(writer, assertHoldsWriter), { logger: options.logger });
  const readerDb = drizzle(reader, { logger: options.logger });

  // The async mutex: a plain promise chain, one write at a time on the writer.
  let tail: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  }

  let savepointSeq = 0;
  function makeTx(ctx: WriteCtx): Tx {
    // The one cast at the engine boundary: services see PostgreSQL's builder types.
    const tx = Object.assign(Object.create(writerDb) as BetterSQLite3Database, {
      savepoint,
    }) as unknown as Tx;
    return tx;

    async function savepoint<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const place = places.getStore();
      if (place?.write !== ctx || ctx.done) throw new Error("savepoint outside its write()");
      if (place.depth !== ctx.savepoints.length) {
        throw new Error("savepoints must nest: do not run them concurrently (no Promise.all)");
      }
      const name = `sp${++savepointSeq}`;
      const depth = ctx.savepoints.length;
      writer.exec(`SAVEPOINT ${name}`);
      ctx.savepoints.push(name);
      try {
        // Awaited in here: a drizzle builder returned unawaited runs when awaited, at this depth.
        const result = await places.run(
          { write: ctx, tx, depth: depth + 1 },
          async () => await fn(tx),
        );
        if (ctx.done) throw new Error("savepoint outside its write()");
        if (ctx.savepoints.length !== depth + 1) {
          throw new Error("a savepoint inside this one was still open: await every savepoint");
        }
        writer.exec(`RELEASE ${name}`);
        ctx.savepoints.pop();
        return result;
      } catch (error) {
        // Once the write has ended the writer may hold another write: touch nothing.
        if (!ctx.done && ctx.savepoints.includes(name) && writer.inTransaction) {
          writer.exec(`ROLLBACK TO ${name}`);
          writer.exec(`RELEASE ${name}`);
        }
        ctx.savepoints.length = Math.min(ctx.savepoints.length, depth);
        throw error;
      }
    }
  }

  /** BEGIN IMMEDIATE, `body`, COMMIT (ROLLBACK if anything throws). The caller holds the mutex. */
  function transaction<T>(body: (tx: Tx) => Promise<T>, relax: boolean): Promise<T> {
    const ctx: WriteCtx = { savepoints: [], done: false };
    const tx = makeTx(ctx);
    return places.run({ write: ctx, tx, depth: 0 }, async () => {
      const restoreSync = relax ? relaxSync(writer) : null;
      try {
        writer.exec("BEGIN IMMEDIATE");
        try {
          const result = await body(tx);
          if (ctx.savepoints.length > 0) {
            throw new Error(
              "a savepoint was still open when the write ended: await every savepoint",
            );
          }
          if (!writer.inTransaction) {
            throw new Error("SQLite rolled the transaction back; nothing of this write was kept");
          }
          writer.exec("COMMIT");
          stats.commits++;
          return result;
        } catch (error) {
          if (writer.inTransaction) {
            writer.exec("ROLLBACK");
            stats.rollbacks++;
          }
          throw error;
        }
      } finally {
        ctx.done = true;
        if (restoreSync !== null) writer.pragma(`synchronous = ${restoreSync}`);
      }
    });
  }

  let closing = false;
  function refuseWhenClosing(): void {
    if (closing) throw new Error("the database is closing: no new writes");
  }

  function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      refuseWhenClosing();
      if (openWrite()) {
        throw new Error("write() inside write() would wait for itself: use tx.savepoint()");
      }
    } catch (error) {
      return Promise.reject(error);
    }
    return exclusive(() => transaction(fn, false));
  }

  // Group commit (decision 018), on the async writer.
  const queue: Job[] = [];
  let scheduled = false;
  let flushing: Promise<void> | null = null;

  function schedule(): void {
    if (scheduled || flushing) return;
    scheduled = true;
    // After the requests already read from the sockets have queued their answers too; outside any
    // request's async path, since the batch belongs to none of them.
    places.exit(() =>
      setImmediate(() => {
        scheduled = false;
        flushing = flush().finally(() => {
          flushing = null;
          if (queue.length > 0) schedule();
        });
      }),
    );
  }

  /**
   * Writes the waiting jobs in one IMMEDIATE transaction, each in its own savepoint: one job
   * refused rolls back only itself. Promises settle after the commit, so a job is acknowledged only
   * once durable (to the level its batch asked for); if BEGIN or COMMIT fails, every job of the
   * batch is refused.
   */
  async function flush(): Promise<void> {
    let jobs: Job[] = [];
    let outcomes: Outcome[];
    try {
      outcomes = await exclusive(() => {
        // Everything that queued until the writer came free, up to one batch.
        jobs = queue.splice(0, MAX_BATCH);
        if (jobs.length === 0) return Promise.resolve([]);
        const relax = jobs.every((job) => !job.syncToDisk);
        return transaction(async (tx) => {
          const results: Outcome[] = [];
          for (const job of jobs) {
            try {
              results.push({ ok: true, value: await tx.savepoint(job.fn) });
            } catch (error) {
              // Some errors (a full disk, I/O) end the whole transaction, not just the savepoint.
              if (!writer.inTransaction) throw error;
              results.push({ ok: false, error });
            }
          }
          return results;
        }, relax);
      });
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }

  function writeTogether<T>(
    fn: (tx: Tx) => Promise<T>,
    writeOptions: WriteTogetherOptions = {},
  ): Promise<T> {
    try {
      refuseWhenClosing();
      if (openWrite()) {
        throw new Error("writeTogether() inside write() would wait for itself: use tx.savepoint()");
      }
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<T>((resolve, reject) => {
      queue.push({
        fn,
        syncToDisk: writeOptions.syncToDisk ?? true,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      schedule();
    });
  }

  return {
    kind: "sqlite",
    writerConnection: writer,
    readerConnection: reader,
    stats,
    read<T>(_clinicId: string | null, fn: (db: Db) => Promise<T>): Promise<T> {
      // Inside a write on this path: through its transaction, so it reads its own rows.
      const place = openWrite();
      try {
        return Promise.resolve(fn(place ? place.tx : (readerDb as unknown as Db)));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    // SQLite's single writer makes every write serializable: no isolation to choose.
    write: (_clinicId, fn) => write(fn),
    writeTogether: (_clinicId, fn, writeOptions) => writeTogether(fn, writeOptions),
    async rows<T>(db: Db, query: SQL): Promise<T[]> {
      const handle = db as unknown as BetterSQLite3Database;
      try {
        return handle.all<T>(query);
      } catch (error) {
        // As on PostgreSQL, a statement that returns nothing gives no rows. better-sqlite3 refuses
        // it before running anything, so running it now runs it once.
        if (!(error instanceof TypeError && NO_DATA.test(error.message))) throw error;
        handle.run(query);
        return [];
      }
    },
    async lockClinic() {
      // The single writer already runs writes one at a time.
    },
    async close() {
      closing = true;
      let seen: Promise<unknown>;
      do {
        seen = tail;
        await seen;
        while (scheduled || flushing) {
          await (flushing ?? new Promise((resolve) => setImmediate(resolve)));
        }
      } while (seen !== tail);
      reader.close();
      writer.close();
    },
  };
}

/**
 * Lowers the writer's sync level to NORMAL for one commit and returns the level to restore, or
 * null when it is already NORMAL or lower. Safe under the mutex: nothing else runs on the writer
 * until the transaction's end restores it.
 */
function relaxSync(writer: Database.Database): number | null {
  const level = Number(writer.pragma("synchronous", { simple: true }));
  if (level <= SYNC_NORMAL) return null;
  writer.pragma(`synchronous = ${SYNC_NORMAL}`);
  return level;
}

/**
 * The writer as drizzle sees it: preparing a statement, and running one already prepared (a
 * statement kept per connection, decision 011), first asks `assertHolds`, so a statement from
 * another request, or from a handle kept past COMMIT, throws instead of joining someone else's
 * transaction.
 */
function guardWriter(writer: Database.Database, assertHolds: () => void): Database.Database {
  const guardStatement = (statement: Database.Statement): Database.Statement => {
    const methods = new Map<PropertyKey, unknown>();
    const guarded: Database.Statement = new Proxy(statement, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== "function") return value;
        let method = methods.get(prop);
        if (method === undefined) {
          const fn = value as (...args: unknown[]) => unknown;
          method = RUNS.has(prop)
            ? (...args: unknown[]) => {
                assertHolds();
                return fn.apply(target, args);
              }
            : (...args: unknown[]) => {
                // raw(), pluck(), bind() … return the statement: hand out the guarded one.
                const result = fn.apply(target, args);
                return result === target ? guarded : result;
              };
          methods.set(prop, method);
        }
        return method;
      },
    });
    return guarded;
  };
  return new Proxy(writer, {
    get(target, prop) {
      if (prop === "prepare") {
        return (source: string) => {
          assertHolds();
          return guardStatement(target.prepare(source));
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? (value as () => unknown).bind(target) : value;
    },
  });
}
