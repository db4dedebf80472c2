import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { readIn, writeIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { patientSummaries } from "@/db/schema";
import { systemData } from "@/server/data/clinic-data";
import { buildTwoClinics } from "@/server/testing/world";
import { releaseLease, takeLease } from "../leases";
import { startSweepTimer, stopSweepTimer, sweepTimerIdle } from "./sweep-timer";

let t: TestDb;
afterAll(async () => {
  stopSweepTimer();
  await t.cleanup();
});
afterEach(() => vi.useRealTimers());

let w: Awaited<ReturnType<typeof buildTwoClinics>>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

/** Only the timers: the sweep's own statements and their promises run as usual. */
const fakeTimers = () =>
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });

const summaries = () =>
  readIn(t.db, (db) =>
    db.select().from(patientSummaries).where(eq(patientSummaries.patientId, w.patientA.id)),
  );
const forgetSummary = () =>
  writeIn(t.db, (tx) =>
    tx.delete(patientSummaries).where(eq(patientSummaries.patientId, w.patientA.id)),
  );

describe("the sweep timer in the server", () => {
  it("does not start when switched off", () => {
    expect(startSweepTimer({ system: () => systemData(t.db), minutes: 0 })).toBe(false);
  });

  it("sweeps shortly after start, then on its interval, with one timer per process", async () => {
    fakeTimers();
    expect(await summaries()).toEqual([]);
    expect(startSweepTimer({ system: () => systemData(t.db), minutes: 15 })).toBe(true);
    expect(startSweepTimer({ system: () => systemData(t.db), minutes: 15 })).toBe(false);
    vi.advanceTimersByTime(5_000);
    await sweepTimerIdle();
    const [first] = await summaries();
    expect(first?.versionNumber).toBe(1);
    await forgetSummary();
    vi.advanceTimersByTime(15 * 60_000);
    await sweepTimerIdle();
    expect((await summaries())[0]?.versionNumber).toBe(1);
  });

  it("leaves the sweep to the server that holds its lease (decision 023)", async () => {
    stopSweepTimer();
    await writeIn(t.db, (tx) => releaseLease(tx, { name: "alerts-sweep" }));
    fakeTimers();
    await forgetSummary();
    // Another server took the sweep and keeps renewing it.
    expect(
      await writeIn(t.db, (tx) =>
        takeLease(tx, { name: "alerts-sweep", holder: "other-server", ttlMs: 3_600_000 }),
      ),
    ).toBe(true);
    expect(startSweepTimer({ system: () => systemData(t.db), minutes: 15 })).toBe(true);
    vi.advanceTimersByTime(5_000);
    await sweepTimerIdle();
    vi.advanceTimersByTime(15 * 60_000);
    await sweepTimerIdle();
    expect(await summaries()).toEqual([]);
    stopSweepTimer();
  });
});
