import Database from "better-sqlite3";
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import path from "node:path";

/**
 * Online backup and offline restore of the SQLite file. The backup uses SQLite's backup API, so
 * it is consistent while the server writes; the restore replaces the file and so needs the
 * server stopped. Messages name files and SQLite's own findings, never any row's content.
 */

/** A failure to report to the person running the script, in words that say what to do. */
export class BackupError extends Error {
  override name = "BackupError";
}

/**
 * These tools copy and replace the SQLite file; PostgreSQL has its own, which also cover a
 * server's WAL and point-in-time recovery. Refuses, saying which to use, when the database is
 * PostgreSQL (DATABASE_URL is a postgres:// address). The message never repeats the address,
 * which holds a password.
 */
export function requireSqlite(kind: "sqlite" | "pg", action: "backup" | "restore"): void {
  if (kind === "sqlite") return;
  throw new BackupError(
    action === "backup"
      ? "npm run backup copies the SQLite file, but DATABASE_URL names a PostgreSQL database. Back it up with PostgreSQL's own tools: pg_dump --format=custom for a copy of the database, or pg_basebackup with WAL archiving for the whole server and point-in-time recovery."
      : "npm run restore puts back a SQLite file, but DATABASE_URL names a PostgreSQL database. Restore it with PostgreSQL's own tools: pg_restore from a pg_dump file, or a base backup taken with pg_basebackup.",
  );
}

/**
 * Copy every page in one step. The backup API restarts whenever another process writes between
 * steps, so a busy server could keep a step-by-step copy from ever finishing; one step reads one
 * WAL snapshot, and in WAL mode a reader never blocks the server's writes.
 */
const ALL_PAGES = 0x7fffffff;

/** `data/backups/rehabit-2026-07-01T10-22-33Z.db` beside the database, in UTC. */
export function defaultBackupFile(databasePath: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "-");
  const base = path.basename(databasePath, path.extname(databasePath));
  return path.join(path.dirname(databasePath), "backups", `${base}-${stamp}.db`);
}

async function copyPages(source: string, destination: string) {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(destination, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
}

/**
 * Writes a verified copy of `source` to `target`. The copy is made under a temporary name and
 * renamed only once it has passed the checks, so a file with the final name is always good.
 */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  if (!existsSync(source)) {
    throw new BackupError(
      `There is no database at ${source}, so there is nothing to back up. Check DATA_DIR or DATABASE_PATH.`,
    );
  }
  if (existsSync(target)) {
    throw new BackupError(
      `${target} already exists, and a backup never overwrites a file. Give another path, or move that file away.`,
    );
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;

  try {
    await copyPages(source, partial);
    // The copy inherits WAL mode; a rollback journal makes it one self-contained file.
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    const problems = findProblems(partial);
    if (problems.length > 0) {
      throw new BackupError(
        `The backup copy failed its check, so it was not kept: ${problems.join("; ")}. The database itself may be damaged: keep the server stopped and restore the last good backup.`,
      );
    }
    syncFile(partial);
    renameSync(partial, target);
  } catch (error) {
    for (const suffix of ["", "-wal", "-shm", "-journal"])
      rmSync(partial + suffix, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `The backup failed (${error instanceof Error ? error.message : String(error)}), so nothing was kept. Check the database and the free space and permissions of ${path.dirname(target)}, then try again.`,
    );
  }
  return { file: target, bytes: statSync(target).size };
}

/**
 * What is wrong with a database file, in SQLite's words: an empty list means integrity_check
 * said "ok", no foreign key points nowhere, and it is a Rehabit database.
 */
export function findProblems(file: string): string[] {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return [whyUnreadable(error)];
  }
  try {
    const integrity = db.pragma("integrity_check") as { integrity_check: string }[];
    const damage = integrity.map((row) => row.integrity_check).filter((line) => line !== "ok");
    if (damage.length > 0) return [`integrity_check: ${damage.slice(0, 5).join(", ")}`];
    const orphans = db.pragma("foreign_key_check") as { table: string; parent: string }[];
    if (orphans.length > 0) {
      const first = orphans[0]!;
      return [
        `foreign_key_check: ${orphans.length} rows point to missing rows (first: ${first.table} → ${first.parent})`,
      ];
    }
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)")
      .all("clinics", "__drizzle_migrations");
    if (tables.length < 2) return ["it is a SQLite database, but not a Rehabit one"];
    return [];
  } catch (error) {
    return [whyUnreadable(error)];
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  file: string;
  bytes: number;
  /** Where the database it replaced was kept, or null when there was none. */
  previous: string | null;
}

/**
 * Replaces the database at `target` with the backup at `backup`, after checking the backup and
 * making sure nothing has the database open. The replaced file is kept as
 * `<target>.before-restore`, which is never overwritten.
 */
export function restoreDatabase(backup: string, target: string): RestoreResult {
  if (!existsSync(backup)) throw new BackupError(`There is no file at ${backup} to restore.`);
  if (path.resolve(backup) === path.resolve(target)) {
    throw new BackupError(`${backup} is the database itself; give the path of a backup.`);
  }
  const problems = findProblems(backup);
  if (problems.length > 0) {
    throw new BackupError(
      `${backup} cannot be restored: ${problems.join("; ")}. The current database was not touched; try an earlier backup.`,
    );
  }
  const previous = `${target}.before-restore`;
  if (existsSync(target)) {
    if (existsSync(previous)) {
      throw new BackupError(
        `${previous} already exists (from an earlier restore) and would be overwritten. Move it away or delete it, then run the restore again.`,
      );
    }
    takeOutOfUse(target);
  }

  const incoming = `${target}.restoring`;
  copyFileSync(backup, incoming);
  syncFile(incoming);
  const kept = existsSync(target) ? previous : null;
  if (kept) renameSync(target, kept);
  renameSync(incoming, target);
  syncFile(path.dirname(target));
  return { file: target, bytes: statSync(target).size, previous: kept };
}

/**
 * Leaving WAL mode needs the only connection to the file, so it fails while a server (or any
 * script) has the database open; it also folds the WAL into the file, so the file about to be
 * kept aside is complete on its own and no -wal is left to be replayed onto the restored one.
 */
function takeOutOfUse(target: string) {
  const inUse = new BackupError(
    `The database ${target} is in use. Stop the Rehabit server (and any script using the database), then run the restore again. Nothing was changed.`,
  );
  let db: Database.Database;
  try {
    db = new Database(target, { fileMustExist: true });
  } catch (error) {
    throw new BackupError(
      `The current database ${target} cannot be opened (${whyUnreadable(error)}). Move it away yourself, then run the restore again.`,
    );
  }
  try {
    db.pragma("busy_timeout = 0");
    if (db.pragma("journal_mode = DELETE", { simple: true }) !== "delete") throw inUse;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    if (sqliteCode(error) === "SQLITE_BUSY") throw inUse;
    throw error;
  } finally {
    db.close();
  }
  if (existsSync(`${target}-wal`)) throw inUse;
}

function syncFile(file: string) {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function sqliteCode(error: unknown): string | undefined {
  return error instanceof Database.SqliteError ? error.code : undefined;
}

function whyUnreadable(error: unknown): string {
  const code = sqliteCode(error);
  if (code === "SQLITE_NOTADB") return "it is not a SQLite database";
  if (code === "SQLITE_CORRUPT") return "it is damaged: SQLite says the disk image is malformed";
  return `it cannot be read: ${error instanceof Error ? error.message : String(error)}`;
}

/** A path as typed relative to here when it is below here, otherwise in full. */
export function shortPath(file: string, from = process.cwd()): string {
  const relative = path.relative(from, file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

/** "12.3 MB (12,345,678 bytes)": readable, and exact for comparing two copies. */
export function describeSize(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB"] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const exact = `${bytes.toLocaleString("en-GB")} bytes`;
  return unit === 0 ? exact : `${value.toFixed(1)} ${units[unit]} (${exact})`;
}
