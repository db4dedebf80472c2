import type { Db, Engine, Tx } from "../engine/types";

/** Where a factory writes: the database (its own transaction) or an open transaction. */
export type Target = Engine | Tx;

export function isEngine(target: Target): target is Engine {
  return "kind" in target && typeof (target as Engine).write === "function";
}

/** Runs `fn` in the target's transaction, opening one (on the system path) for an engine. */
export function writeIn<T>(target: Target, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return isEngine(target) ? target.write(null, fn) : fn(target);
}

/** Reads through the target (a test's engine, or a transaction). */
export function readIn<T>(target: Target, fn: (db: Db) => Promise<T>): Promise<T> {
  return isEngine(target) ? target.read(null, fn) : fn(target);
}
