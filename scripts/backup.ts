import Database from "better-sqlite3";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import {
  BackupError,
  backupDatabase,
  defaultBackupFile,
  describeSize,
  requireSqlite,
  shortPath,
} from "@/db/backup";
import { engineKind } from "@/db/engine-kind";
import { defaultDatabasePath } from "@/db/path";
import { anchorLine, writeAnchorFile } from "@/server/audit-verify";

/**
 * `npm run backup [-- <file or folder>]`: an online, verified copy of the SQLite database, safe
 * while the server runs. Without an argument it goes to data/backups/ under a UTC timestamp. Beside
 * it, `<backup>.anchor.json` records each clinic's audit chain as it stands in the copy (length and
 * latest hash), for `npm run audit:verify -- --anchor <file>` later (decision 021). On PostgreSQL
 * it refuses and names PostgreSQL's own tools.
 */
async function main(): Promise<number> {
  const database = defaultDatabasePath();
  const arg = process.argv[2];
  const target =
    arg === undefined
      ? defaultBackupFile(database)
      : existsSync(arg) && statSync(arg).isDirectory()
        ? path.join(arg, path.basename(defaultBackupFile(database)))
        : path.resolve(arg);
  try {
    requireSqlite(engineKind(), "backup");
    const result = await backupDatabase(database, target);
    console.log(`Backup: ${shortPath(result.file)}`);
    console.log(`Size:   ${describeSize(result.bytes)}`);
    console.log("Check:  ok (integrity_check and foreign_key_check)");
    const copy = new Database(result.file, { readonly: true, fileMustExist: true });
    try {
      const at = new Date();
      const anchor = writeAnchorFile(copy, result.file, at);
      console.log(`Anchor: ${shortPath(anchor.file)} (keep a copy away from this server)`);
      for (const a of anchor.anchors) console.log(anchorLine(a, at));
    } finally {
      copy.close();
    }
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Backup failed: ${error instanceof Error ? error.message : "error"}`);
    process.exit(1);
  },
);
