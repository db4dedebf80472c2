import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { createTestDb } from "@/db/factories/test-db";
import { leases } from "@/db/schema";
import { releaseLease, takeLease, THIS_PROCESS } from "./leases";

const t = createTestDb();
afterAll(() => t.cleanup());

const at = (minute: number) => new Date(Date.UTC(2026, 10, 29, 8, minute));
const MINUTES_15 = 15 * 60_000;

describe("leases: a job on one server at a time", () => {
  it("gives a free job to the first server that asks, and refuses the second until it runs out", () => {
    const a = { name: "alerts-sweep" as const, holder: "server-a", ttlMs: MINUTES_15 };
    const b = { ...a, holder: "server-b" };
    expect(takeLease(t.db, { ...a, now: at(0) })).toBe(true);
    expect(takeLease(t.db, { ...b, now: at(1) })).toBe(false);
    // The holder renews: its lease now runs to 8:20.
    expect(takeLease(t.db, { ...a, now: at(5) })).toBe(true);
    expect(takeLease(t.db, { ...b, now: at(19) })).toBe(false);
    // Server A stops renewing; once its lease has run out, B takes the job over.
    expect(takeLease(t.db, { ...b, now: at(20) })).toBe(true);
    expect(takeLease(t.db, { ...a, now: at(21) })).toBe(false);
    expect(t.db.select().from(leases).all()).toEqual([
      {
        name: "alerts-sweep",
        holder: "server-b",
        expiresAt: new Date(at(20).getTime() + MINUTES_15),
      },
    ]);
  });

  it("keeps each job's lease apart", () => {
    expect(takeLease(t.db, { name: "audit-check", holder: "server-a", ttlMs: 1000 })).toBe(true);
  });

  it("lets a released job go to another server at once", () => {
    const now = at(30);
    expect(takeLease(t.db, { name: "audit-check", holder: "x", ttlMs: MINUTES_15, now })).toBe(
      false,
    );
    releaseLease(t.db, { name: "audit-check", holder: "server-a" });
    expect(takeLease(t.db, { name: "audit-check", holder: "x", ttlMs: MINUTES_15, now })).toBe(
      true,
    );
    // Releasing someone else's lease does nothing.
    releaseLease(t.db, { name: "audit-check", holder: "server-a" });
    expect(takeLease(t.db, { name: "audit-check", holder: "y", ttlMs: 1, now })).toBe(false);
  });

  it("lets only one of two servers on one database file take a free job", () => {
    const second = openDatabase(t.file);
    try {
      const now = at(40);
      const ask = (db: typeof t.db, holder: string) =>
        takeLease(db, {
          name: "alerts-sweep",
          holder,
          ttlMs: MINUTES_15,
          now: new Date(now.getTime() + 60 * 60_000),
        });
      const answers = [ask(t.db, "server-c"), ask(second, "server-d")];
      expect(answers.filter(Boolean)).toHaveLength(1);
    } finally {
      second.$client.close();
    }
  });

  it("names this process by host and process id", () => {
    expect(THIS_PROCESS).toContain(`:${process.pid}:`);
  });
});
