import Database from "better-sqlite3";
import { type SQL } from "drizzle-orm";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { PgDialect } from "drizzle-orm/pg-core";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgDialect } from "./dialects/pg";
import { sqliteDialect } from "./dialects/sqlite";
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from "./engine/pg-test-databases";
import { engineKind } from "./engine-kind";
import { drizzleShape, pgTenantPolicies } from "./identity/drizzle-shape";
import { type LivePg, livePg, pgStoredChecks } from "./identity/live-pg";
import { liveSqliteShape, liveSqliteTriggers } from "./identity/live-sqlite";
import { diffSchemas, type SchemaShape } from "./identity/shape";
import * as activeModule from "./schema";
import * as pgModule from "./schema/pg";
import * as sqliteModule from "./schema/sqlite";

/**
 * Issue 13: the two engines' schemas are the same tables, columns, types, constraints and
 * indexes. Always: PostgreSQL's drizzle tables against SQLite's, through logical types. With
 * TEST_DATABASE_URL: both engines' migrations applied to fresh databases and read back from their
 * catalogues, each against the other and against its own drizzle tables, plus what only pg has
 * (row-level security, TRUNCATE triggers).
 */

const { pgTables } = pgModule;
const { sqliteTables } = sqliteModule;
const asText = { checks: "text" } as const;

/** One difference a line, so a failure prints them all. */
const expectSame = (diffs: string[]) => expect(diffs.join("\n")).toBe("");

describe("the two schemas' definitions", () => {
  it("define the same tables on both engines (logical types, keys, indexes, checks)", () => {
    const diffs = diffSchemas(
      { label: "pg", shape: drizzleShape(pgTables, "logical"), projection: asText },
      { label: "sqlite", shape: drizzleShape(sqliteTables, "logical"), projection: asText },
      { crossEngine: true },
    );
    expectSame(diffs);
    expect(Object.keys(drizzleShape(pgTables, "logical"))).toHaveLength(
      Object.keys(pgTables).length,
    );
  });

  it("give every PostgreSQL table with a clinic_id the clinic policy", () => {
    const tenants = pgTenantPolicies(pgTables);
    expect(Object.keys(tenants).length).toBeGreaterThan(0);
    for (const [table, rls] of Object.entries(tenants)) {
      expect(rls, table).toMatchObject({ enabled: true });
      expect(rls.policies, table).toContain(`${table}_clinic_isolation`);
    }
  });

  it("export every table under the same name from db/schema/pg, db/schema/sqlite and db/schema", () => {
    const exported = (module: object) => module as Record<string, unknown>;
    const active = engineKind() === "pg" ? pgTables : sqliteTables;
    for (const [name, table] of Object.entries(pgTables)) {
      expect(exported(pgModule)[name], name).toBe(table);
      expect(exported(sqliteModule)[name], name).toBe(exported(sqliteTables)[name]);
      expect(exported(activeModule)[name], name).toBe(exported(active)[name]);
    }
  });
});

/** Each engine-specific fragment, and values to try it on. */
const FRAGMENTS: {
  name: keyof typeof pgDialect.fragments;
  cases: [string | null, boolean | null][];
}[] = [
  {
    name: "isIsoDay",
    cases: [
      ["2025-03-01", true],
      ["01/03/2025", false],
      ["2025-3-01", false],
      ["2025-03-01x", false],
      ["x2025-03-01", false],
      ["2025-03-01\n", false],
      ["２０２５-03-01", false],
      ["", false],
      [null, null],
    ],
  },
  {
    name: "startsWithDigit",
    cases: [
      ["112", true],
      ["1a", true],
      ["a1", false],
      [" 112", false],
      ["", false],
      [null, null],
    ],
  },
];

const sqliteSql = (s: SQL) => new SQLiteSyncDialect().sqlToQuery(s).sql;
const pgSql = (s: SQL) => new PgDialect().sqlToQuery(s).sql;

function sqliteAnswer(db: Database.Database, fragment: SQL, value: string | null): boolean | null {
  const ok = db
    .prepare(`select (${sqliteSql(fragment)}) as ok from (select ? as v)`)
    .pluck()
    .get(value) as number | null;
  return ok === null ? null : ok === 1;
}

describe("the engine-specific CHECK fragments on SQLite", () => {
  it("answer as the CHECKs intend", () => {
    const db = new Database(":memory:");
    try {
      for (const { name, cases } of FRAGMENTS) {
        for (const [value, expected] of cases) {
          expect(
            sqliteAnswer(db, sqliteDialect.fragments[name]("v"), value),
            `${name}(${value})`,
          ).toBe(expected);
        }
      }
    } finally {
      db.close();
    }
  });
});

/** A PostgreSQL type (format_type) -> the SQLite type it is written as. */
const SQLITE_TYPE_OF_PG: Record<string, string> = {
  text: "text",
  integer: "integer",
  "double precision": "real",
  boolean: "integer",
  "timestamp(3) with time zone": "integer",
  jsonb: "text",
};

const url = testDatabaseUrl();
const skipped = "(skipped: TEST_DATABASE_URL is not set; see scripts/pg/cluster.ts)";
// The default reporter prints only a count of skipped tests: say why once.
if (!url) console.warn(`db/identity.test.ts: live schema comparisons ${skipped}`);

/**
 * A fresh PostgreSQL database for the run: its own database when the role may create one (the
 * suite's convention), else TEST_DATABASE_URL's own, its schemas dropped and made again.
 */
async function freshPgDatabase(adminUrl: string): Promise<{ url: string; done(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const role = await admin.query<{ createdb: boolean }>(
      "select rolcreatedb as createdb from pg_roles where rolname = current_user",
    );
    if (role.rows[0]?.createdb) {
      const database: TestDatabase = await createTestDatabase({ adminUrl });
      return { url: database.url, done: () => database.drop() };
    }
    await admin.query("drop schema if exists drizzle cascade");
    await admin.query("drop schema if exists public cascade");
    await admin.query("create schema public");
    return { url: adminUrl, done: async () => {} };
  } finally {
    await admin.end();
  }
}

describe.skipIf(!url)(url ? "the live schemas" : `the live schemas ${skipped}`, () => {
  let folder: string;
  let sqlite: Database.Database;
  let client: pg.Client;
  let database: { url: string; done(): Promise<void> };
  let pgLive: LivePg;
  let sqliteLive: SchemaShape;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), "rehabit-identity-"));
    sqlite = new Database(path.join(folder, "identity.db"));
    migrateSqlite(drizzleSqlite(sqlite), {
      migrationsFolder: path.join(process.cwd(), "db", "migrations"),
    });
    sqliteLive = liveSqliteShape(sqlite);

    database = await freshPgDatabase(url!);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await migratePg(drizzlePg(client), {
      migrationsFolder: path.join(process.cwd(), "db", "migrations-pg"),
    });
    pgLive = await livePg(client);
  });

  afterAll(async () => {
    sqlite?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
    await client?.end();
    await database?.done();
  });

  it("the role is neither a superuser nor exempt from row-level security", async () => {
    const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      "select rolsuper, rolbypassrls from pg_roles where rolname = current_user",
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it("1: migrated SQLite and migrated PostgreSQL hold the same tables", () => {
    const sqliteType = (t: string) => SQLITE_TYPE_OF_PG[t] ?? `unmapped:${t}`;
    const diffs = diffSchemas(
      { label: "sqlite", shape: sqliteLive, projection: { checks: "fingerprint" } },
      { label: "pg", shape: pgLive.shape, projection: { checks: "fingerprint", type: sqliteType } },
      { crossEngine: true },
    );
    expectSame(diffs);
  });

  it("2: each migrated database matches its own drizzle tables, to the exact SQL type and CHECK", async () => {
    const pgDefined = await pgStoredChecks(client, drizzleShape(pgTables, "sql"));
    expectSame(
      diffSchemas(
        { label: "live pg", shape: pgLive.shape, projection: asText },
        { label: "drizzle pg", shape: pgDefined, projection: asText },
        { crossEngine: false },
      ),
    );
    expectSame(
      diffSchemas(
        { label: "live sqlite", shape: sqliteLive, projection: asText },
        { label: "drizzle sqlite", shape: drizzleShape(sqliteTables, "sql"), projection: asText },
        { crossEngine: false },
      ),
    );
  });

  it("4: row-level security is on, forced and keyed on the clinic for every table with a clinic_id", () => {
    const declared = pgTenantPolicies(pgTables);
    const tenants = Object.entries(pgLive.shape)
      .filter(([, t]) => "clinic_id" in t.columns)
      .map(([name]) => name);
    expect(tenants.sort()).toEqual(Object.keys(declared).sort());
    for (const table of tenants) {
      expect(pgLive.security[table], table).toEqual({
        enabled: true,
        forced: true,
        policies: declared[table]!.policies,
      });
    }
  });

  it("4: history is append-only on PostgreSQL wherever it is on SQLite, TRUNCATE included", () => {
    const sqliteTriggers = liveSqliteTriggers(sqlite);
    expect(sqliteTriggers.length).toBeGreaterThan(0);
    expect(pgLive.triggers).toEqual(expect.arrayContaining(sqliteTriggers));
    for (const table of new Set(sqliteTriggers.map((t) => t.split(":")[0]))) {
      expect(pgLive.triggers, table).toContain(`${table}:truncate`);
    }
  });

  it("the engine-specific CHECK fragments answer the same on both engines", async () => {
    for (const { name, cases } of FRAGMENTS) {
      for (const [value] of cases) {
        const { rows } = await client.query<{ ok: boolean | null }>(
          `select (${pgSql(pgDialect.fragments[name]("v"))}) as ok from (select $1::text as v) s`,
          [value],
        );
        expect(rows[0]?.ok, `${name}(${value})`).toBe(
          sqliteAnswer(sqlite, sqliteDialect.fragments[name]("v"), value),
        );
      }
    }
  });

  it("lets every clinic read the shared library, and only the system path write it", async () => {
    const as = async (settings: Record<string, string>, statement: string) => {
      await client.query("begin");
      try {
        for (const [key, value] of Object.entries(settings)) {
          await client.query("select set_config($1, $2, true)", [key, value]);
        }
        const result = await client.query(statement);
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback");
        throw error;
      }
    };
    await as(
      { "app.system": "on" },
      `insert into clinics (id, name, time_zone, created_at) values ('c-a', 'A', 'UTC', now());
       insert into exercises (id, slug, name, category, body_region, target_structure, summary,
         steps, what_to_feel, stop_if, cautions, conditions, created_at)
       values ('x-shared', 'squat', 'Squat', 'strengthening', 'knee', 'quadriceps', 's', '[]', 'f',
         's', '[]', '[]', now())`,
    );
    const seen = await as({ "app.clinic_id": "c-a" }, "select id from exercises");
    expect(seen.rows).toEqual([{ id: "x-shared" }]);
    const renamed = await as(
      { "app.clinic_id": "c-a" },
      "update exercises set name = 'Mine' where id = 'x-shared'",
    );
    expect(renamed.rowCount).toBe(0);
    await expect(
      as(
        { "app.clinic_id": "c-a" },
        `insert into exercises (id, slug, name, category, body_region, target_structure, summary,
           steps, what_to_feel, stop_if, cautions, conditions, created_at)
         values ('x-fake', 'lunge', 'Lunge', 'strengthening', 'knee', 'q', 's', '[]', 'f', 's',
           '[]', '[]', now())`,
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
