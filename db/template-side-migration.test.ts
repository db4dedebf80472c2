import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { SQLITE_MIGRATIONS } from "./client";
import { testEngineKind } from "./factories/test-db";

/**
 * The migration that gives template items a side and a load, on a database made before it: items
 * whose exercise is done on one leg keep starting on the patient's affected side ("affected"),
 * every other item is on both legs, and the new CHECKs hold.
 */
const TAG = "template-dose";
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A copy of a migrations folder whose journal stops before this migration. */
function foldersAround(source: string): { before: string; all: string } {
  const before = mkdtempSync(path.join(tmpdir(), "rehabit-migrations-"));
  dirs.push(before);
  cpSync(source, before, { recursive: true });
  const journalFile = path.join(before, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as {
    entries: { tag: string }[];
  };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(TAG));
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  return { before, all: source };
}

const ROWS = [
  ["ex-one", "one_leg"],
  ["ex-each", "each_leg"],
  ["ex-together", "together"],
] as const;

describe.runIf(testEngineKind() === "sqlite")("the template side migration on SQLite", () => {
  it("puts one-leg items on the affected leg and the others on both legs", () => {
    const { before, all } = foldersAround(SQLITE_MIGRATIONS);
    const dir = mkdtempSync(path.join(tmpdir(), "rehabit-sqlite-"));
    dirs.push(dir);
    const sqlite = new Database(path.join(dir, "old.db"));
    try {
      migrate(drizzle(sqlite), { migrationsFolder: before });
      sqlite
        .prepare(
          "insert into program_templates (id, slug, name, condition, description, created_at) values ('tpl', 'tpl', 'Old', 'runners_knee', '', 0)",
        )
        .run();
      for (const [position, [id, sidedness]] of ROWS.entries()) {
        sqlite
          .prepare(
            `insert into exercises (id, slug, name, category, sidedness, body_region, target_structure, summary, steps, what_to_feel, stop_if, cautions, conditions, created_at)
             values (?, ?, ?, 'strengthening', ?, 'knee', 'Quadriceps', 'A summary.', '[]', 'Work.', 'Pain.', '[]', '[]', 0)`,
          )
          .run(id, id, id, sidedness);
        sqlite
          .prepare(
            "insert into template_items (id, template_id, exercise_id, position, reps) values (?, 'tpl', ?, ?, 10)",
          )
          .run(`item-${id}`, id, position);
      }

      migrate(drizzle(sqlite), { migrationsFolder: all });
      const sides = sqlite
        .prepare("select exercise_id, side, load_kg, reps from template_items order by position")
        .all();
      expect(sides).toEqual([
        { exercise_id: "ex-one", side: "affected", load_kg: null, reps: 10 },
        { exercise_id: "ex-each", side: "both", load_kg: null, reps: 10 },
        { exercise_id: "ex-together", side: "both", load_kg: null, reps: 10 },
      ]);
      const write = (sql: string) => () => sqlite.prepare(sql).run();
      expect(write("update template_items set side = 'sideways'")).toThrow(/side_check/);
      expect(write("update template_items set load_kg = -1")).toThrow(/load_check/);
      expect(write("update template_items set load_kg = 2, band_colour = 'red'")).toThrow(
        /one_load_check/,
      );
    } finally {
      sqlite.close();
    }
  });
});

describe.runIf(testEngineKind() === "pg")("the template side migration on PostgreSQL", () => {
  it("puts one-leg items on the affected leg and the others on both legs", async () => {
    const { createTestDatabase } = await import("./engine/pg-test-databases");
    const { migratePg } = await import("./engine/pg");
    const { before, all } = foldersAround(path.join(process.cwd(), "db", "migrations-pg"));
    const database = await createTestDatabase();
    try {
      await migratePg(database.url, before);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query("select set_config('app.system', 'on', false)");
        await client.query(
          "insert into program_templates (id, slug, name, condition, description, created_at) values ('tpl', 'tpl', 'Old', 'runners_knee', '', now())",
        );
        for (const [position, [id, sidedness]] of ROWS.entries()) {
          await client.query(
            `insert into exercises (id, slug, name, category, sidedness, body_region, target_structure, summary, steps, what_to_feel, stop_if, cautions, conditions, created_at)
             values ($1, $1, $1, 'strengthening', $2, 'knee', 'Quadriceps', 'A summary.', '[]', 'Work.', 'Pain.', '[]', '[]', now())`,
            [id, sidedness],
          );
          await client.query(
            "insert into template_items (id, template_id, exercise_id, position, reps) values ($1, 'tpl', $2, $3, 10)",
            [`item-${id}`, id, position],
          );
        }
      } finally {
        await client.end();
      }
      await migratePg(database.url, all);
      const check = new pg.Client({ connectionString: database.url });
      await check.connect();
      try {
        const { rows } = await check.query(
          "select exercise_id, side, load_kg from template_items order by position",
        );
        expect(rows).toEqual([
          { exercise_id: "ex-one", side: "affected", load_kg: null },
          { exercise_id: "ex-each", side: "both", load_kg: null },
          { exercise_id: "ex-together", side: "both", load_kg: null },
        ]);
      } finally {
        await check.end();
      }
    } finally {
      await database.drop();
    }
  });
});
