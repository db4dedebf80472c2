import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Engine } from "../engine/types";
import { openSqliteEngine } from "../engine/sqlite";
import { seedLibrary } from "../seed/library";

export interface TestDb {
  /** The database, migrated, with the shared library. */
  db: Engine;
  /** The SQLite file, or the PostgreSQL URL. */
  file: string;
  cleanup: () => Promise<void>;
}

/** The engine the suite runs on: PostgreSQL when REHABIT_TEST_ENGINE=pg (and TEST_DATABASE_URL). */
export function testEngineKind(): "sqlite" | "pg" {
  return process.env.REHABIT_TEST_ENGINE === "pg" ? "pg" : "sqlite";
}

/**
 * A fresh, migrated database with the shared library, for one test file. Real file (or a real
 * PostgreSQL database of its own), real pragmas: the same code path as production.
 */
export async function createTestDb(): Promise<TestDb> {
  if (testEngineKind() === "pg") return createPgTestDb();
  const dir = mkdtempSync(path.join(tmpdir(), "rehabit-test-"));
  const file = path.join(dir, "test.db");
  const db = openSqliteEngine(file);
  await seedLibrary(db);
  return {
    db,
    file,
    cleanup: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPgTestDb(): Promise<TestDb> {
  const { createTestDatabase } = await import("../engine/pg-test-databases");
  const { openPgEngine } = await import("../engine/pg");
  const database = await createTestDatabase();
  const db = openPgEngine(database.url);
  await seedLibrary(db);
  return {
    db,
    file: database.url,
    cleanup: async () => {
      await db.close();
      await database.drop();
    },
  };
}
