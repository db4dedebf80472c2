import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "@/db/client";
import { PATIENT_COOKIE } from "@/server/auth/cookies";
import { createPatientLink } from "@/server/services/patient-links/patient-links";
import type { ClinicScope } from "@/server/services/scope";
import type { LoadRequest } from "./http-load";
import { DEFAULT_BENCH_CLINIC, openBench } from "./open-bench";

export const BENCH_DB = path.resolve("data/bench/bench.db");

/**
 * A consistent copy of the bench database through SQLite's backup API (safe while another
 * process writes to it), so a run that writes answers or is killed never changes the bench
 * clinic other benches read.
 */
export async function copyBenchDatabase(target: string): Promise<void> {
  // On a fresh clone there is none yet: build it as `npm run bench` does (about ten minutes).
  const { db } = await openBench({ ...DEFAULT_BENCH_CLINIC, dir: path.dirname(BENCH_DB) });
  db.$client.close();
  mkdirSync(path.dirname(target), { recursive: true });
  for (const f of [target, `${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
  const source = new Database(BENCH_DB, { readonly: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
}

/**
 * One working link for every active patient of the bench clinic, made the way a clinician makes
 * them (the link service, with its audit rows). Returns the tokens: the cookies phones will send.
 */
export function linksForEveryPatient(file: string): string[] {
  const db = openDatabase(file);
  const sqlite = db.$client;
  // Set-up only: the answers later are written with the server's own durability.
  sqlite.pragma("synchronous = OFF");
  const { clinicId, userId } = sqlite
    .prepare(
      "select c.id as clinicId, u.id as userId from clinics c join users u on u.clinic_id = c.id where c.name = 'Bench Clinic' and u.role = 'clinician' order by u.email limit 1",
    )
    .get() as { clinicId: string; userId: string };
  const ids = sqlite
    .prepare("select id from patients where clinic_id = ? and status = 'active' order by id")
    .pluck()
    .all(clinicId) as string[];
  const scope: ClinicScope = { db, clinicId, userId, role: "clinician", ip: null };
  const tokens = ids.map(
    (patientId) => createPatientLink({ scope, patientId, validDays: 30, purpose: "panel" }).token,
  );
  sqlite.close();
  return tokens;
}

/** The phone's "how did the exercise feel" answer, as the tRPC client sends it (superjson). */
export function exercisePainRequest(origin: string, token: string | null): LoadRequest {
  const key = randomUUID();
  const headers: Record<string, string> = { "content-type": "application/json", origin };
  if (token) headers.cookie = `${PATIENT_COOKIE}=${token}`;
  return {
    path: "/api/trpc/checkIns.exercisePain",
    body: JSON.stringify({
      json: { idempotencyKey: key, score: Math.floor(Math.random() * 11) },
    }),
    headers,
    tag: key,
  };
}

/**
 * Which acknowledged keys the database holds, and how many times: after a run every one must be
 * there exactly once.
 */
export function keysInDatabase(file: string, keys: readonly string[]) {
  const sqlite = new Database(file, { readonly: true });
  try {
    const count = sqlite
      .prepare("select count(*) from check_ins where idempotency_key = ?")
      .pluck();
    let missing = 0;
    let twice = 0;
    for (const key of keys) {
      const n = count.get(key) as number;
      if (n === 0) missing++;
      if (n > 1) twice++;
    }
    return { missing, twice };
  } finally {
    sqlite.close();
  }
}
