import { existsSync, statSync } from "node:fs";
import path from "node:path";
import {
  BackupError,
  backupDatabase,
  defaultBackupFile,
  describeSize,
  shortPath,
} from "@/db/backup";
import { defaultDatabasePath } from "@/db/path";

/**
 * `npm run backup [-- <file or folder>]`: an online, verified copy of the database, safe while
 * the server runs. Without an argument it goes to data/backups/ under a UTC timestamp.
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
    const result = await backupDatabase(database, target);
    console.log(`Backup: ${shortPath(result.file)}`);
    console.log(`Size:   ${describeSize(result.bytes)}`);
    console.log("Check:  ok (integrity_check and foreign_key_check)");
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    return 1;
  }
}

main().then((code) => process.exit(code));
