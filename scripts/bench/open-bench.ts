import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { openEngineFor, type Engine } from "@/db/engine";
import { engineKind } from "@/db/engine-kind";
import type { SqliteEngine } from "@/db/engine/sqlite";
import { clinics } from "@/db/schema";
import { seedLibrary } from "@/db/seed/library";
import { systemData } from "@/server/data/clinic-data";
import { runAuditChecks } from "@/server/services/audit/audit-checks";
import { buildBenchClinic, GENERATOR_VERSION } from "./build-clinic";
import { readStamp, stampMatches, writeStamp, type Stamp } from "./stamp";

export interface BenchClinicOptions {
  patients: number;
  days: number;
  dir: string;
  rebuild: boolean;
  reuse: boolean;
}

export const DEFAULT_BENCH_CLINIC: BenchClinicOptions = {
  patients: 2000,
  days: 365,
  dir: path.resolve("data/bench"),
  rebuild: false,
  reuse: false,
};

export interface OpenedBench {
  db: Engine;
  /** What a server opens to serve it: the SQLite file, or the PostgreSQL URL. */
  database: string;
  /** The end of its history. */
  now: Date;
  /** Seconds its build took (now, or when it was built). */
  buildSeconds: number;
}

/** The bench clinic's name: every bench reads it back by this name. */
export const BENCH_CLINIC = "Bench Clinic";

/**
 * The bench database of this process's engine (db/engine-kind.ts), reused when its stamp allows,
 * otherwise built; and its history's end. SQLite: `bench.db` in the directory, stamped by
 * `stamp.json`. PostgreSQL: the database DATABASE_URL names, stamped by `stamp-pg.json` in the
 * directory (with the database it describes).
 */
export async function openBench(options: BenchClinicOptions): Promise<OpenedBench> {
  const bench = await (engineKind() === "pg" ? openPgBench(options) : openSqliteBench(options));
  await checkAuditChains(bench.db);
  return bench;
}

/**
 * A clinic a server has served for a year has had its audit chain checked every few hours
 * (decision 021), so a server started on it checks only the rows added since. The bench clinic is
 * written without a server: check its chain here, once (later runs read only what the benches
 * added), or every server a bench starts would spend its first minutes re-hashing the whole year
 * in the middle of the figures it is measured for.
 */
async function checkAuditChains(db: Engine): Promise<void> {
  const started = performance.now();
  const results = await runAuditChecks({ system: systemData(db), log: () => undefined });
  const rows = results.reduce((n, r) => n + r.rowsChecked, 0);
  const broken = results.filter((r) => r.status === "broken").length;
  if (broken > 0)
    throw new Error(`The bench database's audit chain is broken in ${broken} clinic(s).`);
  if (rows > 10_000) {
    console.log(
      `Audit chains checked up to their end: ${rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  }
}

function describeReuse(target: string, stamp: Stamp): void {
  const other =
    stamp.generator !== GENERATOR_VERSION ? ` (this code's generator is ${GENERATOR_VERSION})` : "";
  console.log(
    `Reused ${target} (${stamp.generator}${other}, ${stamp.patients} × ${stamp.days} days, built in ${stamp.buildSeconds.toFixed(0)} s, history ending ${stamp.now}).`,
  );
}

async function build(
  db: Engine,
  wanted: { patients: number; days: number },
): Promise<{ now: Date; buildSeconds: number }> {
  const now = new Date();
  console.log(
    `Building ${wanted.patients} patients × ${wanted.days} days with the factories (${db.kind === "pg" ? "PostgreSQL" : "SQLite"})...`,
  );
  const started = performance.now();
  await seedLibrary(db);
  await buildBenchClinic(db, { patients: wanted.patients, days: wanted.days, now });
  const buildSeconds = (performance.now() - started) / 1000;
  console.log(`Built in ${buildSeconds.toFixed(1)} s.`);
  return { now, buildSeconds };
}

async function openSqliteBench(options: BenchClinicOptions): Promise<OpenedBench> {
  const wanted = { generator: GENERATOR_VERSION, patients: options.patients, days: options.days };
  const file = path.join(options.dir, "bench.db");
  const stampFile = path.join(options.dir, "stamp.json");
  const stamp = readStamp(stampFile);
  const usable = stamp !== null && !Number.isNaN(Date.parse(stamp.now)) && existsSync(file);
  if (options.reuse && !usable) {
    throw new Error(`--reuse: there is no stamped bench database in ${options.dir} to reuse.`);
  }
  if (!options.rebuild && usable && (options.reuse || stampMatches(stamp, wanted))) {
    const db = openEngineFor(file);
    describeReuse(file, stamp);
    return { db, database: file, now: new Date(stamp.now), buildSeconds: stamp.buildSeconds };
  }

  // `stamp` is where bench-5 and earlier kept a plain-text stamp.
  for (const f of [file, `${file}-wal`, `${file}-shm`, stampFile, path.join(options.dir, "stamp")])
    rmSync(f, { force: true });
  mkdirSync(options.dir, { recursive: true });
  const db = openEngineFor(file) as SqliteEngine;
  // Bench data only: a crash mid-build just means building again.
  db.writerConnection.pragma("synchronous = OFF");
  const { now, buildSeconds } = await build(db, wanted);
  db.writerConnection.pragma("synchronous = FULL");
  writeStamp(stampFile, { ...wanted, now: now.toISOString(), buildSeconds });
  return { db, database: file, now, buildSeconds };
}

/** Server, port and database: what a PostgreSQL stamp describes (never the password). */
function databaseIdentity(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}

/**
 * Empties the database for a new build: its tables, functions and migration records, as the
 * owner role may. Refused when the database holds a clinic other than the bench's: the bench
 * never wipes a database that is not its own.
 */
async function resetPgBench(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The system path, so row-level security shows every clinic.
    await client.query("select set_config('app.system', 'on', false)");
    const found = await client.query<{ exists: boolean }>(
      "select to_regclass('clinics') is not null as exists",
    );
    if (found.rows[0]!.exists) {
      const others = await client.query("select 1 from clinics where name <> $1 limit 1", [
        BENCH_CLINIC,
      ]);
      if (others.rowCount !== 0) {
        throw new Error(
          `${databaseIdentity(url)} holds clinics other than the bench's: refusing to empty it. Point the bench at a database of its own.`,
        );
      }
    }
    await client.query("drop schema if exists drizzle cascade");
    await client.query("drop schema public cascade");
    await client.query("create schema public");
  } finally {
    await client.end();
  }
}

async function hasBenchClinic(db: Engine): Promise<boolean> {
  const [row] = await db.read(null, (r) =>
    r.select({ id: clinics.id }).from(clinics).where(eq(clinics.name, BENCH_CLINIC)).limit(1),
  );
  return row !== undefined;
}

async function openPgBench(options: BenchClinicOptions): Promise<OpenedBench> {
  const url = process.env.DATABASE_URL!;
  const identity = databaseIdentity(url);
  const wanted = { generator: GENERATOR_VERSION, patients: options.patients, days: options.days };
  const stampFile = path.join(options.dir, "stamp-pg.json");
  const stamp = readStamp(stampFile);
  const describes = stamp !== null && stamp.database === identity;
  if (!options.rebuild && describes && (options.reuse || stampMatches(stamp, wanted))) {
    const db = openEngineFor(url);
    if (await hasBenchClinic(db)) {
      describeReuse(identity, stamp);
      return { db, database: url, now: new Date(stamp.now), buildSeconds: stamp.buildSeconds };
    }
    await db.close();
  }
  if (options.reuse) {
    throw new Error(`--reuse: ${stampFile} describes no bench clinic in ${identity} to reuse.`);
  }

  rmSync(stampFile, { force: true });
  mkdirSync(options.dir, { recursive: true });
  await resetPgBench(url);
  const db = openEngineFor(url);
  const { now, buildSeconds } = await build(db, wanted);
  // Fresh tables have no statistics yet: without them the planner guesses, and the timings
  // would measure the guesses.
  await db.write(null, (tx) => db.rows(tx, sql`analyze`));
  writeStamp(stampFile, { ...wanted, now: now.toISOString(), buildSeconds, database: identity });
  return { db, database: url, now, buildSeconds };
}
