import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  BackupError,
  backupDatabase,
  defaultBackupFile,
  describeSize,
  findProblems,
  requireSqlite,
  restoreDatabase,
  shortPath,
} from "./backup";
import type { Engine } from "./engine/types";
import { insertCheckInsBulk, insertPatient } from "./factories";
import { createTestDb, testEngineKind } from "./factories/test-db";
import { buildTwoClinics } from "@/server/testing/world";

const ROOT = path.resolve(__dirname, "..");

/** These tools copy and replace the SQLite file: on PostgreSQL there is no file to test them on. */
const onSqlite = describe.skipIf(testEngineKind() === "pg");

let db: Engine;
let file: string;
let cleanup: () => Promise<void>;
let world: Awaited<ReturnType<typeof buildTwoClinics>>;

/** A fresh database with two clinics for each test of the describe that calls it. */
function withDatabase() {
  beforeEach(async () => {
    ({ db, file, cleanup } = await createTestDb());
    world = await buildTwoClinics(db);
  });
  afterEach(async () => {
    await cleanup();
  });
}

/** Beside the test database, so cleanup removes it too. */
const beside = (name: string) => path.join(path.dirname(file), name);

function countRows(dbFile: string, table: string): number {
  const reader = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return (reader.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    reader.close();
  }
}

async function addPatients(count: number) {
  for (let i = 0; i < count; i += 1) {
    await insertPatient(db, {
      clinicId: world.clinicA.id,
      primaryClinicianId: world.clinicianA.id,
    });
  }
}

/** The server as the restore sees it: nothing may have the database open. */
async function stopServer() {
  await db.close();
}

/** Another process adding patients until told to stop (server/testing/busy-writer.ts). */
function startBusyWriter() {
  const stopFile = beside("stop-writing");
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "server/testing/busy-writer.ts",
      file,
      world.clinicA.id,
      world.clinicianA.id,
      stopFile,
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  const writing = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("writing")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`the writer stopped early (exit ${code})`)));
  });
  const stop = async () => {
    writeFileSync(stopFile, "");
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    return JSON.parse(output.trim().split("\n").at(-1)!) as { committed: number };
  };
  return { writing, stop };
}

onSqlite("backupDatabase", () => {
  withDatabase();

  it("copies a database that another process keeps writing to, and the copy passes its checks", async () => {
    // Enough history that the copy takes a while, as a clinic's would.
    const today = new Date();
    await insertCheckInsBulk(
      db,
      Array.from({ length: 60 }, (_, day) => ({
        clinicId: world.clinicA.id,
        patientId: world.patientA.id,
        versionId: world.programA.version.id,
        day: new Date(today.getTime() - day * 86_400_000).toISOString().slice(0, 10),
        kind: "morning" as const,
        pain: [{ context: "morning" as const, score: 3 }],
      })),
    );
    const writer = startBusyWriter();
    await writer.writing;
    const patientsBefore = countRows(file, "patients");
    const target = beside("backup.db");

    const result = await backupDatabase(file, target);
    const patientsAfter = countRows(file, "patients");
    // The writer was never held up: it goes on committing after the copy.
    await vi.waitFor(() => expect(countRows(file, "patients")).toBeGreaterThan(patientsAfter), {
      timeout: 10_000,
    });
    const { committed } = await writer.stop();

    expect(result).toEqual({ file: target, bytes: statSync(target).size });
    expect(findProblems(target)).toEqual([]);
    const copied = countRows(target, "patients");
    expect(copied).toBeGreaterThanOrEqual(patientsBefore);
    expect(copied).toBeLessThanOrEqual(patientsAfter);
    expect(countRows(target, "check_ins")).toBe(60);
    expect(countRows(file, "patients")).toBe(2 + committed);
    // One self-contained file: a rollback journal, no -wal beside it.
    expect(readFileSync(target)[18]).toBe(1);
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(existsSync(`${target}.partial`)).toBe(false);
  });

  it("refuses to overwrite a file, and says so", async () => {
    const target = beside("taken.db");
    writeFileSync(target, "someone else's file");
    await expect(backupDatabase(file, target)).rejects.toThrow(/already exists/);
    expect(readFileSync(target, "utf8")).toBe("someone else's file");
  });

  it("says there is nothing to back up when the database is missing", async () => {
    await expect(backupDatabase(beside("nope.db"), beside("copy.db"))).rejects.toThrow(
      /no database at .*nope\.db.*DATA_DIR or DATABASE_PATH/,
    );
    expect(existsSync(beside("copy.db"))).toBe(false);
  });

  it("keeps nothing and says why when the copy fails", async () => {
    const notDb = beside("notes.txt");
    writeFileSync(notDb, "x".repeat(4096));
    const target = beside("copy.db");
    await expect(backupDatabase(notDb, target)).rejects.toThrow(
      /The backup failed \(file is not a database\), so nothing was kept/,
    );
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.partial`)).toBe(false);
  });
});

onSqlite("restoreDatabase", () => {
  withDatabase();

  it("brings back the rows of the backup and keeps the replaced database aside", async () => {
    await addPatients(3);
    const backup = beside("backup.db");
    await backupDatabase(file, backup);
    await addPatients(4);
    await stopServer();

    const result = restoreDatabase(backup, file);

    expect(result.previous).toBe(`${file}.before-restore`);
    expect(countRows(file, "patients")).toBe(2 + 3);
    expect(countRows(`${file}.before-restore`, "patients")).toBe(2 + 3 + 4);
    expect(findProblems(file)).toEqual([]);
    expect(existsSync(`${file}.restoring`)).toBe(false);
  });

  it("refuses while something has the database open, and changes nothing", async () => {
    const backup = beside("backup.db");
    await backupDatabase(file, backup);
    await addPatients(2);

    expect(() => restoreDatabase(backup, file)).toThrow(
      /in use\. Stop the Rehabit server .* Nothing was changed/,
    );
    expect(countRows(file, "patients")).toBe(4);
    expect(existsSync(`${file}.before-restore`)).toBe(false);
  });

  it("refuses a truncated backup before touching the database", async () => {
    await addPatients(300);
    const backup = beside("backup.db");
    await backupDatabase(file, backup);
    truncateSync(backup, Math.floor(statSync(backup).size / 2));
    await stopServer();

    expect(() => restoreDatabase(backup, file)).toThrow(BackupError);
    expect(() => restoreDatabase(backup, file)).toThrow(
      /cannot be restored: .*The current database was not touched/,
    );
    expect(countRows(file, "patients")).toBe(302);
    expect(existsSync(`${file}.before-restore`)).toBe(false);
  });

  it("refuses a file that is not a database, or not a Rehabit one", async () => {
    const text = beside("notes.db");
    writeFileSync(text, "x".repeat(4096));
    const other = beside("other.db");
    new Database(other).exec("CREATE TABLE t (x)").close();
    await stopServer();

    expect(() => restoreDatabase(text, file)).toThrow(/not a SQLite database/);
    expect(() => restoreDatabase(other, file)).toThrow(/not a Rehabit one/);
    expect(existsSync(`${file}.before-restore`)).toBe(false);
  });

  it("never overwrites the database kept aside by an earlier restore", async () => {
    const backup = beside("backup.db");
    await backupDatabase(file, backup);
    await stopServer();
    restoreDatabase(backup, file);

    expect(() => restoreDatabase(backup, file)).toThrow(/before-restore already exists/);
  });
});

onSqlite("npm run backup and npm run restore", () => {
  withDatabase();

  const run = (script: string, args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: file, DATABASE_URL: "" },
      encoding: "utf8",
    });

  it("print the file, its size and ok, and exit non-zero with the reason on failure", async () => {
    const backup = beside("cli-backup.db");
    const made = run("scripts/backup.ts", [backup]);
    expect(made.status).toBe(0);
    expect(made.stdout).toContain("cli-backup.db");
    expect(made.stdout).toMatch(/Size: +[\d.]+ KB \([\d,]+ bytes\)/);
    expect(made.stdout).toContain("Check:  ok");

    const refused = run("scripts/restore.ts", [backup]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("is in use");

    await stopServer();
    const restored = run("scripts/restore.ts", [backup]);
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain("Kept the database it replaced as");
    expect(restored.stdout).toContain("Restored");
  });
});

describe("on PostgreSQL", () => {
  /** A PostgreSQL address nothing listens on: the scripts must refuse before connecting. */
  const url = "postgres://rehabit:s3cret-pw@127.0.0.1:9/rehabit";

  it("refuses, naming PostgreSQL's own tools", () => {
    expect(() => requireSqlite("sqlite", "backup")).not.toThrow();
    expect(() => requireSqlite("pg", "backup")).toThrow(BackupError);
    expect(() => requireSqlite("pg", "backup")).toThrow(/pg_dump .*pg_basebackup/);
    expect(() => requireSqlite("pg", "restore")).toThrow(/pg_restore .*pg_basebackup/);
  });

  it("npm run backup and npm run restore exit non-zero and never print the address", () => {
    for (const [script, tool] of [
      ["scripts/backup.ts", "pg_dump"],
      ["scripts/restore.ts", "pg_restore"],
    ] as const) {
      const result = spawnSync(
        process.execPath,
        ["--import", "tsx", script, path.join(ROOT, "data", "nothing-here.db")],
        { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" },
      );
      expect(result.status, script).toBe(1);
      expect(result.stderr, script).toContain(tool);
      expect(result.stdout + result.stderr, script).not.toContain("s3cret-pw");
    }
  });
});

describe("backup names and messages", () => {
  it("names backups by UTC time under backups/ beside the database", () => {
    expect(defaultBackupFile("/srv/data/rehabit.db", new Date("2026-07-01T10:22:33.456Z"))).toBe(
      "/srv/data/backups/rehabit-2026-07-01T10-22-33Z.db",
    );
  });

  it("describes sizes readably and exactly", () => {
    expect(describeSize(512)).toBe("512 bytes");
    expect(describeSize(12_345_678)).toBe("11.8 MB (12,345,678 bytes)");
  });

  it("shows paths below the current folder relative to it, others in full", () => {
    expect(shortPath("/srv/rehabit/data/x.db", "/srv/rehabit")).toBe("data/x.db");
    expect(shortPath("/mnt/offsite/x.db", "/srv/rehabit")).toBe("/mnt/offsite/x.db");
  });
});
