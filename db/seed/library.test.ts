import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq, isNull } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { ExerciseFigure } from "../../lib/figure/types";
import type { Engine } from "../engine/types";
import { insertClinic, readIn, writeIn } from "../factories";
import { testEngineKind } from "../factories/test-db";
import { exercises, programTemplates, templateItems } from "../schema";
import { seedExercises } from "./exercises";
import { seedFigures } from "./figures";
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

/** Figures for the seed to write: their content is the model's business, not the seed's. */
const figure = (knee: number, working: ExerciseFigure["working"] = "near"): ExerciseFigure => ({
  version: 1,
  view: "side",
  props: [],
  poses: [
    { label: "start", pelvis: { x: 0, y: 93 }, angles: {} },
    { label: "end", pelvis: { x: 0, y: 93 }, angles: { nearHip: 40, nearKnee: knee } },
  ],
  working,
});

/** Every exercise's slug, owner and figure. */
function figuresIn(db: Engine) {
  return readIn(db, (r) =>
    r
      .select({
        id: exercises.id,
        slug: exercises.slug,
        clinicId: exercises.clinicId,
        figure: exercises.figure,
      })
      .from(exercises),
  );
}

describe("seedLibrary's figures", () => {
  it("gives each shared exercise its figure from the data file, and null to the others", async () => {
    const empty = await emptyDatabase();
    cleanup = empty.cleanup;
    await seedLibrary(empty.db);
    const rows = await figuresIn(empty.db);
    expect(rows).toHaveLength(seedExercises.length);
    for (const row of rows) expect(row.figure, row.slug).toEqual(seedFigures[row.slug] ?? null);
  });

  it("brings an existing database's figures up to date on every start, never a clinic's rows", async () => {
    const empty = await emptyDatabase();
    cleanup = empty.cleanup;
    const db = empty.db;
    // A database from before the figures: the shared rows exist, none drawn.
    await seedLibrary(db, { figures: {} });
    expect((await figuresIn(db)).every((row) => row.figure === null)).toBe(true);

    // A clinic's own exercise under the same slug as a shared one, with its own drawing, and one
    // without a drawing.
    const clinic = await insertClinic(db);
    const [squat] = await readIn(db, (r) =>
      r
        .select()
        .from(exercises)
        .where(and(isNull(exercises.clinicId), eq(exercises.slug, "wall-squat"))),
    );
    const { id: _id, createdAt: _createdAt, ...content } = squat!;
    const own = figure(90, "both");
    await writeIn(db, (tx) =>
      tx.insert(exercises).values([
        { ...content, clinicId: clinic.id, figure: own },
        { ...content, clinicId: clinic.id, slug: "glute-bridge", figure: null },
      ]),
    );

    await seedLibrary(db, { figures: { "wall-squat": figure(60) } });
    const bySlug = (rows: Awaited<ReturnType<typeof figuresIn>>, clinicId: string | null) =>
      Object.fromEntries(
        rows.filter((r) => r.clinicId === clinicId).map((r) => [r.slug, r.figure]),
      );
    let rows = await figuresIn(db);
    expect(bySlug(rows, null)["wall-squat"]).toEqual(figure(60));
    expect(Object.values(bySlug(rows, null)).filter(Boolean)).toHaveLength(1);
    expect(bySlug(rows, clinic.id)).toEqual({ "wall-squat": own, "glute-bridge": null });

    // A drawing changed in the file is changed in the library; one taken out of it is removed.
    await seedLibrary(db, { figures: { "glute-bridge": figure(30) } });
    rows = await figuresIn(db);
    expect(bySlug(rows, null)["wall-squat"]).toBeNull();
    expect(bySlug(rows, null)["glute-bridge"]).toEqual(figure(30));
    expect(bySlug(rows, clinic.id)).toEqual({ "wall-squat": own, "glute-bridge": null });
  });
});
