import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { seedLibrary } from "@/db/seed/library";
import { buildBenchClinic, GENERATOR_VERSION } from "./build-clinic";
import { readStamp, stampMatches, writeStamp } from "./stamp";

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

/** The bench database, reused when its stamp allows, otherwise built; and its history's end. */
export async function openBench(
  options: BenchClinicOptions,
): Promise<{ db: Db; file: string; now: Date }> {
  const wanted = { generator: GENERATOR_VERSION, patients: options.patients, days: options.days };
  const file = path.join(options.dir, "bench.db");
  const stampFile = path.join(options.dir, "stamp.json");
  const stamp = readStamp(stampFile);
  const usable = stamp !== null && !Number.isNaN(Date.parse(stamp.now)) && existsSync(file);
  if (options.reuse && !usable) {
    throw new Error(`--reuse: there is no stamped bench database in ${options.dir} to reuse.`);
  }
  if (!options.rebuild && usable && (options.reuse || stampMatches(stamp, wanted))) {
    const db = openDatabase(file);
    const other =
      stamp.generator !== GENERATOR_VERSION
        ? ` (this code's generator is ${GENERATOR_VERSION})`
        : "";
    console.log(
      `Reused ${file} (${stamp.generator}${other}, ${stamp.patients} × ${stamp.days} days, built in ${stamp.buildSeconds.toFixed(0)} s, history ending ${stamp.now}).`,
    );
    return { db, file, now: new Date(stamp.now) };
  }

  // `stamp` is where bench-5 and earlier kept a plain-text stamp.
  for (const f of [file, `${file}-wal`, `${file}-shm`, stampFile, path.join(options.dir, "stamp")])
    rmSync(f, { force: true });
  const db = openDatabase(file);
  const now = new Date();
  console.log(`Building ${wanted.patients} patients × ${wanted.days} days with the factories...`);
  const started = performance.now();
  seedLibrary(db);
  // Bench data only: a crash mid-build just means building again.
  db.$client.pragma("synchronous = OFF");
  await buildBenchClinic(db, { patients: wanted.patients, days: wanted.days, now });
  db.$client.pragma("synchronous = FULL");
  const buildSeconds = (performance.now() - started) / 1000;
  writeStamp(stampFile, { ...wanted, now: now.toISOString(), buildSeconds });
  console.log(`Built in ${buildSeconds.toFixed(1)} s.`);
  return { db, file, now };
}
