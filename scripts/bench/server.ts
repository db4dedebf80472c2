import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Resolves when the process has exited, with its signal or code. */
  exited: Promise<string>;
}

const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

/** Fails at once when something else listens on the port: its answers would be timed instead. */
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () =>
      reject(new Error(`Port ${port} is in use: choose another with --port.`)),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

async function waitForServer(url: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null)
      throw new Error(
        `The server stopped while starting (${server.exitCode ?? server.signalCode}).`,
      );
    try {
      const response = await fetch(`${url}/login`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server did not answer within ${timeoutMs / 1000} s.`);
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/**
 * Starts the production server (`next start`, node directly so the process can be killed for
 * real) on the given database (a SQLite file, or a PostgreSQL URL), in production mode with
 * timers off: the benches measure requests, not the hourly sweep or the mail runner. Waits until
 * it answers.
 */
export async function startServer(options: {
  /** A SQLite file, or a postgres:// URL. */
  database: string;
  /** Media and other files; beside a SQLite file by default, data/bench-server for PostgreSQL. */
  dataDir?: string;
  port: number;
  secret?: string;
  env?: Record<string, string>;
  quiet?: boolean;
  /** Extra flags for node itself, e.g. `--cpu-prof` to see where a request's time goes. */
  nodeArgs?: string[];
}): Promise<RunningServer> {
  await assertPortFree(options.port);
  const url = `http://localhost:${options.port}`;
  const onPostgres = POSTGRES_URL.test(options.database);
  const dataDir =
    options.dataDir ??
    (onPostgres ? path.resolve("data/bench-server") : path.dirname(options.database));
  mkdirSync(dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The one the server is given, never one left in this process's environment.
  delete env.DATABASE_URL;
  delete env.DATABASE_PATH;
  if (onPostgres) env.DATABASE_URL = options.database;
  else env.DATABASE_PATH = options.database;
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), NEXT_BIN, "start", "-p", String(options.port)],
    {
      stdio: options.quiet === false ? "inherit" : ["ignore", "ignore", "inherit"],
      env: {
        ...env,
        NODE_ENV: "production",
        APP_ENV: "production",
        DATA_DIR: dataDir,
        NEXTAUTH_URL: url,
        NEXTAUTH_SECRET: options.secret ?? randomBytes(32).toString("base64url"),
        ALERT_SWEEP_MINUTES: "0",
        SMTP_URL: "",
        ...options.env,
      },
    },
  );
  const exited = new Promise<string>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  await waitForServer(url, child, 60_000);
  return { url, process: child, exited };
}

/** Stops the server: SIGTERM for a clean stop, SIGKILL to pull the plug. */
export async function stopServer(server: RunningServer, signal: NodeJS.Signals = "SIGTERM") {
  if (server.process.exitCode === null && server.process.signalCode === null)
    server.process.kill(signal);
  return server.exited;
}
