import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "../client";
import { seedLibrary } from "../seed/library";

/**
 * A fresh, migrated SQLite file with the shared library, for one test file. Real file, real
 * pragmas: the same code path as production.
 */
export function createTestDb(): { db: Db; file: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "rehabit-test-"));
  const file = path.join(dir, "test.db");
  const db = openDatabase(file);
  seedLibrary(db);
  return {
    db,
    file,
    cleanup: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
