import type { SystemData } from "@/server/data/clinic-data";
import { takeLease } from "../leases";
import { sweepPatients } from "./sweep";

const TIMER = Symbol.for("rehabit.sweepTimer");
interface SweepTimer {
  interval: NodeJS.Timeout;
  /** The sweep under way, if any: the next tick skips rather than start a second one beside it. */
  running: Promise<void> | null;
}
type WithTimer = typeof globalThis & { [TIMER]?: SweepTimer };

/**
 * Runs the sweep once shortly after start and then every `minutes`, for as long as the server
 * runs. One timer per process even if Next.js registers twice; the timer never keeps the process
 * alive on its own. Of several servers on one database, only the one holding the sweep's lease
 * sweeps (decision 023); it renews the lease each time, and another takes over two intervals
 * after it stops.
 */
export function startSweepTimer(options: { system: () => SystemData; minutes: number }): boolean {
  const holder = globalThis as WithTimer;
  if (options.minutes <= 0 || holder[TIMER]) return false;
  const ttlMs = 2 * options.minutes * 60_000;
  const sweep = async () => {
    try {
      const system = options.system();
      const leader = await system.write((tx) => takeLease(tx, { name: "alerts-sweep", ttlMs }));
      if (!leader) return;
      const result = await sweepPatients({ system });
      if (result.refreshed > 0 || result.failed > 0) {
        console.log(
          `alerts sweep: ${result.refreshed} patients re-evaluated, ${result.failed} failed, ${result.ms} ms`,
        );
      }
    } catch (error) {
      console.error(`alerts sweep failed: ${error instanceof Error ? error.name : "error"}`);
    }
  };
  const timer: SweepTimer = {
    interval: setInterval(() => run(), options.minutes * 60_000),
    running: null,
  };
  const run = () => {
    if (timer.running) return;
    timer.running = sweep().finally(() => {
      timer.running = null;
    });
  };
  timer.interval.unref();
  setTimeout(run, 5_000).unref();
  holder[TIMER] = timer;
  return true;
}

/** Resolves once the sweep under way, if any, has finished (for tests and a clean shutdown). */
export async function sweepTimerIdle(): Promise<void> {
  await (globalThis as WithTimer)[TIMER]?.running;
}

/** Stops this process's sweep timer, so a test (or a restart in place) can start another. */
export function stopSweepTimer(): void {
  const holder = globalThis as WithTimer;
  const timer = holder[TIMER];
  if (!timer) return;
  clearInterval(timer.interval);
  delete holder[TIMER];
}
