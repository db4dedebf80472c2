import type { SystemData } from "@/server/data/clinic-data";
import { serverSystem } from "@/server/data/server-system";
import { mailSettings, type MailSettings } from "@/server/env";
import { serverPush } from "@/server/services/patient-notify/server-push";
import {
  deliverOutbox,
  describeDelivery,
  OUTBOX_BATCH,
  type DeliveryReport,
  type OutboxPush,
  type OutboxTransport,
} from "./deliver-outbox";

/** Where the runner sends from; read on every run so a test can swap any part. */
export interface OutboxRunnerConfig {
  /** The database on the system path: the outbox holds every clinic's messages. */
  system: () => SystemData;
  settings: () => MailSettings | null;
  /** Web Push for patients' notices; none when left out or null (no VAPID keys). */
  push?: () => Promise<OutboxPush | null>;
  transport?: () => OutboxTransport;
}

interface RunnerState {
  config?: OutboxRunnerConfig | undefined;
  /** The run in progress, if any: one at a time per process. */
  running?: Promise<void> | undefined;
  /** A kick arrived during a run: run once more when it ends, so nothing waits for the timer. */
  again: boolean;
  timer?: NodeJS.Timeout | undefined;
}

// On globalThis: Next.js may load this module more than once (instrumentation, route bundles,
// dev reloads), and there must be one runner per process.
const STATE = Symbol.for("rehabit.outboxRunner");
type WithState = typeof globalThis & { [STATE]?: RunnerState };

function state(): RunnerState {
  const holder = globalThis as WithState;
  holder[STATE] ??= { again: false };
  return holder[STATE];
}

const inTest = () => process.env.VITEST !== undefined || process.env.NODE_ENV === "test";

/** The server's own database and mail settings; in a test nothing unless configured. */
function currentConfig(): OutboxRunnerConfig | null {
  const configured = state().config;
  if (configured) return configured;
  if (inTest()) return null;
  return { system: serverSystem, settings: mailSettings, push: serverPush };
}

/**
 * Sets where the runner reads and sends (tests, or a script with its own database); null goes back
 * to the server's own.
 */
export function configureOutboxRunner(config: OutboxRunnerConfig | null): void {
  state().config = config ?? undefined;
}

async function runRounds(config: OutboxRunnerConfig): Promise<void> {
  const settings = config.settings();
  const push = (await config.push?.()) ?? null;
  if (!settings && !push) return;
  let report: DeliveryReport;
  do {
    report = await deliverOutbox({
      system: config.system(),
      now: new Date(),
      settings,
      push,
      ...(config.transport ? { transport: config.transport() } : {}),
    });
    const line = describeDelivery(report);
    if (line) console.log(line);
    // A full batch may have left more due rows behind it.
  } while (
    report.sent + report.retrying + report.failed + report.notNeeded + report.leaseLost >=
      OUTBOX_BATCH &&
    report.retrying === 0
  );
}

function start(current: RunnerState, config: OutboxRunnerConfig): Promise<void> {
  current.again = false;
  current.running = runRounds(config)
    .catch((error: unknown) => {
      // Only the error's kind: a database or SMTP message could quote an address.
      console.error(`[outbox] run failed: ${error instanceof Error ? error.name : "error"}`);
    })
    .finally(() => {
      current.running = undefined;
      if (current.again) void start(current, config);
    });
  return current.running;
}

/**
 * Sends whatever is due, soon, without waiting: call it after a transaction that enqueued
 * messages has committed. Safe anywhere: it never throws, runs at most one delivery at a time
 * (a kick during a run asks for one more run), and does nothing without mail settings or push
 * keys, or in a test that has not configured the runner.
 */
export function kickOutbox(): void {
  try {
    const config = currentConfig();
    if (!config) return;
    const current = state();
    if (current.running) {
      current.again = true;
      return;
    }
    // After the caller's own work: the kick never delays the request that made it.
    current.running = new Promise<void>((resolve) => {
      setImmediate(() => {
        start(current, config).then(resolve, resolve);
      });
    });
  } catch (error) {
    console.error(`[outbox] kick failed: ${error instanceof Error ? error.name : "error"}`);
  }
}

/** Waits until the runner is idle (tests, and a script that must not exit mid-send). */
export async function outboxIdle(): Promise<void> {
  const current = state();
  while (current.running) await current.running;
}

/**
 * Runs the outbox every `seconds` for as long as the server runs, and once shortly after start,
 * so messages left pending by a restart or a mail server outage are sent. One timer per process;
 * it never keeps the process alive on its own.
 */
export function startOutboxTimer(options: { seconds: number; firstRunMs?: number }): boolean {
  const current = state();
  if (options.seconds <= 0 || current.timer) return false;
  setTimeout(kickOutbox, options.firstRunMs ?? 5_000).unref();
  current.timer = setInterval(kickOutbox, options.seconds * 1000);
  current.timer.unref();
  return true;
}

/** Stops the timer (tests). */
export function stopOutboxTimer(): void {
  const current = state();
  if (current.timer) clearInterval(current.timer);
  current.timer = undefined;
}
