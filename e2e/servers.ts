import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { engineKind } from "../db/engine-kind";
import { TEST_DATABASE_PREFIX, withDatabase } from "../db/engine/pg-test-databases";

/**
 * What the end-to-end web servers share: playwright.config.ts starts the first one with these
 * settings, and e2e/two-servers.spec.ts starts more beside it on other ports.
 */

export interface E2eSettings {
  port: number;
  smtpPort: number;
  dataDir: string;
  /** PostgreSQL for this run (E2E_DATABASE_URL set), else null: the SQLite file in dataDir. */
  databaseUrl: string | null;
}

/** The SQLite file of a run on SQLite. */
export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, "rehabit.db");
}

/**
 * The database a run on PostgreSQL uses: its own, beside the one E2E_DATABASE_URL names (a role
 * that may create databases, as TEST_DATABASE_URL's does), named after the port so two runs side
 * by side never share one. The test prefix lets `scripts/pg/cluster.ts clean` drop leftovers.
 */
export function e2eDatabaseUrl(adminUrl: string, port: number): string {
  return withDatabase(adminUrl, `${TEST_DATABASE_PREFIX}e2e_${port}`);
}

/**
 * The test Web Push service's port (e2e/push-endpoint.ts), beside the first web server's: the
 * mail server takes +1000, and e2e/two-servers.spec.ts its servers B and C at +2000 and +2001.
 */
export function pushPortOf(settings: E2eSettings): number {
  return settings.port + 3000;
}

/** The environment of one web server of the run, listening on `port`. */
export function serverEnv(
  settings: E2eSettings,
  port: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  const database: Record<string, string> = settings.databaseUrl
    ? { DATABASE_URL: settings.databaseUrl }
    : { DATABASE_PATH: sqliteFile(settings.dataDir) };
  return {
    DATA_DIR: settings.dataDir,
    ...database,
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXTAUTH_SECRET: "e2e-secret-that-is-long-enough-for-next-auth",
    // Tests write history through the factories and refresh figures themselves
    // (refreshFigures in e2e/fixtures.ts); a timer firing mid-test would only add noise.
    ALERT_SWEEP_MINUTES: "0",
    // Alert emails and invitations go to the test mail server (e2e/smtp-sink.ts).
    SMTP_URL: `smtp://127.0.0.1:${settings.smtpPort}`,
    SMTP_FROM: "Rehabit <alerts@rehabit.test>",
    // Patients' push reminders go to the test push service; the scheduler looks every 2 s.
    PUSH_EXTRA_ORIGINS: `http://127.0.0.1:${pushPortOf(settings)}`,
    REMINDER_ROUND_SECONDS: "2",
    ...extra,
  };
}

/** The settings playwright.config.ts put in the environment for the specs. */
export function settingsFromEnv(): E2eSettings {
  const port = Number(new URL(process.env.E2E_BASE_URL!).port);
  return {
    port,
    smtpPort: Number(process.env.E2E_SMTP_PORT),
    dataDir: process.env.DATA_DIR!,
    databaseUrl: engineKind() === "pg" ? process.env.DATABASE_URL! : null,
  };
}

export interface RunningServer {
  readonly url: string;
  /** Everything the server has printed so far, stdout and stderr together. */
  output(): string;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { redirect: "manual" });
    return response.status < 500;
  } catch {
    return false;
  }
}

/**
 * Starts one more production server (`next start`, the run's build: NEXT_DIST_DIR is inherited)
 * on `port`, and resolves once its sign-in page answers.
 */
export async function startServer(
  port: number,
  env: Record<string, string>,
  timeoutMs = 90_000,
): Promise<RunningServer> {
  const child: ChildProcess = spawn("npx", ["next", "start", "-p", String(port)], {
    env: { ...process.env, ...env },
    // Its own process group, so stopping it stops `next` under `npx` as well.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  child.stdout!.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://localhost:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(`${url}/login`))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`The server on port ${port} did not start:\n${printed.slice(-2_000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, output: () => printed, stop };
}
