import { engineKind } from "../engine-kind";
import { defaultDatabasePath } from "../path";
import { openPgEngine } from "./pg";
import { openSqliteEngine } from "./sqlite";
import type { Engine } from "./types";

export type { Db, Engine, Tx } from "./types";

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/**
 * Opens the engine a target names: a postgres:// or postgresql:// URL opens PostgreSQL, anything
 * else is a SQLite file path. For scripts and tools handed a database on the command line.
 */
export function openEngineFor(target: string): Engine {
  const kind = POSTGRES_URL.test(target) ? "pg" : "sqlite";
  // db/schema hands out the tables of engineKind()'s dialect: another engine could not use them.
  if (kind !== engineKind()) {
    throw new Error(
      kind === "pg"
        ? "To use PostgreSQL, set DATABASE_URL to its postgres:// address."
        : "DATABASE_URL names PostgreSQL: unset it to use a SQLite file.",
    );
  }
  return kind === "pg" ? openPgEngine(target) : openSqliteEngine(target);
}

const globalForEngine = globalThis as unknown as { rehabitEngine?: Engine };

/**
 * The process's one engine, opened on first use (dev reloads reuse it): PostgreSQL at
 * DATABASE_URL when that is a postgres:// address, else the SQLite file at DATABASE_PATH
 * (data/rehabit.db by default).
 */
export function getEngine(): Engine {
  globalForEngine.rehabitEngine ??= openEngineFor(
    engineKind() === "pg" ? (process.env.DATABASE_URL ?? "") : defaultDatabasePath(),
  );
  return globalForEngine.rehabitEngine;
}
