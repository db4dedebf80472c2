/**
 * Starts the hourly-or-better sweep of the time-based alerts when the Node.js server boots (not
 * during `next build`, not in the edge runtime). `npm run alerts:sweep` does the same once, for an
 * external scheduler.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ env }, { getDb }, { startSweepTimer }] = await Promise.all([
    import("@/server/env"),
    import("@/db/client"),
    import("@/server/services/clinical/sweep-timer"),
  ]);
  const config = env();
  startSweepTimer({ db: () => getDb(config.databasePath), minutes: config.alertSweepMinutes });
}
