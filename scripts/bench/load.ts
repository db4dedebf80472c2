import path from "node:path";
import { ensureProductionBuild } from "../build-if-stale";
import { arg, numberArg } from "./args";
import { closedLoop, openConnections, openLoop, type LoadRun } from "./http-load";
import { summarise, percentile } from "./measure";
import { openEngineFor } from "@/db/engine";
import { engineKind } from "@/db/engine-kind";
import {
  benchClinicFromArgs,
  copyBenchDatabase,
  exercisePainRequest,
  keysStored,
  linksForEveryPatient,
  sweepToToday,
} from "./patient-traffic";
import { startServer, stopServer } from "./server";

/**
 * `npm run bench:load [-- --connections 50 --seconds 20 --rate 250 --steady 60 --port 3400]
 * [--dir data/bench --patients 2000 --days 365]`:
 * the production server on a copy of the bench clinic (SQLite, or PostgreSQL with DATABASE_URL), check-ins from every patient's link with
 * real cookies, against requests the patient tier refuses (no cookie) at the same concurrency;
 * then a steady open-loop rate of check-ins, after which every acknowledged answer must be in the
 * database exactly once. Exits 1 when a target is missed.
 */
const TARGET_SHARE_OF_REFUSED = 0.5;
const TARGET_P99_MS = 300;
/** Turns of answers and refusals in the closed loop. */
const SLICES = 4;

/** Several runs as one: their results, seconds and errors added up. */
function joinRuns(runs: readonly LoadRun[]): LoadRun {
  return {
    results: runs.flatMap((r) => r.results),
    seconds: runs.reduce((n, r) => n + r.seconds, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

function describe(name: string, run: LoadRun, expectStatus: number) {
  const ms = run.results.map((r) => r.ms);
  const t = summarise(ms);
  const p99 = percentile(ms, 99);
  const expected = run.results.filter((r) => r.status === expectStatus).length;
  const rate = expected / run.seconds;
  console.log(
    `${name.padEnd(26)}${rate.toFixed(0).padStart(7)}/s${t.p50.toFixed(1).padStart(9)}${t.p95.toFixed(1).padStart(9)}${p99.toFixed(1).padStart(9)}${t.max.toFixed(0).padStart(8)}   ${expected} × ${expectStatus}, ${run.results.length - expected} other${run.errors ? ` (${run.errors} connection errors)` : ""}`,
  );
  return { rate, p99, other: run.results.length - expected };
}

async function main() {
  const connections = numberArg("connections", 50);
  const seconds = numberArg("seconds", 20);
  const rate = numberArg("rate", 250);
  const steady = numberArg("steady", 60);
  const port = numberArg("port", 3400);
  const profileDir = arg("cpu-prof");
  const file = path.resolve("data/bench-load/bench.db");

  ensureProductionBuild();
  console.log(
    engineKind() === "pg"
      ? "Copying the bench clinic (PostgreSQL: a database made from it as a template)..."
      : "Copying the bench clinic (backup API)...",
  );
  const copy = await copyBenchDatabase(file, benchClinicFromArgs());
  const tokens = await linksForEveryPatient(copy.database);
  const swept = await sweepToToday(copy.database);
  console.log(`${swept} patients' figures brought to today (the sweep after midnight).`);
  console.log(`${tokens.length} patient links made; starting the production server...`);
  const server = await startServer({
    database: copy.database,
    port,
    // One link sends a few answers a minute here; the limits stay at their defaults.
    env: {},
    // `--cpu-prof <dir>`: the server writes a CPU profile there when it stops.
    nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [],
  });
  const origin = server.url;
  let nextLink = 0;
  const checkIn = () => exercisePainRequest(origin, tokens[nextLink++ % tokens.length]!);
  const refused = () => exercisePainRequest(origin, null);
  const acknowledged: string[] = [];

  try {
    // Warm-up: the first requests compile and fill caches in the server.
    await closedLoop({ url: origin, connections: 10, seconds: 3, next: checkIn }).then((r) =>
      acknowledged.push(...r.results.filter((x) => x.status === 200).map((x) => x.tag!)),
    );
    await closedLoop({ url: origin, connections: 10, seconds: 2, next: refused });

    console.log(
      `\nclosed loop, ${connections} connections, ${seconds} s each in ${SLICES} turns; milliseconds`,
    );
    console.log(
      `${"".padEnd(26)}${"rate".padStart(9)}${"p50".padStart(9)}${"p95".padStart(9)}${"p99".padStart(9)}${"max".padStart(8)}`,
    );
    // In turns, a quarter of the time each: the refused rate is the yardstick, and a slow or fast
    // stretch of the machine (a checkpoint, a timer, the page cache) then falls on both alike.
    const answerSlices: LoadRun[] = [];
    const refusalSlices: LoadRun[] = [];
    // Each turn opens its 50 connections first, untimed (see `openConnections`): the figures are
    // of requests on open connections, as the target says, not of the server's accept queue.
    const turn = async (next: typeof checkIn) =>
      closedLoop({
        url: origin,
        connections,
        seconds: seconds / SLICES,
        next,
        agent: await openConnections(origin, connections, refused),
      });
    for (let slice = 0; slice < SLICES; slice++) {
      const part = await turn(checkIn);
      acknowledged.push(...part.results.filter((x) => x.status === 200).map((x) => x.tag!));
      answerSlices.push(part);
      refusalSlices.push(await turn(refused));
    }
    const answers = joinRuns(answerSlices);
    const refusals = joinRuns(refusalSlices);
    const a = describe("check-ins (200)", answers, 200);
    const r = describe("refused, no cookie (401)", refusals, 401);
    const share = a.rate / r.rate;

    console.log(`\nopen loop, ${rate} check-ins/s for ${steady} s; milliseconds from when due`);
    const steadyRun = await openLoop({
      url: origin,
      rate,
      seconds: steady,
      next: checkIn,
      onResult: (result) => {
        if (result.status === 200) acknowledged.push(result.tag!);
      },
    });
    const s = describe(`steady ${rate}/s`, steadyRun, 200);

    await stopServer(server);
    const db = openEngineFor(copy.database);
    const { missing, twice } = await keysStored(db, acknowledged).finally(() => db.close());
    console.log(
      `\n${acknowledged.length} answers acknowledged in all; in the database: ${acknowledged.length - missing} (missing ${missing}, twice ${twice}).`,
    );

    const verdicts = [
      [
        `check-ins at ${(100 * share).toFixed(0)} % of the refused rate (target ≥ ${100 * TARGET_SHARE_OF_REFUSED} %)`,
        share >= TARGET_SHARE_OF_REFUSED,
      ],
      [
        `closed-loop check-in p99 ${a.p99.toFixed(0)} ms (target < ${TARGET_P99_MS} ms)`,
        a.p99 < TARGET_P99_MS,
      ],
      [
        `steady ${rate}/s reached ${s.rate.toFixed(0)}/s with p99 ${s.p99.toFixed(0)} ms (target all served, p99 < ${TARGET_P99_MS} ms)`,
        s.other === 0 && s.p99 < TARGET_P99_MS,
      ],
      [`nothing lost, nothing twice`, missing === 0 && twice === 0],
    ] as const;
    console.log("");
    for (const [what, pass] of verdicts) console.log(`${pass ? "PASS" : "FAIL"}  ${what}`);
    if (verdicts.some(([, pass]) => !pass)) process.exitCode = 1;
  } finally {
    await stopServer(server);
    await copy.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
