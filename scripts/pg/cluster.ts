/**
 * A throwaway PostgreSQL cluster for the tests, never the system's own cluster:
 *
 *   npx tsx scripts/pg/cluster.ts start   # prints the URL to use as TEST_DATABASE_URL
 *   npx tsx scripts/pg/cluster.ts stop
 *   npx tsx scripts/pg/cluster.ts status  # exit status 0 when running, 3 when not
 *   npx tsx scripts/pg/cluster.ts clean   # drops test databases left by killed runs
 *   npx tsx scripts/pg/cluster.ts url     # prints the URL without starting anything
 *
 * `start` creates the cluster on first use (initdb into data/pg-test, or PG_TEST_DIR), starts it
 * on 127.0.0.1:PG_TEST_PORT (default 54329) and a Unix socket, and makes sure the login role
 * `rehabit` (password `rehabit`; not a superuser, but allowed to create databases so each test
 * file can have its own) owns the database `rehabit_test`. Run again, it reuses the data and does
 * nothing more than check the role and database. Only the URL goes to stdout, so a shell can do
 * `export TEST_DATABASE_URL="$(npx tsx scripts/pg/cluster.ts start)"`.
 *
 * PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user that
 * Debian's package creates, and its commands run through `runuser`. The binaries come from
 * PG_BIN, else the newest /usr/lib/postgresql/<version>/bin (Debian), else the PATH.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import {
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { TEST_DATABASE_PREFIX } from "@/db/engine/pg-test-databases";

const SUPERUSER = "postgres";
/** The tests' login role; its password is its name (a throwaway cluster on the loopback only). */
const TEST_ROLE = "rehabit";
const DATABASE = "rehabit_test";
const DEFAULT_PORT = 54329;
const SERVICE_USER = "postgres";
/** A Unix socket path longer than this (sun_path, less ".s.PGSQL.<port>") cannot be bound. */
const MAX_SOCKET_DIR = 90;

interface Cluster {
  bin: string;
  dataDir: string;
  socketDir: string;
  port: number;
  /** The OS user the server runs as when we are root, else null (ourselves). */
  runAs: string | null;
}

function say(message: string): void {
  process.stderr.write(`${message}\n`);
}

function findBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(path.join(debian, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(debian, versions[0], "bin");
  }
  const found = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  if (found.status === 0 && found.stdout.trim()) return path.dirname(found.stdout.trim());
  throw new Error(
    [
      "PostgreSQL's server programs (initdb, pg_ctl) were not found.",
      "On Debian or Ubuntu install them with:",
      "",
      "  sudo apt-get install -y --no-install-recommends postgresql",
      "",
      "or set PG_BIN to the folder that holds initdb.",
    ].join("\n"),
  );
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Runs a server program, as the service user when we are root. */
function runPg(cluster: Cluster, program: string, args: string[]): SpawnSyncReturns<string> {
  const file = path.join(cluster.bin, program);
  const [command, commandArgs] = cluster.runAs
    ? ["runuser", ["-u", cluster.runAs, "--", file, ...args]]
    : [file, args];
  // The server inherits these descriptors: keep them off our stdout, which carries only the URL.
  return spawnSync(command, commandArgs, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function mustRun(cluster: Cluster, program: string, args: string[]): void {
  const result = runPg(cluster, program, args);
  if (result.status !== 0) {
    throw new Error(`${program} failed:\n${result.stdout ?? ""}${result.stderr ?? ""}`);
  }
}

/** Whether `user` can reach `dir` (every parent searchable): the server must open its data. */
function reachableBy(user: string, dir: string): boolean {
  const parent = path.dirname(dir);
  return spawnSync("runuser", ["-u", user, "--", "test", "-x", parent]).status === 0;
}

function portFromEnv(): number {
  const port = Number(process.env.PG_TEST_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`PG_TEST_PORT is not a port number: ${process.env.PG_TEST_PORT}`);
  }
  return port;
}

function clusterUrl(port: number): string {
  return `postgres://${TEST_ROLE}:${TEST_ROLE}@127.0.0.1:${port}/${DATABASE}`;
}

function describeCluster(): Cluster {
  const port = portFromEnv();
  const runAs = isRoot() ? SERVICE_USER : null;
  let dataDir = path.resolve(process.env.PG_TEST_DIR ?? path.join("data", "pg-test"));
  const fallback = path.join(tmpdir(), `rehabit-pg-test-${port}`);
  // A cluster made in the fallback stays there: `data/` may have become reachable since it was
  // started (a later step creates it), and stop and status must find the cluster start made.
  const inFallback =
    existsSync(path.join(fallback, "PG_VERSION")) && !existsSync(path.join(dataDir, "PG_VERSION"));
  if (runAs && !process.env.PG_TEST_DIR && (inFallback || !reachableBy(runAs, dataDir))) {
    say(`The ${runAs} user cannot reach ${dataDir}; using ${fallback} instead.`);
    dataDir = fallback;
  }
  const socketDir =
    dataDir.length <= MAX_SOCKET_DIR ? dataDir : path.join(tmpdir(), `rehabit-pg-${port}`);
  return { bin: findBin(), dataDir, socketDir, port, runAs };
}

/** Hands a file or folder we created as root to the user the server runs as. */
function giveToServer(cluster: Cluster, file: string): void {
  if (!cluster.runAs) return;
  const id = (flag: string) =>
    Number(spawnSync("id", [flag, cluster.runAs!], { encoding: "utf8" }).stdout.trim());
  chownSync(file, id("-u"), id("-g"));
}

function ownDir(cluster: Cluster, dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  giveToServer(cluster, dir);
}

function initialise(cluster: Cluster): void {
  if (cluster.runAs && spawnSync("id", ["-u", cluster.runAs]).status !== 0) {
    throw new Error(
      `PostgreSQL does not run as root, and there is no ${cluster.runAs} user to run it as.`,
    );
  }
  say(`Creating a PostgreSQL cluster in ${cluster.dataDir}`);
  ownDir(cluster, cluster.dataDir);
  mustRun(cluster, "initdb", [
    "--pgdata",
    cluster.dataDir,
    "--username",
    SUPERUSER,
    "--encoding",
    "UTF8",
    "--locale",
    "C.UTF-8",
    // The superuser only over the socket (in a folder only the cluster's owner reaches); every
    // TCP login needs a password.
    "--auth-local",
    "trust",
    "--auth-host",
    "scram-sha-256",
  ]);
  const conf = path.join(cluster.dataDir, "postgresql.conf");
  writeFileSync(conf, `${readFileSync(conf, "utf8")}\ninclude_if_exists = 'rehabit-test.conf'\n`);
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Where the server listens: written at every start, so PG_TEST_PORT may change between runs. */
function writeListenSettings(cluster: Cluster): void {
  if (cluster.socketDir !== cluster.dataDir) ownDir(cluster, cluster.socketDir);
  const file = path.join(cluster.dataDir, "rehabit-test.conf");
  const settings = [
    "listen_addresses = '127.0.0.1'",
    `port = ${cluster.port}`,
    `unix_socket_directories = ${quote(cluster.socketDir)}`,
    // Test databases live for seconds. An autovacuum worker (a superuser's process) caught inside
    // one would make the non-superuser test role's `drop database … with (force)` fail.
    "autovacuum = off",
  ].join("\n");
  writeFileSync(file, `${settings}\n`);
  giveToServer(cluster, file);
}

function isRunning(cluster: Cluster): boolean {
  return runPg(cluster, "pg_ctl", ["status", "--pgdata", cluster.dataDir]).status === 0;
}

function serverLog(cluster: Cluster): string {
  return path.join(cluster.dataDir, "server.log");
}

function startServer(cluster: Cluster): void {
  writeListenSettings(cluster);
  const result = runPg(cluster, "pg_ctl", [
    "start",
    "--wait",
    "--pgdata",
    cluster.dataDir,
    "--log",
    serverLog(cluster),
  ]);
  if (result.status !== 0) {
    const log = existsSync(serverLog(cluster))
      ? readFileSync(serverLog(cluster), "utf8").split("\n").slice(-15).join("\n")
      : "";
    throw new Error(`pg_ctl start failed:\n${result.stdout}${result.stderr}\n${log}`);
  }
}

async function asSuperuser<T>(cluster: Cluster, fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({
    host: cluster.socketDir,
    port: cluster.port,
    user: SUPERUSER,
    database: "postgres",
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The role and database the tests use, created or put back to what they must be. */
async function provision(cluster: Cluster): Promise<void> {
  await asSuperuser(cluster, async (client) => {
    const role = await client.query("select 1 from pg_roles where rolname = $1", [TEST_ROLE]);
    const verb = role.rowCount === 0 ? "create" : "alter";
    // The same rights as the application's role in a deployment, plus CREATEDB for test databases.
    await client.query(
      `${verb} role ${TEST_ROLE} login password ${quote(TEST_ROLE)} nosuperuser nobypassrls createdb nocreaterole`,
    );
    const db = await client.query("select 1 from pg_database where datname = $1", [DATABASE]);
    if (db.rowCount === 0) await client.query(`create database ${DATABASE} owner ${TEST_ROLE}`);
  });
}

/** Drops the per-test databases (db/engine/pg-test-databases.ts) that killed runs left behind. */
async function dropTestDatabases(cluster: Cluster): Promise<void> {
  await asSuperuser(cluster, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like '${TEST_DATABASE_PREFIX.replace(/_/g, "\\_")}%'`,
    );
    for (const { datname } of rows) {
      await client.query(`drop database "${datname}" with (force)`);
    }
    if (rows.length > 0) say(`Dropped ${rows.length} test database(s) left from earlier runs.`);
  });
}

async function start(): Promise<void> {
  const cluster = describeCluster();
  if (!existsSync(path.join(cluster.dataDir, "PG_VERSION"))) initialise(cluster);
  if (isRunning(cluster)) {
    say(`PostgreSQL is already running in ${cluster.dataDir}`);
  } else {
    startServer(cluster);
    say(`PostgreSQL started in ${cluster.dataDir} on 127.0.0.1:${cluster.port}`);
    // Just started, so no test can be using them.
    await dropTestDatabases(cluster);
  }
  await provision(cluster);
  process.stdout.write(`${clusterUrl(cluster.port)}\n`);
}

function stop(): void {
  const cluster = describeCluster();
  if (!existsSync(path.join(cluster.dataDir, "PG_VERSION")) || !isRunning(cluster)) {
    say("PostgreSQL is not running.");
    return;
  }
  mustRun(cluster, "pg_ctl", ["stop", "--wait", "--mode", "fast", "--pgdata", cluster.dataDir]);
  say(`PostgreSQL stopped (${cluster.dataDir}).`);
}

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case "start":
      return start();
    case "stop":
      return stop();
    case "status": {
      const running = isRunning(describeCluster());
      say(running ? "PostgreSQL is running." : "PostgreSQL is not running.");
      process.exitCode = running ? 0 : 3;
      return;
    }
    case "clean": {
      const cluster = describeCluster();
      if (!isRunning(cluster)) throw new Error("PostgreSQL is not running: start it first.");
      return dropTestDatabases(cluster);
    }
    case "url":
      process.stdout.write(`${clusterUrl(portFromEnv())}\n`);
      return;
    default:
      throw new Error("usage: tsx scripts/pg/cluster.ts start | stop | status | clean | url");
  }
}

main(process.argv[2]).then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    say(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
