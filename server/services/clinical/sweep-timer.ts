import type { Db } from "@/db/client";
import { sweepPatients } from "./sweep";

const TIMER = Symbol.for("rehabit.sweepTimer");
type WithTimer = typeof globalThis & { [TIMER]?: NodeJS.Timeout };

/**
 * Runs the sweep once shortly after start and then every `minutes`, for as long as the server
 * runs. One timer per process even if Next.js registers twice; the timer never keeps the process
 * alive on its own.
 */
export function startSweepTimer(options: { db: () => Db; minutes: number }): boolean {
  const holder = globalThis as WithTimer;
  if (options.minutes <= 0 || holder[TIMER]) return false;
  const run = () => {
    try {
      const result = sweepPatients({ db: options.db() });
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
