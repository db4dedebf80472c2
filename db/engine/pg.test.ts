import { count, desc, eq, sql } from "drizzle-orm";
import { integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, clinics, users } from "../schema/pg";
import { openPgEngine, type PgEngine } from "./pg";
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from "./pg-test-databases";
import { perConnection } from "../../server/services/prepared";
import type { Tx } from "./types";

/**
 * The PostgreSQL engine's rules, on a real server: TEST_DATABASE_URL (start one with
 * `npx tsx scripts/pg/cluster.ts start`). Each run gets its own database, migrated from a small
 * migrations folder written here, so these tests do not depend on the application's schema.
 */

const url = testDatabaseUrl();
const skipped = "(skipped: TEST_DATABASE_URL is not set; see scripts/pg/cluster.ts)";
const title = url ? "PostgreSQL engine" : `PostgreSQL engine ${skipped}`;
// The default reporter prints only a count of skipped tests: say why once.
if (!url) console.warn(`db/engine/pg.test.ts: PostgreSQL tests ${skipped}`);
const JOURNAL = path.join(process.cwd(), "db", "migrations-pg", "meta", "_journal.json");
const migrated = existsSync(JOURNAL);
const schemaTitle = !url
  ? `PostgreSQL schema's walls ${skipped}`
  : migrated
    ? "PostgreSQL schema's walls"
    : "PostgreSQL schema's walls (skipped: db/migrations-pg has no migrations yet)";

const A = "clinic-a";
const B = "clinic-b";

const items = pgTable("items", {
  id: text("id").primaryKey(),
  clinicId: text("clinic_id").notNull(),
  name: text("name").notNull(),
  at: timestamp("at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
});
const counted = pgTable("counted", {
  id: serial("id").primaryKey(),
  day: text("day").notNull(),
});
const events = pgTable("events", {
  id: serial("id").primaryKey(),
  clinicId: text("clinic_id").notNull(),
  prev: integer("prev"),
});

// The same rule as the application's policies (db/dialects/pg.ts), forced on the owner too.
const TENANT_RULE = `clinic_id = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on'`;
const SCRATCH_MIGRATION = [
  `create table items (id text primary key, clinic_id text not null, name text not null, at timestamp(3) with time zone not null default now())`,
  `alter table items enable row level security`,
  `alter table items force row level security`,
  `create policy items_clinic on items using (${TENANT_RULE}) with check (${TENANT_RULE})`,
  `create table counted (id serial primary key, day text not null)`,
  `create table events (id serial primary key, clinic_id text not null, prev integer)`,
].join("\n--> statement-breakpoint\n");

/** A drizzle migrations folder of one migration; drizzle runs those newer (`when`) than the last. */
function migrationsFolder(parent: string, name: string, statements: string, when: number): string {
  const folder = path.join(parent, name);
  mkdirSync(path.join(folder, "meta"), { recursive: true });
  const entry = { idx: 0, version: "7", when, tag: "0000_scratch", breakpoints: true };
  writeFileSync(
    path.join(folder, "meta", "_journal.json"),
    JSON.stringify({ version: "7", dialect: "postgresql", entries: [entry] }),
  );
  writeFileSync(path.join(folder, "0000_scratch.sql"), statements);
  return folder;
}

/** What a failure says, drizzle's wrapper and the driver's error underneath together. */
function failure(error: unknown): string {
  const own = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: { message?: string } }).cause?.message ?? "";
  return `${own} ${cause}`;
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return failure(error);
  }
  throw new Error("expected a failure");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!url)(title, () => {
  let database: TestDatabase;
  let engine: PgEngine;
  let folders: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    folders = mkdtempSync(path.join(tmpdir(), "rehabit-pg-migrations-"));
    const folder = migrationsFolder(folders, "scratch", SCRATCH_MIGRATION, 1_700_000_000_000);
    // Two servers starting together: both migrate, one waits for the other.
    const first = openPgEngine(database.url, { migrationsFolder: folder });
    const second = openPgEngine(database.url, { migrationsFolder: folder, max: 1 });
    await Promise.all([first.ready, second.ready]);
    await second.close();
    engine = first;
    await engine.write(null, (tx) =>
      tx.insert(items).values([
        { id: "a1", clinicId: A, name: "Anna" },
        { id: "b1", clinicId: B, name: "Bea" },
      ]),
    );
  });

  afterAll(async () => {
    try {
      await engine?.close();
    } finally {
      await database?.drop();
      if (folders) rmSync(folders, { recursive: true, force: true });
    }
  });

  describe("migrations", () => {
    it("applies them once, even when two engines open the database together", async () => {
      const applied = await engine.read(null, (db) =>
        engine.rows<{ n: string }>(db, sql`select count(*) as n from drizzle.__drizzle_migrations`),
      );
      expect(applied).toEqual([{ n: "1" }]);
    });

    it("reports a failed migration to every statement instead of running them", async () => {
      const broken = openPgEngine(database.url, {
        migrationsFolder: migrationsFolder(folders, "broken", "create table (", 1_800_000_000_000),
      });
      try {
        expect(await rejection(broken.read(A, (db) => db.select().from(items)))).toMatch(/syntax/);
        await expect(broken.ready).rejects.toThrow();
      } finally {
        await broken.close();
      }
    });
  });

  describe("row-level security keyed on the transaction's clinic", () => {
    it("shows a query with no clinic filter only its own clinic's rows", async () => {
      const seen = await engine.read(A, (db) => db.select({ name: items.name }).from(items));
      expect(seen).toEqual([{ name: "Anna" }]);
      const other = await engine.read(A, (db) => db.select().from(items).where(eq(items.id, "b1")));
      expect(other).toEqual([]);
    });

    it("refuses a row written for another clinic, or moved to one", async () => {
      const insert = engine.write(A, (tx) =>
        tx.insert(items).values({ id: "x1", clinicId: B, name: "X" }),
      );
      expect(await rejection(insert)).toMatch(/row-level security/);
      const move = engine.write(A, (tx) =>
        tx.update(items).set({ clinicId: B }).where(eq(items.id, "a1")),
      );
      expect(await rejection(move)).toMatch(/row-level security/);
      const touched = await engine.write(A, (tx) =>
        tx.update(items).set({ name: "changed" }).where(eq(items.id, "b1")).returning(),
      );
      expect(touched).toEqual([]);
    });

    it("shows every clinic on the system path, and nothing where no clinic was set", async () => {
      const all = await engine.read(null, (db) =>
        db.select({ id: items.id }).from(items).orderBy(items.id),
      );
      expect(all).toEqual([{ id: "a1" }, { id: "b1" }]);

      const bare = new pg.Client({ connectionString: database.url });
      await bare.connect();
      try {
        const { rows } = await bare.query("select count(*)::int as n from items");
        expect(rows).toEqual([{ n: 0 }]);
      } finally {
        await bare.end();
      }
    });

    it("leaves nothing behind on the pooled connection once the transaction ends", async () => {
      const single = openPgEngine(database.url, { migrate: false, max: 1 });
      try {
        await single.write(A, (tx) => tx.select().from(items));
        const bare = await single.read(null, (db) =>
          single.rows<{ clinic: string; system: string }>(
            db,
            sql`select current_setting('app.clinic_id', true) as clinic, current_setting('app.system', true) as system`,
          ),
        );
        expect(bare).toEqual([{ clinic: "", system: "on" }]);
        const clinic = await single.read(A, (db) =>
          single.rows<{ clinic: string; system: string }>(
            db,
            sql`select current_setting('app.clinic_id', true) as clinic, current_setting('app.system', true) as system`,
          ),
        );
        expect(clinic).toEqual([{ clinic: A, system: "" }]);
      } finally {
        await single.close();
      }
    });
  });

  describe("transactions", () => {
    it("runs reads read-only", async () => {
      const write = engine.read(A, (db) =>
        db.insert(items).values({ id: "r1", clinicId: A, name: "R" }),
      );
      expect(await rejection(write)).toMatch(/read-only transaction/);
    });

    it("holds a read-then-write rule at serializable by retrying, and not at read committed", async () => {
      const insertIfFewerThanThree = (day: string, isolation?: "serializable") =>
        engine.write(
          A,
          async (tx) => {
            const [row] = await tx.select({ n: count() }).from(counted).where(eq(counted.day, day));
            if ((row?.n ?? 0) >= 3) return "limited";
            await sleep(5);
            await tx.insert(counted).values({ day });
            return "inserted";
          },
          { isolation },
        );
      const countOf = async (day: string) => {
        const [row] = await engine.read(A, (db) =>
          db.select({ n: count() }).from(counted).where(eq(counted.day, day)),
        );
        return row?.n;
      };

      const before = engine.stats.retries;
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => insertIfFewerThanThree("2025-02-01", "serializable")),
      );
      expect(await countOf("2025-02-01")).toBe(3);
      expect(outcomes.filter((o) => o === "inserted")).toHaveLength(3);
      expect(engine.stats.retries).toBeGreaterThan(before);

      await Promise.all(Array.from({ length: 8 }, () => insertIfFewerThanThree("2025-02-02")));
      expect(await countOf("2025-02-02")).toBeGreaterThan(3);
    });

    it("does not retry an error that is not a serialization failure", async () => {
      const before = engine.stats.retries;
      const duplicate = engine.write(A, (tx) =>
        tx.insert(items).values({ id: "a1", clinicId: A, name: "again" }),
      );
      expect(await rejection(duplicate)).toMatch(/duplicate key/);
      expect(engine.stats.retries).toBe(before);
    });

    it("reads a write's own rows inside it, and nobody else does before COMMIT", async () => {
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      let inside: string[] = [];
      let entered = () => {};
      const open = new Promise<void>((resolve) => (entered = resolve));
      const writing = engine.write(A, async (tx) => {
        await tx.insert(items).values({ id: "a2", clinicId: A, name: "Ada" });
        inside = (await engine.read(A, (db) => db.select({ id: items.id }).from(items))).map(
          (r) => r.id,
        );
        entered();
        await gate;
      });
      await open;
      const outside = await engine.read(A, (db) => db.select({ id: items.id }).from(items));
      release();
      await writing;
      expect(inside.sort()).toEqual(["a1", "a2"]);
      expect(outside.map((r) => r.id)).toEqual(["a1"]);
    });

    it("refuses a write inside a write or a read, and a read for another clinic inside a write", async () => {
      const nested = engine.write(A, () => engine.write(A, async () => "inner"));
      expect(await rejection(nested)).toMatch(/write\(\) inside write\(\)/);
      const inRead = engine.read(A, () => engine.write(A, async () => "inner"));
      expect(await rejection(inRead)).toMatch(/write\(\) inside read\(\)/);
      const together = engine.write(A, () => engine.writeTogether(A, async () => "inner"));
      expect(await rejection(together)).toMatch(/write\(\) inside write\(\)/);
      const otherClinic = engine.write(A, () => engine.read(B, async () => "inner"));
      expect(await rejection(otherClinic)).toMatch(/another clinic/);
    });

    it("rolls back a failed savepoint alone and refuses savepoints in parallel", async () => {
      await engine.write(A, async (tx) => {
        await tx.insert(items).values({ id: "s1", clinicId: A, name: "kept" });
        await tx
          .savepoint(async (inner) => {
            await inner.insert(items).values({ id: "s2", clinicId: A, name: "rolled back" });
            throw new Error("fails");
          })
          .catch(() => undefined);
        await tx.savepoint((inner) =>
          inner.insert(items).values({ id: "s3", clinicId: A, name: "kept too" }),
        );
      });
      const ids = await engine.read(A, (db) =>
        db
          .select({ id: items.id })
          .from(items)
          .where(sql`${items.id} like 's%'`)
          .orderBy(items.id),
      );
      expect(ids.map((r) => r.id)).toEqual(["s1", "s3"]);

      const parallel = engine.write(A, (tx) =>
        Promise.all([tx.savepoint(async () => sleep(5)), tx.savepoint(async () => sleep(5))]),
      );
      expect(await rejection(parallel)).toMatch(/in parallel/);
    });

    it("refuses a transaction handle used by another request or after COMMIT", async () => {
      let leaked: Tx | undefined;
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      let entered = () => {};
      const open = new Promise<void>((resolve) => (entered = resolve));
      const writing = engine.write(A, async (tx) => {
        leaked = tx;
        entered();
        await gate;
      });
      await open;
      expect(await rejection(leaked!.select().from(items))).toMatch(/another request/);
      release();
      await writing;
      expect(await rejection(leaked!.select().from(items))).toMatch(/already ended/);
    });

    it("gives every transaction of a connection the same session, so statements are built once", async () => {
      const single = openPgEngine(database.url, { max: 1, migrate: false });
      try {
        const built = perConnection((handle) => handle.select().from(items).prepare("items_all"));
        const sessions = new Set<unknown>();
        for (const clinic of [A, B, A]) {
          await single.read(clinic, async (tx) => {
            sessions.add((tx as unknown as { session: unknown }).session);
            await built(tx).execute();
          });
        }
        expect(sessions.size).toBe(1);
        // Prepared on the first transaction, run again in the third: still scoped by its clinic.
        const rows = await single.read(B, (tx) => built(tx).execute());
        expect(rows.every((r) => r.clinicId === B)).toBe(true);
      } finally {
        await single.close();
      }
    });

    it("returns mapped timestamps as Dates, raw rows as the driver's text", async () => {
      const [mapped] = await engine.read(A, (db) =>
        db.select({ at: items.at }).from(items).where(eq(items.id, "a1")),
      );
      expect(mapped?.at).toBeInstanceOf(Date);
      const [raw] = await engine.read(A, (db) =>
        engine.rows<{ at: unknown }>(db, sql`select at from items where id = 'a1'`),
      );
      expect(typeof raw?.at).toBe("string");
    });

    it("commits writeTogether without waiting for the disk only when asked", async () => {
      const setting = (syncToDisk?: boolean) =>
        engine.writeTogether(
          A,
          (tx) =>
            engine.rows<{ s: string }>(tx, sql`select current_setting('synchronous_commit') as s`),
          syncToDisk === undefined ? undefined : { syncToDisk },
        );
      expect(await setting(false)).toEqual([{ s: "off" }]);
      expect(await setting()).toEqual([{ s: "on" }]);
    });
  });

  describe("lockClinic", () => {
    /** 20 concurrent appends that each link to the clinic's latest event; forks share a link. */
    async function forks(clinicId: string, lock: boolean): Promise<number> {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          engine.write(clinicId, async (tx) => {
            if (lock) await engine.lockClinic(tx, clinicId);
            const [last] = await tx
              .select({ id: events.id })
              .from(events)
              .where(eq(events.clinicId, clinicId))
              .orderBy(desc(events.id))
              .limit(1);
            await sleep(2);
            await tx.insert(events).values({ clinicId, prev: last?.id ?? null });
          }),
        ),
      );
      const links = await engine.read(clinicId, (db) =>
        db.select({ prev: events.prev }).from(events).where(eq(events.clinicId, clinicId)),
      );
      return links.length - new Set(links.map((l) => l.prev)).size;
    }

    it("keeps one clinic's appends in a line (and they fork without it)", async () => {
      expect(await forks("clinic-unlocked", false)).toBeGreaterThan(0);
      expect(await forks("clinic-locked", true)).toBe(0);
    });
  });
});

/** The application's own migrations: the walls the schema builds, as the engine's role meets them. */
describe.skipIf(!url || !migrated)(schemaTitle, () => {
  let database: TestDatabase;
  let engine: PgEngine;
  const clinic = { a: "", b: "" };

  beforeAll(async () => {
    database = await createTestDatabase();
    engine = openPgEngine(database.url);
    const [a, b] = await engine.write(null, (tx) =>
      tx
        .insert(clinics)
        .values([
          { name: "A", timeZone: "UTC" },
          { name: "B", timeZone: "UTC" },
        ])
        .returning({ id: clinics.id }),
    );
    clinic.a = a!.id;
    clinic.b = b!.id;
    const staff = (clinicId: string, name: string) => ({
      clinicId,
      email: `${name}@clinic.test`,
      name,
      role: "clinician" as const,
      passwordHash: "not-a-hash",
    });
    await engine.write(null, (tx) =>
      tx.insert(users).values([staff(clinic.a, "anna"), staff(clinic.b, "bea")]),
    );
  });

  afterAll(async () => {
    try {
      await engine?.close();
    } finally {
      await database?.drop();
    }
  });

  it("has migrated once, and a second engine finds nothing left to do", async () => {
    const again = openPgEngine(database.url, { max: 1 });
    await again.ready;
    await again.close();
    const [row] = await engine.read(null, (db) =>
      engine.rows<{ n: string }>(db, sql`select count(*) as n from drizzle.__drizzle_migrations`),
    );
    const journal = JSON.parse(readFileSync(JOURNAL, "utf8")) as { entries: unknown[] };
    expect(Number(row?.n)).toBe(journal.entries.length);
  });

  it("shows a clinic only its own staff with no filter written, and refuses writes across", async () => {
    const seen = await engine.read(clinic.a, (db) => db.select({ name: users.name }).from(users));
    expect(seen).toEqual([{ name: "anna" }]);

    const across = engine.write(clinic.a, (tx) =>
      tx.insert(users).values({
        clinicId: clinic.b,
        email: "x@clinic.test",
        name: "x",
        role: "clinician",
        passwordHash: "not-a-hash",
      }),
    );
    expect(await rejection(across)).toMatch(/row-level security/);
    const moved = engine.write(clinic.a, (tx) =>
      tx.update(users).set({ clinicId: clinic.b }).where(eq(users.name, "anna")),
    );
    expect(await rejection(moved)).toMatch(/row-level security/);

    const everyone = await engine.read(null, (db) => db.select({ id: users.id }).from(users));
    expect(everyone).toHaveLength(2);
    const bare = new pg.Client({ connectionString: database.url });
    await bare.connect();
    try {
      // The owner itself, with no clinic set: FORCE ROW LEVEL SECURITY leaves it nothing.
      const { rows } = await bare.query("select count(*)::int as n from users");
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await bare.end();
    }
  });

  it("keeps the audit trail append-only for its owner: no UPDATE, DELETE or TRUNCATE", async () => {
    await engine.write(clinic.a, (tx) =>
      tx.insert(auditEvents).values({
        clinicId: clinic.a,
        actorKind: "system",
        action: "test",
        entityType: "test",
        at: new Date(),
        hash: "h1",
        seq: 1,
        hashFormat: 2,
      }),
    );
    const update = engine.write(clinic.a, (tx) =>
      tx.update(auditEvents).set({ action: "rewritten" }).where(eq(auditEvents.seq, 1)),
    );
    expect(await rejection(update)).toMatch(/append-only/);
    const remove = engine.write(clinic.a, (tx) =>
      tx.delete(auditEvents).where(eq(auditEvents.seq, 1)),
    );
    expect(await rejection(remove)).toMatch(/append-only/);
    const truncate = engine.write(null, (tx) => engine.rows(tx, sql`truncate audit_events`));
    expect(await rejection(truncate)).toMatch(/append-only/);
    const kept = await engine.read(clinic.a, (db) =>
      db.select({ action: auditEvents.action }).from(auditEvents),
    );
    expect(kept).toEqual([{ action: "test" }]);
  });
});
