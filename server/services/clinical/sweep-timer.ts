import type { Db } from "@/db/client";
import { takeLease } from "../leases";
import { sweepPatients } from "./sweep";

const TIMER = Symbol.for("rehabit.sweepTimer");
type WithTimer = typeof globalThis & { [TIMER]?: NodeJS.Timeout };

/**
 * Runs the sweep once shortly after start and then every `minutes`, for as long as the server
 * runs. One timer per process even if Next.js registers twice; the timer never keeps the process
 * alive on its own. Of several servers on one database, only the one holding the sweep's lease
 * sweeps (decision 023); it renews the lease each time, and another takes over two intervals
 * after it stops.
 */
export function startSweepTimer(options: { db: () => Db; minutes: number }): boolean {
  const holder = globalThis as WithTimer;
  if (options.minutes <= 0 || holder[TIMER]) return false;
  const ttlMs = 2 * options.minutes * 60_000;
  const run = () => {
    try {
      const db = options.db();
      if (!takeLease(db, { name: "alerts-sweep", ttlMs })) return;
      const result = sweepPatients({ db });
      if (result.refreshed > 0 || result.failed > 0) {
        console.log(
          `alerts sweep: ${result.refreshed} patients re-evaluated, ${result.failed} failed, ${result.ms} ms`,
        );
      }
    } catch (error) {
      console.error(`alerts sweep failed: ${error instanceof Error ? error.name : "error"}`);
    }
  };
  setTimeout(run, 5_000).unref();
  holder[TIMER] = setInterval(run, options.minutes * 60_000);
  holder[TIMER].unref();
  return true;
}
