import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { patients } from "@/db/schema";
import { seedLibrary } from "@/db/seed/library";
import { listCaseload } from "@/server/services/caseload/list-caseload";
import { sweepPatients } from "@/server/services/clinical/sweep";
import { getPatientCharts } from "@/server/services/patient-charts/get-patient-charts";
import type { ClinicScope } from "@/server/services/scope";
import { caseloadBaseline, chartBaseline } from "./baselines";
import { buildBenchClinic, GENERATOR_VERSION } from "./build-clinic";
import { summarise, time, type Timing } from "./measure";

/**
 * `npm run bench [-- --patients 2000 --days 365 --iterations 200 --rebuild --dir data/bench]`: builds (or reuses) a
 * large clinic with the factories, runs the sweep over it, then times the caseload query and the
 * patient chart query against hand-written SQL for the same figures, interleaved in one run.
 * Exits non-zero only when a service and its baseline disagree; timings are printed, not asserted.
 */
const TARGET_P95_MS = 50;
const TARGET_RATIO = 1.5;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function main() {
  const patientCount = arg("patients", 2000);
  const days = arg("days", 365);
  const iterations = arg("iterations", 200);
  const dirAt = process.argv.indexOf("--dir");
  const dir = path.resolve(dirAt >= 0 ? (process.argv[dirAt + 1] ?? "data/bench") : "data/bench");
  const file = path.join(dir, "bench.db");
  const stampFile = path.join(dir, "stamp");
  const stamp = `${GENERATOR_VERSION} ${patientCount}x${days}`;
  const reuse =
    !process.argv.includes("--rebuild") &&
    existsSync(file) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, "utf8") === stamp;
  if (!reuse)
    for (const f of [file, `${file}-wal`, `${file}-shm`, stampFile]) rmSync(f, { force: true });

  const db = openDatabase(file);
  const sqlite = db.$client;
  const now = new Date();
  let clinicId: string;
  let userId: string;
  if (reuse) {
    const row = sqlite
      .prepare(
        "select c.id as clinicId, u.id as userId from clinics c join users u on u.clinic_id = c.id where c.name = 'Bench Clinic' and u.role = 'clinician' limit 1",
      )
      .get() as { clinicId: string; userId: string };
    ({ clinicId, userId } = row);
    console.log(`Reusing ${file} (${stamp}).`);
  } else {
    console.log(
      `Building ${patientCount} patients × ${days} days of history with the factories...`,
    );
    seedLibrary(db);
    const started = performance.now();
    // Bench data only: a crash mid-build just means building again.
    sqlite.pragma("synchronous = OFF");
    ({ clinicId, userId } = await buildBenchClinic(db, { patients: patientCount, days, now }));
    sqlite.pragma("synchronous = FULL");
    console.log(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
  const sweep = sweepPatients({ db, now, all: true });
  console.log(
    `Sweep over every patient (the hourly job's worst case): ${sweep.refreshed} re-evaluated in ${(sweep.ms / 1000).toFixed(1)} s (${(sweep.ms / Math.max(1, sweep.refreshed)).toFixed(2)} ms each), ${sweep.failed} failed.`,
  );
  writeFileSync(stampFile, stamp);
  sqlite.pragma("optimize");

  const scope: ClinicScope = { db, clinicId, userId, role: "clinician", ip: null };
  const caseloadInput = {
    page: 1,
    pageSize: 25,
    sort: { id: "adherence7" as const, desc: false },
    filters: { mine: false, needsAttention: true, status: "active" as const },
  };
  const baseCaseload = caseloadBaseline(sqlite);
  const baseChart = chartBaseline(sqlite);
  const ids = db
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.clinicId, clinicId))
    .all()
    .map((p) => p.id);

  // Correctness first: the service and its baseline must agree, or the timings mean nothing.
  const service = listCaseload({ scope, input: caseloadInput });
  const baseline = baseCaseload(clinicId);
  if (
    service.total !== baseline.total ||
    service.rows.map((r) => r.id).join() !== baseline.rows.map((r) => r.id).join()
  ) {
    console.error(`MISMATCH: caseload service ${service.total} rows vs baseline ${baseline.total}`);
    process.exit(2);
  }
  console.log(
    `Needs attention: ${service.total} of ${ids.length} patients; first page ${service.rows.length} rows.`,
  );
  for (const patientId of ids.slice(0, 20)) {
    const charts = getPatientCharts({ scope, patientId, range: "all", now });
    const raw = baseChart(clinicId, patientId, charts.from, charts.today);
    const close = (a: number | null, b: number | null) =>
      a === b || (a !== null && b !== null && Math.abs(a - b) < 1e-9);
    const same =
      raw.points === charts.reportCount &&
      raw.limits.join() === charts.days.map((d) => d.limit).join() &&
      close(raw.baseline, charts.baseline) &&
      raw.weeks.length === charts.weeks.length &&
      raw.weeks.every(
        (w, i) =>
          close(w.done, charts.weeks[i]!.done) && close(w.expected, charts.weeks[i]!.expected),
      );
    if (!same) {
      console.error(
        `MISMATCH: the chart service and its SQL baseline disagree for patient ${patientId}`,
      );
      process.exit(2);
    }
  }
  console.log("Service and baseline agree on the caseload page and on 20 patients' charts.");

  const samples: Record<string, number[]> = {
    "caseload (service)": [],
    "caseload (SQL baseline)": [],
    "chart 12 weeks (service)": [],
    "chart 12 weeks (SQL baseline)": [],
    "chart all year (service)": [],
    "chart all year (SQL baseline)": [],
  };
  const pick = (i: number) => ids[(i * 7919) % ids.length]!;
  const windows = new Map<string, { from12: string; fromAll: string; today: string }>();
  for (let i = 0; i < 20; i++) {
    listCaseload({ scope, input: caseloadInput });
    baseCaseload(clinicId);
  }
  for (let i = 0; i < iterations; i++) {
    const patientId = pick(i);
    let w = windows.get(patientId);
    if (!w) {
      const twelve = getPatientCharts({ scope, patientId, range: "12w", now });
      const all = getPatientCharts({ scope, patientId, range: "all", now });
      w = { from12: twelve.from, fromAll: all.from, today: all.today };
      windows.set(patientId, w);
    }
    const { from12, fromAll, today } = w;
    samples["caseload (service)"]!.push(time(() => listCaseload({ scope, input: caseloadInput })));
    samples["caseload (SQL baseline)"]!.push(time(() => baseCaseload(clinicId)));
    samples["chart 12 weeks (service)"]!.push(
      time(() => getPatientCharts({ scope, patientId, range: "12w", now })),
    );
    samples["chart 12 weeks (SQL baseline)"]!.push(
      time(() => baseChart(clinicId, patientId, from12, today)),
    );
    samples["chart all year (service)"]!.push(
      time(() => getPatientCharts({ scope, patientId, range: "all", now })),
    );
    samples["chart all year (SQL baseline)"]!.push(
      time(() => baseChart(clinicId, patientId, fromAll, today)),
    );
  }

  const t: Record<string, Timing> = Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [k, summarise(v)]),
  );
  const ms = (n: number) => n.toFixed(2).padStart(8);
  console.log(`\n${iterations} iterations each, interleaved; milliseconds.`);
  console.log(
    `${"query".padEnd(20)}${"p50".padStart(8)}${"p95".padStart(8)}${"max".padStart(8)}  ${"base p50".padStart(8)}${"base p95".padStart(9)}  ratio  verdict`,
  );
  for (const name of ["caseload", "chart 12 weeks", "chart all year"]) {
    const s = t[`${name} (service)`]!;
    const b = t[`${name} (SQL baseline)`]!;
    const ratio = s.p95 / b.p95;
    const pass = s.p95 < TARGET_P95_MS && ratio <= TARGET_RATIO;
    console.log(
      `${name.padEnd(20)}${ms(s.p50)}${ms(s.p95)}${ms(s.max)}  ${ms(b.p50)} ${ms(b.p95)}  ${ratio.toFixed(2).padStart(5)}  ${pass ? "PASS" : "FAIL"} (p95 < ${TARGET_P95_MS} ms and ≤ ${TARGET_RATIO}× baseline)`,
    );
  }
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `\nDatabase ${mb(statSync(file).size)}; resident memory now ${mb(process.memoryUsage().rss)}, heap ${mb(process.memoryUsage().heapUsed)}.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
