import { getEngine } from "@/db/engine";
import { systemData } from "@/server/data/clinic-data";
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
async function main() {
  // Fails fast on a bad environment before anything is opened.
  loadEnv();
  const engine = getEngine();
  const system = systemData(engine);
  try {
    const leader = await system.write((tx) =>
      takeLease(tx, { name: "alerts-sweep", ttlMs: SWEEP_LEASE_MS }),
    );
    if (!leader) {
      console.log("Alerts sweep: a server is sweeping this database already; nothing done.");
      return;
    }
    let result;
    try {
      result = await sweepPatients({ system, all: process.argv.includes("--all") });
    } finally {
      await system.write((tx) => releaseLease(tx, { name: "alerts-sweep" }));
    }
    console.log(
      `Alerts sweep: ${result.checked} patients due, ${result.refreshed} re-evaluated, ${result.failed} failed, in ${result.ms} ms.`,
    );
    if (result.failed > 0) process.exitCode = 1;
  } finally {
    await engine.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Alerts sweep failed: ${error instanceof Error ? error.message : "error"}`);
  process.exit(1);
});
