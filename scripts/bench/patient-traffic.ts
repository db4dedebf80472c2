import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { openEngineFor, type Engine } from "@/db/engine";
import { createTestDatabase } from "@/db/engine/pg-test-databases";
import type { SqliteEngine } from "@/db/engine/sqlite";
import { checkIns, clinics, patients, users } from "@/db/schema";
import { clinicData, systemData } from "@/server/data/clinic-data";
import { sweepPatients } from "@/server/services/clinical/sweep";
import { PATIENT_COOKIE } from "@/server/auth/cookies";
import { createPatientLink } from "@/server/services/patient-links/patient-links";
import type { ClinicScope } from "@/server/services/scope";
import type { LoadRequest } from "./http-load";
import { arg, numberArg } from "./args";
import {
  BENCH_CLINIC,
  DEFAULT_BENCH_CLINIC,
  openBench,
  type BenchClinicOptions,
} from "./open-bench";

/**
 * Which bench clinic a traffic bench copies: `--dir`, `--patients` and `--days` as `npm run
 * bench` takes them (the full-size clinic in data/bench by default).
 */
export function benchClinicFromArgs(): BenchClinicOptions {
  return {
    ...DEFAULT_BENCH_CLINIC,
    patients: numberArg("patients", DEFAULT_BENCH_CLINIC.patients),
    days: numberArg("days", DEFAULT_BENCH_CLINIC.days),
    dir: path.resolve(arg("dir") ?? DEFAULT_BENCH_CLINIC.dir),
  };
}

/** A copy of the bench database a run may write to, and how to throw it away. */
export interface BenchCopy {
  /** What the server and the checks open: a SQLite file, or a PostgreSQL URL. */
  database: string;
  drop(): Promise<void>;
}

/**
 * A copy of the bench clinic, so a run that writes answers or is killed never changes the bench
 * clinic other benches read. SQLite: a consistent copy of the file at `target` through SQLite's
 * backup API (safe while another process writes to it). PostgreSQL: a new database made from the
 * bench's as its template (CREATE DATABASE … TEMPLATE, which needs the role to create databases
 * and nobody else connected to the bench database).
 */
export async function copyBenchDatabase(
  target: string,
  clinic: BenchClinicOptions = DEFAULT_BENCH_CLINIC,
): Promise<BenchCopy> {
  // On a fresh clone there is none yet: build it as `npm run bench` does (about ten minutes).
  const bench = await openBench(clinic);
  await bench.db.close();
  if (bench.db.kind === "pg") {
    const template = decodeURIComponent(new URL(bench.database).pathname.slice(1));
    const copy = await createTestDatabase({ adminUrl: bench.database, template });
    return { database: copy.url, drop: () => copy.drop() };
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const dropFile = async () => {
    for (const f of [target, `${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
  };
  await dropFile();
  const source = new Database(bench.database, { readonly: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  return { database: target, drop: dropFile };
}

/**
 * One working link for every active patient of the bench clinic, made the way a clinician makes
 * them (the link service, with its audit rows). Returns the tokens: the cookies phones will send.
 */
export async function linksForEveryPatient(database: string): Promise<string[]> {
  const db = openEngineFor(database);
  try {
    // Set-up only: the answers later are written with the server's own durability.
    if (db.kind === "sqlite") (db as SqliteEngine).writerConnection.pragma("synchronous = OFF");
    const [staff] = await db.read(null, (r) =>
      r
        .select({ clinicId: clinics.id, userId: users.id })
        .from(clinics)
        .innerJoin(users, eq(users.clinicId, clinics.id))
        .where(and(eq(clinics.name, BENCH_CLINIC), eq(users.role, "clinician")))
        .orderBy(asc(users.email))
        .limit(1),
    );
    if (!staff) throw new Error(`The database holds no ${BENCH_CLINIC} with a clinician.`);
    const { clinicId, userId } = staff;
    const data = clinicData(db, clinicId);
    const ids = await data.read((r) =>
      r
        .select({ id: patients.id })
        .from(patients)
        .where(data.mine(patients, eq(patients.status, "active")))
        .orderBy(asc(patients.id)),
    );
    const scope: ClinicScope = { data, clinicId, userId, role: "clinician", ip: null };
    const tokens: string[] = [];
    for (const { id: patientId } of ids) {
      const made = await createPatientLink({ scope, patientId, validDays: 30, purpose: "panel" });
      tokens.push(made.token);
    }
    return tokens;
  } finally {
    await db.close();
  }
}

/**
 * Brings every patient's figures and time-based alerts to the present, as the server's sweep does
 * after each midnight (decision 010). The bench clinic's history ends when it was built, so a
 * server started on a copy later finds every patient's day over and sweeps all of them in its
 * first seconds, in the middle of the figures it is measured for; a server that has been running
 * has done it already. Returns how many patients were re-evaluated.
 */
export async function sweepToToday(database: string): Promise<number> {
  const db = openEngineFor(database);
  try {
    // Set-up only, like the links: the sweep's own writes need no sync to disk here.
    if (db.kind === "sqlite") (db as SqliteEngine).writerConnection.pragma("synchronous = OFF");
    const result = await sweepPatients({ system: systemData(db) });
    if (result.failed > 0) throw new Error(`The sweep failed for ${result.failed} patient(s).`);
    return result.refreshed;
  } finally {
    await db.close();
  }
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

/** Keys asked about per statement: well under either engine's limit on bound values. */
const KEYS_PER_QUERY = 500;

/**
 * Which acknowledged keys the database holds, and how many times: after a run every one must be
 * there exactly once. Through the engine, so on either.
 */
export async function keysStored(db: Engine, keys: readonly string[]) {
  const stored = new Map<string, number>();
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const chunk = keys.slice(i, i + KEYS_PER_QUERY);
    const rows = await db.read(null, (r) =>
      r
        .select({ key: checkIns.idempotencyKey, n: count() })
        .from(checkIns)
        .where(inArray(checkIns.idempotencyKey, chunk))
        .groupBy(checkIns.idempotencyKey),
    );
    for (const row of rows) stored.set(row.key, row.n);
  }
  let missing = 0;
  let twice = 0;
  for (const key of keys) {
    const n = stored.get(key) ?? 0;
    if (n === 0) missing++;
    if (n > 1) twice++;
  }
  return { missing, twice };
}

/** As `keysStored`, on a SQLite file read directly (the crash bench's checks). */
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
