import { getDb } from "@/db/client";
import { sweepPatients } from "@/server/services/clinical/sweep";
import { releaseLease, takeLease } from "@/server/services/leases";
import { loadEnv } from "@/server/env";

/** Long enough for a sweep of every patient of a large clinic; released as soon as it ends. */
const SWEEP_LEASE_MS = 30 * 60_000;

/**
 * Re-evaluates the time-based alerts and caseload figures of every patient whose day has moved
 * on, once, for cron or any other scheduler. `--all` re-evaluates every active patient. When a
 * server's own sweep timer holds the sweep's lease (decision 023), that server sweeps and this
 * does nothing.
 */
function main() {
  const env = loadEnv();
  const db = getDb(env.databasePath);
  if (!takeLease(db, { name: "alerts-sweep", ttlMs: SWEEP_LEASE_MS })) {
    console.log("Alerts sweep: a server is sweeping this database already; nothing done.");
    return;
  }
  let result;
  try {
    result = sweepPatients({ db, all: process.argv.includes("--all") });
  } finally {
    releaseLease(db, { name: "alerts-sweep" });
  }
  console.log(
    `Alerts sweep: ${result.checked} patients due, ${result.refreshed} re-evaluated, ${result.failed} failed, in ${result.ms} ms.`,
  );
  if (result.failed > 0) process.exit(1);
}

main();
