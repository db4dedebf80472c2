import { rmSync, statSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { patients } from "@/db/schema";
import { seedLibrary } from "@/db/seed/library";
import { seededRandom } from "@/db/seed/random";
import { listCaseload, type CaseloadInput } from "@/server/services/caseload/list-caseload";
import { sweepPatients } from "@/server/services/clinical/sweep";
import { getPatientCharts } from "@/server/services/patient-charts/get-patient-charts";
import type { ClinicScope } from "@/server/services/scope";
import { caseloadDifference, chartDifference } from "./agree";
import { caseloadBaseline, chartBaseline } from "./baselines";
import { buildBenchClinic, GENERATOR_VERSION } from "./build-clinic";
import { summarise, time } from "./measure";
import { readStamp, stampMatches, writeStamp } from "./stamp";

/**
 * `npm run bench [-- --patients 2000 --days 365 --iterations 200 --rebuild --dir data/bench]`:
 * builds (or reuses) a large clinic with the factories, runs the sweep over it, then times the
 * caseload query and the patient chart query against hand-written SQL for the same figures,
 * interleaved in one run. Exits non-zero only when a service and its baseline disagree; timings
 * are printed with a verdict, not asserted, because they depend on the machine.
 */
const TARGET_P95_MS = 50;
const TARGET_RATIO = 1.5;
const WARM_UP = 20;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function mismatch(what: string, difference: string): never {
  console.error(`MISMATCH (${what}): the service and its SQL baseline disagree: ${difference}`);
  process.exit(2);
}

async function main() {
  const wanted = {
    generator: GENERATOR_VERSION,
    patients: arg("patients", 2000),
    days: arg("days", 365),
  };
  const iterations = arg("iterations", 200);
  const dirAt = process.argv.indexOf("--dir");
  const dir = path.resolve(dirAt >= 0 ? (process.argv[dirAt + 1] ?? "data/bench") : "data/bench");
  const file = path.join(dir, "bench.db");
  const stampFile = path.join(dir, "stamp.json");
  const stamp = readStamp(stampFile);
  const reuse = !process.argv.includes("--rebuild") && stampMatches(stamp, wanted);
  if (!reuse)
    // `stamp` is where bench-5 and earlier kept a plain-text stamp.
    for (const f of [file, `${file}-wal`, `${file}-shm`, stampFile, path.join(dir, "stamp")])
      rmSync(f, { force: true });

  const db = openDatabase(file);
  const sqlite = db.$client;
  let now: Date;
  if (reuse) {
    now = new Date(stamp.now);
    console.log(
      `Reused ${file} (${GENERATOR_VERSION}, ${wanted.patients} × ${wanted.days} days, built in ${stamp.buildSeconds.toFixed(0)} s, history ending ${stamp.now}).`,
    );
  } else {
    now = new Date();
    console.log(`Building ${wanted.patients} patients × ${wanted.days} days with the factories...`);
    const started = performance.now();
    seedLibrary(db);
    // Bench data only: a crash mid-build just means building again.
    sqlite.pragma("synchronous = OFF");
    await buildBenchClinic(db, { patients: wanted.patients, days: wanted.days, now });
    sqlite.pragma("synchronous = FULL");
    const buildSeconds = (performance.now() - started) / 1000;
    writeStamp(stampFile, { ...wanted, now: now.toISOString(), buildSeconds });
    console.log(`Built in ${buildSeconds.toFixed(1)} s.`);
  }
  const { clinicId, userId } = sqlite
    .prepare(
      "select c.id as clinicId, u.id as userId from clinics c join users u on u.clinic_id = c.id where c.name = 'Bench Clinic' and u.role = 'clinician' order by u.email limit 1",
    )
    .get() as { clinicId: string; userId: string };

  const sweep = sweepPatients({ db, now, all: true });
  console.log(
    `Sweep over every patient (the hourly job's worst case): ${sweep.refreshed} re-evaluated in ${(sweep.ms / 1000).toFixed(1)} s (${(sweep.ms / Math.max(1, sweep.refreshed)).toFixed(2)} ms each), ${sweep.failed} failed.`,
  );
  sqlite.pragma("optimize");

  // The caseload exactly as the page asks for it: everyone's active patients who need attention,
  // lowest A(7) first, first page.
  const scope: ClinicScope = { db, clinicId, userId, role: "clinician", ip: null };
  const caseloadInput: CaseloadInput = {
    page: 1,
    pageSize: 25,
    sort: { id: "adherence7", desc: false },
    filters: { mine: false, needsAttention: true, status: "active" },
  };
  const baseCaseload = caseloadBaseline(sqlite);
  const baseChart = chartBaseline(sqlite);
  const ids = db
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.clinicId, clinicId))
    .all()
    .map((p) => p.id);

  // Correctness first, outside the timings: the same page, and every sampled patient's chart in
  // both ranges, or the timings compare different work.
  const service = listCaseload({ scope, input: caseloadInput, now });
  const difference = caseloadDifference(service, baseCaseload(clinicId, now));
  if (difference) mismatch("caseload", difference);
  console.log(
    `Needs attention: ${service.total} of ${ids.length} patients (${((100 * service.total) / Math.max(1, ids.length)).toFixed(1)} %); first page ${service.rows.length} rows.`,
  );
  const rnd = seededRandom(7);
  const sample = Array.from({ length: iterations }, () => rnd.pick(ids));
  const windows = new Map<string, { from12: string; fromAll: string; today: string }>();
  for (const patientId of new Set(sample)) {
    const twelve = getPatientCharts({ scope, patientId, range: "12w", now });
    const all = getPatientCharts({ scope, patientId, range: "all", now });
    const d12 = chartDifference(twelve, baseChart(clinicId, patientId, twelve.from, twelve.today));
    if (d12) mismatch(`chart 12 weeks, patient ${patientId}`, d12);
    const dAll = chartDifference(all, baseChart(clinicId, patientId, all.from, all.today));
    if (dAll) mismatch(`chart all, patient ${patientId}`, dAll);
    windows.set(patientId, { from12: twelve.from, fromAll: all.from, today: all.today });
  }
  console.log(
    `Service and baseline agree on the caseload page and on ${windows.size} patients' charts (12 weeks and all).`,
  );

  const queries = {
    caseload: {
      service: () => listCaseload({ scope, input: caseloadInput, now }),
      baseline: () => baseCaseload(clinicId, now),
    },
    "chart 12 weeks": {
      service: (id: string) => getPatientCharts({ scope, patientId: id, range: "12w", now }),
      baseline: (id: string) =>
        baseChart(clinicId, id, windows.get(id)!.from12, windows.get(id)!.today),
    },
    "chart all year": {
      service: (id: string) => getPatientCharts({ scope, patientId: id, range: "all", now }),
      baseline: (id: string) =>
        baseChart(clinicId, id, windows.get(id)!.fromAll, windows.get(id)!.today),
    },
  };
  const names = Object.keys(queries) as (keyof typeof queries)[];
  const samples = new Map(
    names.map((n) => [n, { service: [] as number[], baseline: [] as number[] }]),
  );
  for (let i = 0; i < WARM_UP; i++)
    for (const n of names) {
      queries[n].service(sample[i % sample.length]!);
      queries[n].baseline(sample[i % sample.length]!);
    }
  // Interleaved, so a slow moment of the machine falls on every query alike.
  for (const patientId of sample)
    for (const n of names) {
      samples.get(n)!.service.push(time(() => queries[n].service(patientId)));
      samples.get(n)!.baseline.push(time(() => queries[n].baseline(patientId)));
    }

  const ms = (n: number) => n.toFixed(2).padStart(9);
  console.log(
    `\n${iterations} iterations each after ${WARM_UP} warm-up rounds, interleaved; milliseconds.`,
  );
  console.log(
    `${"query".padEnd(16)}${"p50".padStart(9)}${"p95".padStart(9)}${"max".padStart(9)}${"base p50".padStart(9)}${"base p95".padStart(9)}${"ratio".padStart(7)}  verdict (p95 < ${TARGET_P95_MS} ms and ≤ ${TARGET_RATIO}× base p95)`,
  );
  for (const n of names) {
    const s = summarise(samples.get(n)!.service);
    const b = summarise(samples.get(n)!.baseline);
    const ratio = s.p95 / b.p95;
    const verdict =
      s.p95 >= TARGET_P95_MS
        ? "FAIL: p95 over target"
        : ratio > TARGET_RATIO
          ? "FAIL: too slow against baseline"
          : "PASS";
    console.log(
      `${n.padEnd(16)}${ms(s.p50)}${ms(s.p95)}${ms(s.max)}${ms(b.p50)}${ms(b.p95)}${ratio.toFixed(2).padStart(7)}  ${verdict}`,
    );
  }
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const bytes = (f: string) => {
    try {
      return statSync(f).size;
    } catch {
      return 0;
    }
  };
  console.log(
    `\nDatabase ${mb(bytes(file))} (+ ${mb(bytes(`${file}-wal`))} write-ahead log); peak resident memory ${mb(process.resourceUsage().maxRSS * 1024)}.`,
  );
  sqlite.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
