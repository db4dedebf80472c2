import { BackupError, describeSize, requireSqlite, restoreDatabase, shortPath } from "@/db/backup";
import { engineKind } from "@/db/engine-kind";
import { defaultDatabasePath } from "@/db/path";

/**
 * `npm run restore -- <backup file>`, with the server stopped, for the SQLite database: checks the backup, keeps the
 * current database as <name>.before-restore, then puts the backup in its place.
 */
function main(): number {
  try {
    requireSqlite(engineKind(), "restore");
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    return 1;
  }
  const backup = process.argv[2];
  if (!backup) {
    console.error("Say which backup to restore: npm run restore -- data/backups/<file>.db");
    return 1;
  }
  const database = defaultDatabasePath();
  try {
    const result = restoreDatabase(backup, database);
    console.log(`Checked ${backup}: ok (integrity_check and foreign_key_check).`);
    if (result.previous) {
      console.log(`Kept the database it replaced as ${shortPath(result.previous)}.`);
    }
    console.log(`Restored ${shortPath(result.file)}: ${describeSize(result.bytes)}.`);
    console.log("Start the server again; it applies any newer migrations on start.");
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    return 1;
  }
}

process.exit(main());
