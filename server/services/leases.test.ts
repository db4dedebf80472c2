import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngineFor } from "@/db/engine";
import type { Engine } from "@/db/engine/types";
import { readIn } from "@/db/factories";
import { createTestDb, testEngineKind, type TestDb } from "@/db/factories/test-db";
import { leases } from "@/db/schema";
import { releaseLease, takeLease, THIS_PROCESS, type LeaseName } from "./leases";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const at = (minute: number) => new Date(Date.UTC(2026, 10, 29, 8, minute));
const MINUTES_15 = 15 * 60_000;

/** One server's turn: the lease is taken in a write of its own, as the timers and scripts do. */
const take = (
  options: { name: LeaseName; holder: string; ttlMs: number; now?: Date },
  db: Engine = t.db,
) => db.write(null, (tx) => takeLease(tx, options));
const release = (options: { name: LeaseName; holder: string }) =>
  t.db.write(null, (tx) => releaseLease(tx, options));

describe("leases: a job on one server at a time", () => {
  it("gives a free job to the first server that asks, and refuses the second until it runs out", async () => {
    const a = { name: "alerts-sweep" as const, holder: "server-a", ttlMs: MINUTES_15 };
    const b = { ...a, holder: "server-b" };
    expect(await take({ ...a, now: at(0) })).toBe(true);
    expect(await take({ ...b, now: at(1) })).toBe(false);
    // The holder renews: its lease now runs to 8:20.
    expect(await take({ ...a, now: at(5) })).toBe(true);
    expect(await take({ ...b, now: at(19) })).toBe(false);
    // Server A stops renewing; once its lease has run out, B takes the job over.
    expect(await take({ ...b, now: at(20) })).toBe(true);
    expect(await take({ ...a, now: at(21) })).toBe(false);
    expect(await readIn(t.db, (db) => db.select().from(leases))).toEqual([
      {
        name: "alerts-sweep",
        holder: "server-b",
        expiresAt: new Date(at(20).getTime() + MINUTES_15),
      },
    ]);
  });

  it("keeps each job's lease apart", async () => {
    expect(await take({ name: "audit-check", holder: "server-a", ttlMs: 1000 })).toBe(true);
  });

  it("lets a released job go to another server at once", async () => {
    const now = at(30);
    expect(await take({ name: "audit-check", holder: "x", ttlMs: MINUTES_15, now })).toBe(false);
    await release({ name: "audit-check", holder: "server-a" });
    expect(await take({ name: "audit-check", holder: "x", ttlMs: MINUTES_15, now })).toBe(true);
    // Releasing someone else's lease does nothing.
    await release({ name: "audit-check", holder: "server-a" });
    expect(await take({ name: "audit-check", holder: "y", ttlMs: 1, now })).toBe(false);
  });

  it("lets only one of two servers on one database take a free job", async () => {
    // A second server: its own engine (its own connections) on the same database.
    const second = openEngineFor(t.file);
    try {
      const ask = (db: Engine, holder: string) =>
        take({ name: "alerts-sweep", holder, ttlMs: MINUTES_15, now: at(40 + 60) }, db);
      // On PostgreSQL the two ask at the same moment. On SQLite one process's two writers would
      // block each other's event loop (BEGIN IMMEDIATE waits synchronously), so they ask in turn:
      // the file's write lock makes them take turns between processes anyway.
      const answers =
        testEngineKind() === "pg"
          ? await Promise.all([ask(t.db, "server-c"), ask(second, "server-d")])
          : [await ask(t.db, "server-c"), await ask(second, "server-d")];
      expect(answers.filter(Boolean)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it("names this process by host and process id", () => {
    expect(THIS_PROCESS).toContain(`:${process.pid}:`);
  });
});
