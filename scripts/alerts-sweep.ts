import { getDb } from "@/db/client";
import { sweepPatients } from "@/server/services/clinical/sweep";
import { loadEnv } from "@/server/env";

/**
 * Re-evaluates the time-based alerts and caseload figures of every patient whose day has moved
 * on, once, for cron or any other scheduler. `--all` re-evaluates every active patient.
 */
function main() {
  const env = loadEnv();
  const result = sweepPatients({
    db: getDb(env.databasePath),
    all: process.argv.includes("--all"),
  });
  console.log(
    `Alerts sweep: ${result.checked} patients due, ${result.refreshed} re-evaluated, ${result.failed} failed, in ${result.ms} ms.`,
  );
  if (result.failed > 0) process.exit(1);
}

main();
