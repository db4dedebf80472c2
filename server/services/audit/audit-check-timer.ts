import type { SystemData } from "@/server/data/clinic-data";
import { takeLease } from "../leases";
import { runAuditChecks } from "./audit-checks";

const TIMER = Symbol.for("rehabit.auditCheckTimer");
type WithTimer = typeof globalThis & { [TIMER]?: NodeJS.Timeout };

/** After the server has settled, so the first check's anchors are in the log early on. */
const FIRST_CHECK_MS = 60_000;

/**
 * Checks every clinic's audit chain a minute after start and then every `hours`, for as long as
 * the server runs (decision 021). One timer per process even if Next.js registers twice; a check
 * still running when the next is due is not started twice; the timer never keeps the process alive.
 */
export function startAuditCheckTimer(options: {
  system: () => SystemData;
  hours: number;
}): boolean {
  const holder = globalThis as WithTimer;
  if (options.hours <= 0 || holder[TIMER]) return false;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const system = options.system();
      // One server at a time checks the chains (decision 023); the others skip their turn.
      const ttlMs = 2 * options.hours * 3_600_000;
      const leader = await system.write((tx) => takeLease(tx, { name: "audit-check", ttlMs }));
      if (!leader) return;
      await runAuditChecks({ system });
    } catch (error) {
      console.error(
        `[audit] the check failed to run: ${error instanceof Error ? error.name : "error"}`,
      );
    } finally {
      running = false;
    }
  };
  // Fire and forget: run() catches and logs its own failures, and never runs twice at once.
  setTimeout(() => void run(), FIRST_CHECK_MS).unref();
  holder[TIMER] = setInterval(() => void run(), options.hours * 3_600_000);
  holder[TIMER].unref();
  return true;
}
