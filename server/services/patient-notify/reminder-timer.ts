import type { SystemData } from "@/server/data/clinic-data";
import { takeLease } from "../leases";
import { kickOutbox } from "../notifications/outbox-runner";
import { runReminders, type ReminderRunResult } from "./reminder-scheduler";

/** How often the scheduler looks for due reminders: a reminder comes at most this late. */
export const REMINDER_ROUND_MS = 60_000;

/**
 * The round's interval: REMINDER_ROUND_SECONDS (0 turns the scheduler off, e.g. on a server that
 * should only answer requests), one minute by default.
 */
export function reminderRoundMs(source: Record<string, string | undefined> = process.env): number {
  const raw = source.REMINDER_ROUND_SECONDS?.trim();
  if (!raw) return REMINDER_ROUND_MS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 3600) {
    throw new Error("REMINDER_ROUND_SECONDS must be a number of seconds from 0 (off) to 3600.");
  }
  return seconds * 1000;
}

const TIMER = Symbol.for("rehabit.reminderTimer");
interface ReminderTimer {
  interval: NodeJS.Timeout;
  running: Promise<void> | null;
}
type WithTimer = typeof globalThis & { [TIMER]?: ReminderTimer };

/**
 * One round on the server that holds the `reminders` lease (decision 023): of several servers on
 * one database only one looks for due reminders at a time; another takes over when its lease runs
 * out. Whatever it enqueues is then sent through the outbox. Null when another server holds it.
 */
export async function reminderRound(options: {
  system: SystemData;
  now?: Date;
  holder?: string;
  ttlMs?: number;
}): Promise<ReminderRunResult | null> {
  const { system } = options;
  const now = options.now ?? new Date();
  const leader = await system.write((tx) =>
    takeLease(tx, {
      name: "reminders",
      ttlMs: options.ttlMs ?? 3 * REMINDER_ROUND_MS,
      now,
      ...(options.holder ? { holder: options.holder } : {}),
    }),
  );
  if (!leader) return null;
  const result = await runReminders({ system, now });
  if (result.reminders + result.nudges > 0) kickOutbox();
  return result;
}

/**
 * Looks for due reminders every minute for as long as the server runs, and once shortly after
 * start, so reminders due while the server was down go out the same day. The state lives in the
 * database (settings, the outbox's dedupe keys, the lease): a restart loses nothing and repeats
 * nothing. One timer per process; it never keeps the process alive on its own.
 */
export function startReminderTimer(options: {
  system: () => SystemData;
  everyMs?: number;
}): boolean {
  const holder = globalThis as WithTimer;
  if (holder[TIMER]) return false;
  const round = async () => {
    try {
      const result = await reminderRound({ system: options.system() });
      if (result && (result.reminders || result.nudges || result.failed)) {
        console.log(
          `[reminders] ${result.reminders} reminders, ${result.nudges} nudges queued, ${result.failed} failed`,
        );
      }
    } catch (error) {
      console.error(`[reminders] round failed: ${error instanceof Error ? error.name : "error"}`);
    }
  };
  const timer: ReminderTimer = {
    interval: setInterval(() => run(), options.everyMs ?? REMINDER_ROUND_MS),
    running: null,
  };
  const run = () => {
    if (timer.running) return;
    timer.running = round().finally(() => {
      timer.running = null;
    });
  };
  timer.interval.unref();
  setTimeout(run, 5_000).unref();
  holder[TIMER] = timer;
  return true;
}

/** Stops this process's timer (tests). */
export function stopReminderTimer(): void {
  const holder = globalThis as WithTimer;
  if (holder[TIMER]) clearInterval(holder[TIMER].interval);
  delete holder[TIMER];
}
