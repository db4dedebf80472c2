import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, isNull } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Engine } from "../engine/types";
import { testEngineKind } from "../factories/test-db";
import { exercises, programTemplates, templateItems } from "../schema";
import { seedExercises } from "./exercises";
import { seedLibrary } from "./library";
import { seedTemplates } from "./templates";

/** A migrated database without the library: what a server finds on its very first start. */
async function emptyDatabase(): Promise<{ db: Engine; cleanup: () => Promise<void> }> {
  if (testEngineKind() === "pg") {
    const { createTestDatabase } = await import("../engine/pg-test-databases");
    const { openPgEngine } = await import("../engine/pg");
    const database = await createTestDatabase();
    const db = openPgEngine(database.url);
    return {
      db,
      cleanup: async () => {
        await db.close();
        await database.drop();
      },
    };
  }
  const { openSqliteEngine } = await import("../engine/sqlite");
  const dir = mkdtempSync(path.join(tmpdir(), "rehabit-seed-"));
  const db = openSqliteEngine(path.join(dir, "seed.db"));
  return {
    db,
    cleanup: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function sharedCounts(db: Engine) {
  return db.read(null, async (r) => ({
    exercises: (
      await r.select({ n: count() }).from(exercises).where(isNull(exercises.clinicId))
    )[0]!.n,
    templates: (
      await r.select({ n: count() }).from(programTemplates).where(isNull(programTemplates.clinicId))
    )[0]!.n,
    items: (await r.select({ n: count() }).from(templateItems))[0]!.n,
  }));
}

const expected = {
  exercises: seedExercises.length,
  templates: seedTemplates.length,
  items: seedTemplates.reduce((n, t) => n + t.items.length, 0),
};

describe("seedLibrary", () => {
  it("loads the shared library into an empty database, and changes nothing the second time", async () => {
    const empty = await emptyDatabase();
    cleanup = empty.cleanup;
    expect(await sharedCounts(empty.db)).toEqual({ exercises: 0, templates: 0, items: 0 });
    expect(await seedLibrary(empty.db)).toEqual({
      exercises: expected.exercises,
      templates: expected.templates,
    });
    expect(await sharedCounts(empty.db)).toEqual(expected);
    await seedLibrary(empty.db);
    expect(await sharedCounts(empty.db)).toEqual(expected);
  });

  it("loads it once when two servers start together on an empty database", async () => {
    const empty = await emptyDatabase();
    cleanup = empty.cleanup;
    await Promise.all([seedLibrary(empty.db), seedLibrary(empty.db)]);
    expect(await sharedCounts(empty.db)).toEqual(expected);
  });
});
