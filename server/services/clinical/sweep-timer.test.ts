import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb } from "@/db/factories/test-db";
import { patientSummaries } from "@/db/schema";
import { buildTwoClinics } from "@/server/testing/world";
import { releaseLease, takeLease } from "../leases";
import { startSweepTimer } from "./sweep-timer";

const t = createTestDb();
afterAll(() => t.cleanup());
afterEach(() => vi.useRealTimers());

let w: Awaited<ReturnType<typeof buildTwoClinics>>;
beforeAll(async () => {
  w = await buildTwoClinics(t.db);
});

const TIMER = Symbol.for("rehabit.sweepTimer");
function stopTimer() {
  const holder = globalThis as typeof globalThis & { [TIMER]?: NodeJS.Timeout };
  clearInterval(holder[TIMER]);
  delete holder[TIMER];
}

describe("the sweep timer in the server", () => {
  it("does not start when switched off", () => {
    expect(startSweepTimer({ db: () => t.db, minutes: 0 })).toBe(false);
  });

  it("sweeps shortly after start, then on its interval, with one timer per process", () => {
    vi.useFakeTimers();
    const summary = () =>
      t.db
        .select()
        .from(patientSummaries)
        .where(eq(patientSummaries.patientId, w.patientA.id))
        .get();
    expect(summary()).toBeUndefined();
    expect(startSweepTimer({ db: () => t.db, minutes: 15 })).toBe(true);
    expect(startSweepTimer({ db: () => t.db, minutes: 15 })).toBe(false);
    vi.advanceTimersByTime(5_000);
    const first = summary();
    expect(first?.versionNumber).toBe(1);
    t.db.delete(patientSummaries).where(eq(patientSummaries.patientId, w.patientA.id)).run();
    vi.advanceTimersByTime(15 * 60_000);
    expect(summary()?.versionNumber).toBe(1);
  });

  it("leaves the sweep to the server that holds its lease (decision 023)", () => {
    stopTimer();
    releaseLease(t.db, { name: "alerts-sweep" });
    vi.useFakeTimers();
    t.db.delete(patientSummaries).where(eq(patientSummaries.patientId, w.patientA.id)).run();
    // Another server took the sweep and keeps renewing it.
    expect(
      takeLease(t.db, { name: "alerts-sweep", holder: "other-server", ttlMs: 3_600_000 }),
    ).toBe(true);
    expect(startSweepTimer({ db: () => t.db, minutes: 15 })).toBe(true);
    vi.advanceTimersByTime(5_000 + 15 * 60_000);
    expect(
      t.db
        .select()
        .from(patientSummaries)
        .where(eq(patientSummaries.patientId, w.patientA.id))
        .all(),
    ).toEqual([]);
    stopTimer();
  });
});
