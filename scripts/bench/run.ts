import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, asc, eq, sql } from "drizzle-orm";
import pg from "pg";
import type { Engine } from "@/db/engine";
import { engineKind } from "@/db/engine-kind";
import { testDatabaseUrl, withDatabase } from "@/db/engine/pg-test-databases";
import type { SqliteEngine } from "@/db/engine/sqlite";
import { clinics, patients, users } from "@/db/schema";
import { seededRandom } from "@/db/seed/random";
import { systemData } from "@/server/data/clinic-data";
import { sweepPatients } from "@/server/services/clinical/sweep";
import { staffCaller } from "@/server/testing/callers";
import { arg, numberArg } from "./args";
import { shiftClock } from "./clock";
import { BENCH_CLINIC, openBench, type OpenedBench } from "./open-bench";
import { DEFAULT_PAGE_PORT, pagesSection } from "./pages";
import {
  BaselineMismatch,
  benchProcedures,
  ensureBenchLinks,
  MAX_RATIO,
  PATIENT_P95_MS,
  procedureTable,
  STAFF_P95_MS,
  type BenchUser,
} from "./procedures";
import { ENGINE_NAMES, sideBySide, type EngineReport } from "./side-by-side";
import { formatStorage, measureEngineStorage } from "./storage";

/**
 * `npm run bench [-- --patients 2000 --days 365 --iterations 200 --rebuild | --reuse --dir data/bench]
 * [--no-pages | --page-iterations 100 --port 3450] [--engine sqlite|pg|both]`:
 * builds (or reuses) a large clinic with the factories, runs the sweep over it, then times every
 * query procedure the pages call, through the real tiers, against hand-written SQL for the same
 * figures where that means something (SQLite only: baselines.ts), interleaved in one run; then
 * every page's server render through the production server. Prints every figure first, then exits
 * 2 when a procedure and its baseline disagree, 1 when any verdict fails (issue 11).
 *
 * Engines (issue 13): SQLite, and PostgreSQL when one is at hand: BENCH_DATABASE_URL (a database
 * the bench may fill: it refuses to empty one that holds another clinic), or else
 * TEST_DATABASE_URL, beside which the bench keeps a database of its own (`rehabit_<dir name>`,
 * made when missing). With both, each runs in a process of its own (the tables' dialect is chosen
 * once per process), one after the other, and their figures are printed side by side at the end.
 * `--engine` picks one; DATABASE_URL set to PostgreSQL runs on that database alone.
 *
 * `--reuse` measures the database already there even when another generator version built it (a
 * rebuild takes about ten minutes on SQLite); without it a stale stamp means building again.
 */
const WARM_UP = 20;

interface Options {
  patients: number;
  days: number;
  iterations: number;
  dir: string;
  rebuild: boolean;
  reuse: boolean;
  /** Rounds of the page section; null skips it (`--no-pages`). */
  pageRounds: number | null;
  port: number;
  /** Where a run for the side-by-side comparison writes its figures. */
  report: string | null;
}

function readOptions(): Options {
  const iterations = numberArg("iterations", 200);
  return {
    patients: numberArg("patients", 2000),
    days: numberArg("days", 365),
    iterations,
    dir: path.resolve(arg("dir") ?? "data/bench"),
    rebuild: process.argv.includes("--rebuild"),
    reuse: process.argv.includes("--reuse"),
    // A page costs more than a procedure: fewer rounds unless asked.
    pageRounds: process.argv.includes("--no-pages")
      ? null
      : numberArg("page-iterations", Math.min(iterations, 100)),
    port: numberArg("port", DEFAULT_PAGE_PORT),
    report: arg("report") ?? null,
  };
}

/** The bench clinic's first clinician (by email) and its admin. */
async function benchStaff(db: Engine): Promise<{ clinician: BenchUser; admin: BenchUser }> {
  const pick = async (role: "clinician" | "admin") => {
    const [user] = await db.read(null, (r) =>
      r
        .select({
          id: users.id,
          clinicId: users.clinicId,
          role: users.role,
          sessionVersion: users.sessionVersion,
        })
        .from(users)
        .innerJoin(clinics, eq(clinics.id, users.clinicId))
        .where(and(eq(clinics.name, BENCH_CLINIC), eq(users.role, role), eq(users.active, true)))
        .orderBy(asc(users.email))
        .limit(1),
    );
    if (!user) throw new Error(`The bench database has no active ${role}.`);
    return user;
  };
  return { clinician: await pick("clinician"), admin: await pick("admin") };
}

/** The hourly job's worst case: every patient re-evaluated. It also brings the figures to `now`. */
async function sweepSection(db: Engine, now: Date) {
  const sweep = await sweepPatients({ system: systemData(db), now, all: true });
  console.log(
    `Sweep over every patient (the hourly job's worst case): ${sweep.refreshed} re-evaluated in ${(sweep.ms / 1000).toFixed(1)} s (${(sweep.ms / Math.max(1, sweep.refreshed)).toFixed(2)} ms each), ${sweep.failed} failed.`,
  );
  // The figures the sweep rewrote change what the planner should expect.
  if (db.kind === "sqlite") (db as SqliteEngine).writerConnection.pragma("optimize");
  else await db.write(null, (tx) => db.rows(tx, sql`analyze`));
  return { refreshed: sweep.refreshed, failed: sweep.failed, ms: sweep.ms };
}

/**
 * Every query procedure the pages call, timed against its baselines (SQLite) or its targets
 * alone (PostgreSQL). Exits 2 at once when a procedure and its baseline disagree.
 */
async function proceduresSection(
  db: Engine,
  staff: { clinician: BenchUser; admin: BenchUser },
  now: Date,
  iterations: number,
) {
  const clinicId = staff.clinician.clinicId;
  const ids = (
    await db.read(clinicId, (r) =>
      r
        .select({ id: patients.id })
        .from(patients)
        .where(eq(patients.clinicId, clinicId))
        .orderBy(asc(patients.id)),
    )
  ).map((p) => p.id);
  const rnd = seededRandom(7);
  const sample = Array.from({ length: iterations }, () => rnd.pick(ids));
  // Links are bench data like the rest; made once and found again on later runs.
  const tokens = await ensureBenchLinks(db, {
    clinicId,
    createdBy: staff.clinician.id,
    patientIds: new Set(sample),
    now,
  });
  const restoreClock = shiftClock(now);
  const attention = await staffCaller(db, staff.clinician)
    .caseload.list({ filters: { mine: false, needsAttention: true, status: "active" } })
    .finally(restoreClock);
  console.log(
    `Needs attention: ${attention.total} of ${ids.length} patients (${((100 * attention.total) / Math.max(1, ids.length)).toFixed(1)} %); ${tokens.size} sampled patients with a bench link.`,
  );

  let result;
  try {
    result = await benchProcedures(
      { db, ...staff, sample, tokens, now },
      { iterations, warmUp: WARM_UP },
    );
  } catch (error) {
    if (!(error instanceof BaselineMismatch)) throw error;
    console.error(`MISMATCH: a procedure and its SQL baseline disagree: ${error.message}`);
    process.exit(2);
  }
  const { timings, agreementChecks } = result;
  console.log(
    db.kind === "sqlite"
      ? `Procedures and their baselines agree (${agreementChecks} checks, every sampled patient).`
      : "PostgreSQL: no hand-written baselines (they are SQLite's SQL): each procedure is judged by its target alone.",
  );
  console.log(
    `\nEvery query procedure the pages call, through the real tiers: ${iterations} iterations after ${WARM_UP} warm-up rounds, interleaved; milliseconds of server time.`,
  );
  console.log(
    `Verdict: p95 ≤ ${STAFF_P95_MS} ms (≤ ${PATIENT_P95_MS} ms for the patient's pages) and ≤ ${MAX_RATIO}× the baseline's p95 where there is one.\n`,
  );
  console.log(procedureTable(timings));
  const failed = timings.filter((t) => t.verdict !== "PASS").length;
  console.log(
    failed === 0
      ? `\nAll ${timings.length} procedures pass.`
      : `\n${failed} of ${timings.length} procedures fail.`,
  );
  return { passed: failed === 0, timings };
}

async function databaseSection(bench: OpenedBench) {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const memory = `peak resident memory ${mb(process.resourceUsage().maxRSS * 1024)}`;
  if (bench.db.kind === "pg") {
    const [size] = await bench.db.read(null, (r) =>
      bench.db.rows<{ bytes: string }>(
        r,
        sql`select pg_database_size(current_database())::text as bytes`,
      ),
    );
    console.log(
      `\nDatabase ${mb(Number(size!.bytes))} (PostgreSQL, catalogs included); ${memory}.`,
    );
    return;
  }
  const bytes = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  const file = bench.database;
  console.log(
    `\nDatabase ${mb(bytes(file))} (+ ${mb(bytes(`${file}-wal`))} write-ahead log); ${memory}.`,
  );
}

/** The whole bench on this process's engine; writes its figures to `options.report` if asked. */
async function runHere(options: Options): Promise<boolean> {
  console.log(`Engine: ${ENGINE_NAMES[engineKind()]}.`);
  const bench = await openBench(options);
  const { db, now } = bench;
  let passed = false;
  try {
    const staff = await benchStaff(db);
    const sweep = await sweepSection(db, now);
    const procedures = await proceduresSection(db, staff, now, options.iterations);
    passed = procedures.passed;
    let pages = null;
    if (options.pageRounds !== null) {
      pages = await pagesSection(
        { db, ...staff, now, database: bench.database },
        { rounds: options.pageRounds, port: options.port },
      );
      passed &&= pages.passed;
    }
    await databaseSection(bench);
    // What a patient-year costs on disk, by table and index (issue 11, storage).
    const storage = await measureEngineStorage(db);
    console.log(`\n${formatStorage(storage, (options.patients * options.days) / 365).join("\n")}`);
    if (options.report) {
      const report: EngineReport = {
        engine: db.kind,
        patients: options.patients,
        days: options.days,
        buildSeconds: bench.buildSeconds,
        sweep,
        procedures: procedures.timings,
        pages: pages?.timings ?? null,
        storageBytes: storage.fileBytes,
        passed,
      };
      writeFileSync(options.report, JSON.stringify(report));
    }
  } finally {
    await db.close();
  }
  return passed;
}

/**
 * The PostgreSQL database the bench may use, or null when there is none: BENCH_DATABASE_URL, or
 * a database of the bench's own beside TEST_DATABASE_URL's (created when missing; that role may
 * create databases, as scripts/pg/cluster.ts's can).
 */
async function benchPostgres(dir: string): Promise<string | null> {
  const named = process.env.BENCH_DATABASE_URL?.trim();
  if (named) return named;
  const admin = testDatabaseUrl();
  if (!admin) return null;
  const name = `rehabit_${path
    .basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  return withDatabase(admin, name);
}

/** This script again, on one engine, writing its figures to `report`; resolves to its exit code. */
function runChild(kind: "sqlite" | "pg", url: string | null, report: string): Promise<number> {
  const args = process.argv
    .slice(2)
    .filter((a, i, all) => a !== "--engine" && all[i - 1] !== "--engine");
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (kind === "pg") env.DATABASE_URL = url!;
  else delete env.DATABASE_URL;
  console.log(`\n== ${ENGINE_NAMES[kind]}\n`);
  const child = spawn(
    process.execPath,
    [...process.execArgv, process.argv[1]!, ...args, "--report", report],
    { env, stdio: "inherit" },
  );
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readReport(file: string): EngineReport | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as EngineReport) : null;
}

async function main() {
  const options = readOptions();
  const asked = arg("engine");
  if (asked !== undefined && !["sqlite", "pg", "both"].includes(asked)) {
    throw new Error("--engine takes sqlite, pg or both.");
  }
  const here = engineKind();
  // Run here when this process's engine is the one wanted: always for a run the comparison
  // started (it has a report to write), and for DATABASE_URL set to PostgreSQL.
  if (options.report || asked === here || (asked === undefined && here === "pg")) {
    if (!(await runHere(options))) process.exitCode = 1;
    return;
  }
  const postgres = asked === "sqlite" ? null : await benchPostgres(options.dir);
  if (asked !== undefined && asked !== "sqlite" && !postgres) {
    throw new Error(
      "No PostgreSQL for the bench: set BENCH_DATABASE_URL (a database it may fill) or TEST_DATABASE_URL.",
    );
  }
  const engines: ("sqlite" | "pg")[] =
    asked === "pg" ? ["pg"] : postgres && asked !== "sqlite" ? ["sqlite", "pg"] : ["sqlite"];
  if (engines.length === 1 && engines[0] === here) {
    if (!postgres) {
      console.log(
        "PostgreSQL: not run (set BENCH_DATABASE_URL or TEST_DATABASE_URL to compare the engines).",
      );
    }
    if (!(await runHere(options))) process.exitCode = 1;
    return;
  }

  const folder = mkdtempSync(path.join(tmpdir(), "rehabit-bench-"));
  try {
    const reports: EngineReport[] = [];
    let worst = 0;
    for (const kind of engines) {
      const file = path.join(folder, `${kind}.json`);
      const code = await runChild(kind, postgres, file);
      worst = Math.max(worst, code);
      const report = readReport(file);
      if (report) reports.push(report);
      else console.log(`\n${ENGINE_NAMES[kind]}: the run ended (exit ${code}) before its figures.`);
    }
    if (reports.length === 2)
      console.log(`\n== Side by side\n\n${sideBySide(reports[0]!, reports[1]!).join("\n")}`);
    process.exitCode = worst;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
