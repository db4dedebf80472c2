import { rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { engineKind } from "@/db/engine-kind";
import { ensureProductionBuild } from "../build-if-stale";
import { checkDatabase, readBaseline, type Verdict } from "./crash-checks";
import { Journal, seededRandom, uuidv7Millis, withScore } from "./crash-journal";
import { openLoop } from "./http-load";
import {
  benchClinicFromArgs,
  copyBenchDatabase,
  exercisePainRequest,
  linksForEveryPatient,
} from "./patient-traffic";
import { startServer, stopServer, type RunningServer } from "./server";
import { numberArg } from "./args";

/**
 * `npm run bench:crash [-- --rounds 20 --rate 100 --port 3500 --seed N --keep]
 * [--dir data/bench --patients 2000 --days 365]`: the production
 * server on a copy of the bench clinic takes patients' answers at an open-loop rate and is killed
 * with SIGKILL at a random moment (1–5 s into each round); it is started again on the same file and
 * every answer it did not acknowledge is sent again, byte for byte under its key, until it is.
 * Then, with the server stopped, the file is checked (crash-checks.ts). Exits 1 on any failure.
 * SQLite only: the server it kills holds the database itself, and the checks read the file.
 */

const KILL_AFTER_S = { min: 1, max: 5 };
/** Phones keep sending for a moment after the kill: they cannot know the server is gone. */
const SENDING_AFTER_KILL_S = 0.5;
/** How often a score of 10 is sent on purpose (above every pain limit, so alerts are raised). */
const SHARE_OF_TENS = 0.2;
const RESEND_RATE = 200;
const RESEND_PASSES = 5;

/** Whether anything still accepts connections on the port (an orphaned worker would). */
function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "localhost", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

interface Round {
  round: number;
  killAfter: number;
  sent: number;
  acknowledged: number;
  unacknowledged: number;
  resent: number;
  /** Re-sent answers the killed server had already committed: only the reply was lost. */
  storedBeforeKill: number;
  passes: number;
}

/**
 * Sends every unacknowledged answer again until each is acknowledged (or RESEND_PASSES are spent),
 * on the server started after the kill.
 */
async function resendUnacknowledged(url: string, journal: Journal, restartedAt: number) {
  const resentKeys = new Set<string>();
  let resent = 0;
  let passes = 0;
  while (passes < RESEND_PASSES) {
    const pending = journal.unacknowledged();
    if (pending.length === 0) break;
    if (passes > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    passes++;
    const queue = [...pending];
    await openLoop({
      url,
      rate: RESEND_RATE,
      seconds: queue.length / RESEND_RATE,
      next: () => {
        const entry = queue.shift()!;
        journal.resent(entry.key);
        resentKeys.add(entry.key);
        resent++;
        return entry.request;
      },
      onResult: (result) => journal.settle(result.tag!, result.status, result.body),
    });
  }
  const storedBeforeKill = journal
    .all()
    .filter(
      (e) =>
        resentKeys.has(e.key) && e.checkInId !== null && uuidv7Millis(e.checkInId) < restartedAt,
    ).length;
  return { resent, storedBeforeKill, passes };
}

function printRound(r: Round) {
  console.log(
    `${String(r.round).padStart(5)}${r.killAfter.toFixed(2).padStart(9)}${String(r.sent).padStart(7)}${String(r.acknowledged).padStart(8)}${String(r.unacknowledged).padStart(9)}${String(r.resent).padStart(9)}${String(r.storedBeforeKill).padStart(15)}${String(r.passes).padStart(8)}`,
  );
}

async function main() {
  if (engineKind() === "pg") {
    console.error(
      "bench:crash runs on SQLite: it kills the server that holds the database file and checks the file afterwards. On PostgreSQL the database is a server of its own; unset DATABASE_URL.",
    );
    process.exitCode = 1;
    return;
  }
  const rounds = numberArg("rounds", 20);
  const rate = numberArg("rate", 100);
  const port = numberArg("port", 3500);
  const seed = numberArg("seed", Date.now() % 2 ** 31);
  const keep = process.argv.includes("--keep");
  const dir = path.resolve("data/bench-crash");
  const file = path.join(dir, "bench.db");
  const random = seededRandom(seed);

  ensureProductionBuild();
  console.log(`Seed ${seed} (--seed ${seed} repeats the kill moments and the scores).`);
  console.log("Copying the bench clinic (backup API)...");
  await copyBenchDatabase(file, benchClinicFromArgs());
  const baseline = readBaseline(file);
  const tokens = await linksForEveryPatient(file);
  console.log(`${tokens.length} patient links made; starting the production server...`);

  const journal = new Journal();
  const results: Round[] = [];
  let server: RunningServer = await startServer({ database: file, port });
  try {
    console.log(
      `\n${rounds} rounds of ${rate} answers/s, SIGKILL after ${KILL_AFTER_S.min}–${KILL_AFTER_S.max} s`,
    );
    console.log(
      `${"round".padStart(5)}${"kill s".padStart(9)}${"sent".padStart(7)}${"acked".padStart(8)}${"unacked".padStart(9)}${"re-sent".padStart(9)}${"stored, no ack".padStart(15)}${"passes".padStart(8)}`,
    );
    for (let round = 1; round <= rounds; round++) {
      const killAfter = KILL_AFTER_S.min + random() * (KILL_AFTER_S.max - KILL_AFTER_S.min);
      const running = server;
      let sent = 0;
      const next = () => {
        const patient = Math.floor(random() * tokens.length);
        const score = random() < SHARE_OF_TENS ? 10 : Math.floor(random() * 11);
        const request = withScore(exercisePainRequest(running.url, tokens[patient]!), score);
        journal.sent({ patient, score, round, request });
        sent++;
        return request;
      };
      const kill = setTimeout(() => void stopServer(running, "SIGKILL"), killAfter * 1000);
      const load = await openLoop({
        url: running.url,
        rate,
        seconds: killAfter + SENDING_AFTER_KILL_S,
        next,
        onResult: (result) => journal.settle(result.tag!, result.status, result.body),
      });
      clearTimeout(kill);
      const how = await stopServer(running, "SIGKILL");
      if (how !== "SIGKILL") throw new Error(`The server ended by ${how}, not by the kill.`);
      if (await portAnswers(port)) {
        throw new Error(`Something still answers on port ${port} after the kill.`);
      }
      const acknowledged = load.results.filter((r) => r.status === 200).length;

      const restartedAt = Date.now();
      server = await startServer({ database: file, port });
      const { resent, storedBeforeKill, passes } = await resendUnacknowledged(
        server.url,
        journal,
        restartedAt,
      );
      const row: Round = {
        round,
        killAfter,
        sent,
        acknowledged,
        unacknowledged: sent - acknowledged,
        resent,
        storedBeforeKill,
        passes,
      };
      results.push(row);
      printRound(row);
    }
  } finally {
    await stopServer(server);
  }

  const all = journal.all();
  const attempts = all.reduce((n, e) => n + e.attempts, 0);
  const failures = new Map<number, number>();
  for (const e of all) for (const s of e.failures) failures.set(s, (failures.get(s) ?? 0) + 1);
  const sum = (pick: (r: Round) => number) => results.reduce((n, r) => n + pick(r), 0);
  console.log(
    `\n${all.length} answers sent (${attempts} requests); acknowledged before a kill: ${sum((r) => r.acknowledged)}; re-sent after a restart: ${sum((r) => r.resent)}, of which already stored by the killed server: ${sum((r) => r.storedBeforeKill)}.`,
  );
  console.log(
    `Unacknowledged attempts by status: ${
      [...failures.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status === 0 ? "no answer" : status} × ${n}`)
        .join(", ") || "none"
    }.`,
  );

  console.log("Checking the file (integrity_check reads all of it)...");
  const unacknowledged = journal.unacknowledged().length;
  const conflicts = journal.conflicts().length;
  const verdicts: Verdict[] = [
    {
      pass: unacknowledged === 0,
      what: `every answer acknowledged in the end: ${all.length - unacknowledged - conflicts} of ${all.length}`,
    },
    {
      pass: conflicts === 0,
      what: `no re-send refused as different content (409): ${conflicts}`,
    },
    ...checkDatabase({ file, baseline, journal: all }),
  ];
  console.log("");
  for (const v of verdicts) console.log(`${v.pass ? "PASS" : "FAIL"}  ${v.what}`);
  const failed = verdicts.some((v) => !v.pass);
  if (failed) {
    process.exitCode = 1;
    console.log(`\nThe database is kept for a look: ${path.relative(process.cwd(), file)}`);
  } else if (!keep) {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
