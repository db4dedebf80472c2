import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { patients } from "@/db/schema";
import { seededRandom } from "@/db/seed/random";
import { sweepPatients } from "@/server/services/clinical/sweep";
import { caseloadBaseline } from "./baselines";
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
import { openBench } from "./open-bench";
import { storageLines } from "./storage";
import { numberArg } from "./args";

/**
 * `npm run bench [-- --patients 2000 --days 365 --iterations 200 --rebuild | --reuse --dir data/bench]
 * [--no-pages | --page-iterations 100 --port 3450]`:
 * builds (or reuses) a large clinic with the factories, runs the sweep over it, then times every
 * query procedure the pages call, through the real tiers, against hand-written SQL for the same
 * figures where that means something, interleaved in one run; then every page's server render
 * through the production server. Prints every figure first, then exits 2 when a procedure and its
 * baseline disagree, 1 when any verdict fails (issue 11).
 *
 * `--reuse` measures the database already in the directory even when another generator version
 * built it (a rebuild takes about ten minutes); without it a stale stamp means building again.
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
}

function readOptions(): Options {
  const dirAt = process.argv.indexOf("--dir");
  const iterations = numberArg("iterations", 200);
  return {
    patients: numberArg("patients", 2000),
    days: numberArg("days", 365),
    iterations,
    dir: path.resolve(dirAt >= 0 ? (process.argv[dirAt + 1] ?? "data/bench") : "data/bench"),
    rebuild: process.argv.includes("--rebuild"),
    reuse: process.argv.includes("--reuse"),
    // A page costs more than a procedure: fewer rounds unless asked.
    pageRounds: process.argv.includes("--no-pages")
      ? null
      : numberArg("page-iterations", Math.min(iterations, 100)),
    port: numberArg("port", DEFAULT_PAGE_PORT),
  };
}

/** The bench clinic's first clinician (by email) and its admin. */
function benchStaff(db: Db): { clinician: BenchUser; admin: BenchUser } {
  const pick = (role: "clinician" | "admin") =>
    db.$client
      .prepare(
        `select u.id, u.clinic_id as clinicId, u.role, u.session_version as sessionVersion
         from users u join clinics c on c.id = u.clinic_id
         where c.name = 'Bench Clinic' and u.role = ? and u.active = 1 order by u.email limit 1`,
      )
      .get(role) as BenchUser;
  return { clinician: pick("clinician"), admin: pick("admin") };
}

/** The hourly job's worst case: every patient re-evaluated. It also brings the figures to `now`. */
function sweepSection(db: Db, now: Date) {
  const sweep = sweepPatients({ db, now, all: true });
  console.log(
    `Sweep over every patient (the hourly job's worst case): ${sweep.refreshed} re-evaluated in ${(sweep.ms / 1000).toFixed(1)} s (${(sweep.ms / Math.max(1, sweep.refreshed)).toFixed(2)} ms each), ${sweep.failed} failed.`,
  );
  db.$client.pragma("optimize");
}

/**
 * Every query procedure the pages call, timed against its baselines. Returns whether every
 * verdict passed; exits 2 at once when a procedure and its baseline disagree.
 */
async function proceduresSection(
  db: Db,
  staff: { clinician: BenchUser; admin: BenchUser },
  now: Date,
  iterations: number,
): Promise<boolean> {
  const clinicId = staff.clinician.clinicId;
  const ids = db
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.clinicId, clinicId))
    .all()
    .map((p) => p.id);
  const rnd = seededRandom(7);
  const sample = Array.from({ length: iterations }, () => rnd.pick(ids));
  // Links are bench data like the rest; made once and found again on later runs.
  const tokens = ensureBenchLinks(db, {
    clinicId,
    createdBy: staff.clinician.id,
    patientIds: new Set(sample),
    now,
  });
  const attention = caseloadBaseline(db.$client)(clinicId, now).total;
  console.log(
    `Needs attention: ${attention} of ${ids.length} patients (${((100 * attention) / Math.max(1, ids.length)).toFixed(1)} %); ${tokens.size} sampled patients with a bench link.`,
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
    `Procedures and their baselines agree (${agreementChecks} checks, every sampled patient).`,
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
  return failed === 0;
}

function databaseSection(file: string) {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const bytes = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  console.log(
    `\nDatabase ${mb(bytes(file))} (+ ${mb(bytes(`${file}-wal`))} write-ahead log); peak resident memory ${mb(process.resourceUsage().maxRSS * 1024)}.`,
  );
}

async function main() {
  const options = readOptions();
  const { db, file, now } = await openBench(options);
  let passed = false;
  try {
    const staff = benchStaff(db);
    sweepSection(db, now);
    passed = await proceduresSection(db, staff, now, options.iterations);
    if (options.pageRounds !== null) {
      const pagesPassed = await pagesSection(
        { db, ...staff, now, databasePath: file },
        { rounds: options.pageRounds, port: options.port },
      );
      passed &&= pagesPassed;
    }
    databaseSection(file);
    // What a patient-year costs on disk, by table and index (issue 11, storage).
    console.log(
      `\n${storageLines(db.$client, (options.patients * options.days) / 365).join("\n")}`,
    );
  } finally {
    db.$client.close();
  }
  // After everything is printed: a failed verdict fails the bench (issue 11).
  if (!passed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
