import Database from "better-sqlite3";
import { count, eq, sql } from "drizzle-orm";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clinics } from "../schema";
import { openSqliteEngine, type SqliteEngine } from "./sqlite";
import type { Db, Tx } from "./types";

const dir = mkdtempSync(path.join(tmpdir(), "rehabit-engine-"));
let engine: SqliteEngine;

beforeAll(() => {
  engine = openSqliteEngine(path.join(dir, "engine.db"));
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise the test resolves when it chooses: pins a write open at a known point. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const clinic = (name: string) => ({ name, timeZone: "UTC" });
const insertClinic = (tx: Tx, name: string) => tx.insert(clinics).values(clinic(name));
const countClinics = (db: Db) =>
  db
    .select({ n: count() })
    .from(clinics)
    .then((rows) => rows[0]!.n);
const names = (db: Db) =>
  db
    .select({ name: clinics.name })
    .from(clinics)
    .then((rows) => rows.map((row) => row.name).sort());
const namesLike = async (prefix: string) =>
  (await engine.read(null, names)).filter((name) => name.startsWith(prefix));

describe("opening", () => {
  it("sets WAL, full sync, foreign keys and a busy timeout on the writer", () => {
    const pragma = (name: string) => engine.writerConnection.pragma(name, { simple: true });
    expect(pragma("journal_mode")).toBe("wal");
    expect(pragma("synchronous")).toBe(2); // FULL
    expect(pragma("foreign_keys")).toBe(1);
    expect(pragma("busy_timeout")).toBe(5000);
    expect(pragma("cache_size")).toBe(-131072);
    expect(pragma("mmap_size")).toBe(2_147_418_112);
  });

  it("reads on a read-only connection with the same busy timeout", () => {
    expect(engine.readerConnection.readonly).toBe(true);
    expect(engine.readerConnection.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(engine.readerConnection.pragma("mmap_size", { simple: true })).toBe(0);
  });

  it("applies the migrations on open, and not when asked not to", async () => {
    const tables = (db: Db) =>
      engine.rows<{ name: string }>(db, sql`select name from sqlite_master where type = 'table'`);
    const migrated = (await engine.read(null, tables)).map((row) => row.name);
    expect(migrated).toEqual(expect.arrayContaining(["clinics", "users", "check_ins"]));

    const bare = openSqliteEngine(path.join(dir, "bare.db"), { migrate: false });
    try {
      expect(
        await bare.read(null, (db) => bare.rows(db, sql`select name from sqlite_master`)),
      ).toEqual([]);
    } finally {
      await bare.close();
    }
  });

  it("refuses an in-memory database, which could not have a second, read-only connection", () => {
    expect(() => openSqliteEngine(":memory:")).toThrow(/needs a database file/);
  });
});

describe("writes", () => {
  it("runs concurrent writers one after another, even when they await inside", async () => {
    const log: string[] = [];
    const writer = (who: string) =>
      engine.write(null, async (tx) => {
        log.push(`${who}:begin`);
        await insertClinic(tx, `Serial ${who}1`);
        await sleep(5); // another request gets the event loop here
        await insertClinic(tx, `Serial ${who}2`);
        log.push(`${who}:end`);
      });
    await Promise.all([writer("A"), writer("B"), writer("C")]);
    expect(log).toEqual(["A:begin", "A:end", "B:begin", "B:end", "C:begin", "C:end"]);
    expect(await namesLike("Serial ")).toHaveLength(6);
  });

  it("rolls back a writer that throws after an await; the next writer's row is kept", async () => {
    const rollbacks = engine.stats.rollbacks;
    const failing = engine.write(null, async (tx) => {
      await insertClinic(tx, "Failed F1");
      await sleep(5);
      throw new Error("boom");
    });
    const other = engine.write(null, (tx) => insertClinic(tx, "Kept G1"));
    await expect(failing).rejects.toThrow("boom");
    await other;
    expect(await namesLike("Failed ")).toEqual([]);
    expect(await namesLike("Kept ")).toEqual(["Kept G1"]);
    expect(engine.stats.rollbacks).toBe(rollbacks + 1);
  });

  it("never lets a read see a write's uncommitted rows, and shows them once committed", async () => {
    const base = await engine.read(null, countClinics);
    const inserted = gate();
    const release = gate();
    const open = engine.write(null, async (tx) => {
      await insertClinic(tx, "Uncommitted U1");
      inserted.open();
      await release.opened;
    });
    await inserted.opened;
    expect((await engine.read(null, countClinics)) - base).toBe(0);
    release.open();
    await open;
    expect((await engine.read(null, countClinics)) - base).toBe(1);
  });

  it("reads through the write's own transaction inside a write, so it sees its own rows", async () => {
    const base = await engine.read(null, countClinics);
    const inside = await engine.write(null, async (tx) => {
      await insertClinic(tx, "Own R1");
      return engine.read(null, countClinics);
    });
    expect(inside - base).toBe(1);
  });

  it("cannot write through read()", async () => {
    await expect(
      engine.read(null, (db) => db.insert(clinics).values(clinic("RO"))),
    ).rejects.toThrow(/readonly/);
  });

  it("runs raw SQL on whichever connection it is given", async () => {
    const raw = (db: Db) =>
      engine.rows<{ n: number }>(db, sql`select count(*) as n from clinics where name = 'Raw 1'`);
    const seen = await engine.write(null, async (tx) => {
      await engine.rows(
        tx,
        sql`insert into clinics (id, name, time_zone, created_at)
        values ('raw-1', 'Raw 1', 'UTC', 0) returning id`,
      );
      // A statement that returns nothing gives no rows, as on PostgreSQL.
      expect(
        await engine.rows(tx, sql`update clinics set phone = null where id = 'raw-1'`),
      ).toEqual([]);
      const insideWrite = await raw(tx);
      const fromReader = await engine.readerConnection
        .prepare("select count(*) as n from clinics where name = 'Raw 1'")
        .get();
      return { insideWrite, fromReader };
    });
    expect(seen).toEqual({ insideWrite: [{ n: 1 }], fromReader: { n: 0 } });
    expect(await engine.read(null, raw)).toEqual([{ n: 1 }]);
  });
});

describe("misuse is refused", () => {
  it("refuses a write inside a write, which would wait for itself", async () => {
    await expect(engine.write(null, () => engine.write(null, async () => 1))).rejects.toThrow(
      /write\(\) inside write\(\)/,
    );
    await expect(
      engine.write(null, () => engine.writeTogether(null, async () => 1)),
    ).rejects.toThrow(/writeTogether\(\) inside write\(\)/);
  });

  it("refuses a transaction handle used after its COMMIT", async () => {
    let leaked: Tx | undefined;
    await engine.write(null, async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.select().from(clinics)).rejects.toThrow(
      /outside the write\(\) that holds it/,
    );
  });

  it("refuses another request's statement on an open transaction", async () => {
    let shared: Tx | undefined;
    const opened = gate();
    const release = gate();
    const holder = engine.write(null, async (tx) => {
      shared = tx;
      opened.open();
      await release.opened;
    });
    await opened.opened;
    await expect(insertClinic(shared!, "Intruder X")).rejects.toThrow(
      /outside the write\(\) that holds it/,
    );
    release.open();
    await holder;
    expect(await namesLike("Intruder ")).toEqual([]);
  });

  it("guards statements prepared once and kept: they run only inside a write", async () => {
    const byName = await engine.write(null, async (tx) =>
      tx
        .select({ id: clinics.id })
        .from(clinics)
        .where(eq(clinics.name, sql.placeholder("name")))
        .prepare("clinic_by_name"),
    );
    await expect(byName.execute({ name: "Kept G1" })).rejects.toThrow(
      /outside the write\(\) that holds it/,
    );
    const found = await engine.write(null, () => byName.execute({ name: "Kept G1" }));
    expect(found).toHaveLength(1);
  });
});

describe("savepoints", () => {
  it("rolls back a failed savepoint alone, and nests", async () => {
    await engine.write(null, async (tx) => {
      await insertClinic(tx, "Save outer");
      await expect(
        tx.savepoint(async (sp) => {
          await insertClinic(sp, "Save inner failed");
          throw new Error("inner");
        }),
      ).rejects.toThrow("inner");
      await tx.savepoint(async (sp) => {
        await insertClinic(sp, "Save inner kept");
        await sp.savepoint((sp2) => insertClinic(sp2, "Save nested"));
      });
    });
    expect(await namesLike("Save ")).toEqual(["Save inner kept", "Save nested", "Save outer"]);
  });

  it("refuses savepoints side by side (Promise.all) and rolls the whole write back", async () => {
    await expect(
      engine.write(null, async (tx) => {
        await insertClinic(tx, "Parallel outer");
        await Promise.all(
          [1, 2].map((i) =>
            tx.savepoint(async (sp) => {
              await sleep(2 * i);
              await insertClinic(sp, `Parallel ${i}`);
            }),
          ),
        );
      }),
    ).rejects.toThrow(/savepoints must nest/);
    await sleep(10); // the first savepoint wakes up after the rollback: it must not write
    expect(await namesLike("Parallel ")).toEqual([]);
  });

  it("refuses a write that ends with a savepoint still open", async () => {
    const release = gate();
    await expect(
      engine.write(null, async (tx) => {
        void tx
          .savepoint(async (sp) => {
            await release.opened;
            await insertClinic(sp, "Unawaited");
          })
          .catch(() => undefined);
      }),
    ).rejects.toThrow(/savepoint was still open/);
    release.open();
    await sleep(1);
    expect(await namesLike("Unawaited")).toEqual([]);
  });
});

describe("writes together (group commit)", () => {
  it("commits jobs that arrive together once; a failing job is refused alone", async () => {
    const commits = engine.stats.commits;
    const jobs = Array.from({ length: 10 }, (_, i) =>
      engine.writeTogether(null, async (tx) => {
        await insertClinic(tx, `Job ${i}`);
        await sleep(1);
        if (i === 3) throw new Error("job 3 refused");
        return i;
      }),
    );
    const settled = await Promise.allSettled(jobs);
    expect(settled.map((s) => s.status)).toEqual([
      ...Array(3).fill("fulfilled"),
      "rejected",
      ...Array(6).fill("fulfilled"),
    ]);
    expect(engine.stats.commits - commits).toBe(1);
    const kept = await namesLike("Job ");
    expect(kept).toHaveLength(9);
    expect(kept).not.toContain("Job 3");
  });

  it("acknowledges each job only after the commit", async () => {
    const committedWhenAcknowledged: boolean[] = [];
    const job = (name: string) =>
      engine
        .writeTogether(null, async (tx) => {
          await insertClinic(tx, name);
          return name;
        })
        .then(async (value) => {
          const visible = (await namesLike(name)).length === 1; // on the read-only connection
          committedWhenAcknowledged.push(!engine.writerConnection.inTransaction && visible);
          return value;
        });
    await expect(Promise.all([job("Ack A"), job("Ack B"), job("Ack C")])).resolves.toEqual([
      "Ack A",
      "Ack B",
      "Ack C",
    ]);
    expect(committedWhenAcknowledged).toEqual([true, true, true]);
  });

  it("gives a job sent after a batch committed a transaction of its own", async () => {
    const commits = engine.stats.commits;
    const first = engine.writeTogether(null, (tx) => insertClinic(tx, "Later 1"));
    const second = first.then(() =>
      engine.writeTogether(null, (tx) => insertClinic(tx, "Later 2")),
    );
    await second;
    expect(engine.stats.commits - commits).toBe(2);
    expect(await namesLike("Later ")).toEqual(["Later 1", "Later 2"]);
  });

  it("splits a crowd larger than one batch (64) into several, writing every job", async () => {
    const commits = engine.stats.commits;
    const crowd = Array.from({ length: 70 }, (_, i) =>
      engine.writeTogether(null, (tx) => insertClinic(tx, `Crowd ${i}`)),
    );
    await Promise.all(crowd);
    expect(engine.stats.commits - commits).toBe(2);
    expect(await namesLike("Crowd ")).toHaveLength(70);
  });

  it("refuses every job of a batch whose COMMIT fails", async () => {
    const results = await Promise.allSettled([
      engine.writeTogether(null, (tx) => insertClinic(tx, "Doomed A")),
      engine.writeTogether(null, async (tx) => {
        // A foreign key checked only at COMMIT: the row passes its savepoint, the commit fails.
        engine.writerConnection.pragma("defer_foreign_keys = on");
        await engine.rows(
          tx,
          sql`insert into users (id, clinic_id, email, name, role, password_hash, created_at)
            values ('doomed', 'no-such-clinic', 'doomed@example.test', 'Doomed', 'clinician', 'x', 0)`,
        );
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(engine.writerConnection.inTransaction).toBe(false);
    expect(await namesLike("Doomed")).toEqual([]);
  });

  it("refuses every job of a batch whose BEGIN fails, and restores full sync", async () => {
    const other = new Database(engine.writerConnection.name);
    engine.writerConnection.pragma("busy_timeout = 20");
    other.exec("BEGIN IMMEDIATE"); // another process holds the write lock
    try {
      const results = await Promise.allSettled([
        engine.writeTogether(null, (tx) => insertClinic(tx, "Busy A"), { syncToDisk: false }),
        engine.writeTogether(null, (tx) => insertClinic(tx, "Busy B"), { syncToDisk: false }),
      ]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
      expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/locked/);
      expect(engine.writerConnection.pragma("synchronous", { simple: true })).toBe(2);
    } finally {
      other.exec("ROLLBACK");
      other.close();
      engine.writerConnection.pragma("busy_timeout = 5000");
    }
    await engine.writeTogether(null, (tx) => insertClinic(tx, "Busy later"));
    expect(await namesLike("Busy ")).toEqual(["Busy later"]);
  });

  it("commits a batch asking for no sync at SQLite's NORMAL level, then restores FULL", async () => {
    const level = async () =>
      Number(engine.writerConnection.pragma("synchronous", { simple: true }));
    const FULL = 2;
    const NORMAL = 1;
    const relaxed = await Promise.all([
      engine.writeTogether(null, level, { syncToDisk: false }),
      engine.writeTogether(null, level, { syncToDisk: false }),
    ]);
    expect(relaxed).toEqual([NORMAL, NORMAL]);
    expect(await level()).toBe(FULL);
    // One job of the batch that must survive a power cut makes the whole commit sync.
    const mixed = await Promise.all([
      engine.writeTogether(null, level, { syncToDisk: false }),
      engine.writeTogether(null, level),
    ]);
    expect(mixed).toEqual([FULL, FULL]);
    // A plain write is never relaxed.
    expect(await engine.write(null, level)).toBe(FULL);
  });
});

describe("logging and closing", () => {
  it("lets drizzle's logger see every statement run through the engine", async () => {
    const statements: string[] = [];
    const logged = openSqliteEngine(path.join(dir, "logged.db"), {
      logger: { logQuery: (query) => statements.push(query) },
    });
    try {
      await logged.write(null, (tx) => insertClinic(tx, "Logged"));
      await logged.read(null, countClinics);
      expect(statements).toEqual([
        expect.stringMatching(/^insert into "clinics"/),
        expect.stringMatching(/^select count\(\*\) from "clinics"/),
      ]);
    } finally {
      await logged.close();
    }
  });

  it("waits for the open write and the queued jobs before closing", async () => {
    const closing = openSqliteEngine(path.join(dir, "closing.db"));
    const write = closing.write(null, async (tx) => {
      await sleep(5);
      await insertClinic(tx, "Before close");
    });
    const job = closing.writeTogether(null, (tx) => insertClinic(tx, "Queued before close"));
    await closing.close();
    await expect(write).resolves.toBeUndefined();
    await expect(job).resolves.toBeDefined();
    expect(closing.writerConnection.open).toBe(false);
    await expect(closing.write(null, async () => 1)).rejects.toThrow(/closing/);
    const check = new Database(path.join(dir, "closing.db"), { readonly: true });
    expect(check.prepare("select count(*) as n from clinics").get()).toEqual({ n: 2 });
    check.close();
  });
});
