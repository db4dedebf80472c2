import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createTestDb } from "@/db/factories/test-db";
import { insertClinic } from "@/db/factories";
import { clinics } from "@/db/schema";
import { writeTogether } from "./group-commit";

const t = createTestDb();
afterAll(() => t.cleanup());
afterEach(() => vi.restoreAllMocks());

const names = () =>
  t.db
    .select({ name: clinics.name })
    .from(clinics)
    .all()
    .map((c) => c.name)
    .sort();

describe("answers written together (group commit)", () => {
  it("writes answers that arrive together in one transaction, acknowledging each after the commit", async () => {
    const transaction = vi.spyOn(t.db, "transaction");
    const committedWhenAcknowledged: boolean[] = [];
    const write = (name: string) =>
      writeTogether(t.db, (tx) => insertClinic(tx, { name }).name).then((value) => {
        committedWhenAcknowledged.push(!t.db.$client.inTransaction && names().includes(name));
        return value;
      });
    await expect(Promise.all([write("Ash"), write("Birch"), write("Cedar")])).resolves.toEqual([
      "Ash",
      "Birch",
      "Cedar",
    ]);
    expect(transaction).toHaveBeenCalledTimes(1);
    expect(committedWhenAcknowledged).toEqual([true, true, true]);
  });

  it("refuses only the answer that failed; the others of its batch are kept", async () => {
    const results = await Promise.allSettled([
      writeTogether(t.db, (tx) => insertClinic(tx, { name: "Dogwood" })),
      writeTogether(t.db, (tx) => {
        insertClinic(tx, { name: "Elder" });
        throw new Error("refused");
      }),
      writeTogether(t.db, (tx) => insertClinic(tx, { name: "Fir" })),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(names()).toEqual(expect.arrayContaining(["Dogwood", "Fir"]));
    expect(names()).not.toContain("Elder");
  });

  it("refuses every answer of a batch whose commit fails, so the phones send them again", async () => {
    vi.spyOn(t.db, "transaction").mockImplementationOnce(() => {
      throw new Error("disk I/O error");
    });
    const results = await Promise.allSettled([
      writeTogether(t.db, (tx) => insertClinic(tx, { name: "Ginkgo" })),
      writeTogether(t.db, (tx) => insertClinic(tx, { name: "Hazel" })),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(names()).not.toContain("Ginkgo");
  });

  it("an answer sent after a batch committed gets a transaction of its own", async () => {
    const transaction = vi.spyOn(t.db, "transaction");
    const first = writeTogether(t.db, (tx) => insertClinic(tx, { name: "Juniper" }).name);
    const second = first.then(() =>
      writeTogether(t.db, (tx) => insertClinic(tx, { name: "Larch" }).name),
    );
    await expect(second).resolves.toBe("Larch");
    expect(transaction).toHaveBeenCalledTimes(2);
    expect(names()).toEqual(expect.arrayContaining(["Juniper", "Larch"]));
  });

  it("splits a crowd larger than one batch (64) into several, writing every answer", async () => {
    const transaction = vi.spyOn(t.db, "transaction");
    const crowd = Array.from({ length: 70 }, (_, i) =>
      writeTogether(t.db, (tx) => insertClinic(tx, { name: `Crowd ${i}` }).name),
    );
    await expect(Promise.all(crowd)).resolves.toHaveLength(70);
    expect(transaction).toHaveBeenCalledTimes(2);
    expect(names().filter((n) => n.startsWith("Crowd "))).toHaveLength(70);
  });

  it("commits a batch asking for no sync at SQLite's NORMAL level, then restores FULL", async () => {
    const level = () => Number(t.db.$client.pragma("synchronous", { simple: true }));
    const FULL = 2;
    const NORMAL = 1;
    expect(level()).toBe(FULL);
    const relaxed = await Promise.all([
      writeTogether(t.db, () => level(), { syncToDisk: false }),
      writeTogether(t.db, () => level(), { syncToDisk: false }),
    ]);
    expect(relaxed).toEqual([NORMAL, NORMAL]);
    expect(level()).toBe(FULL);
    // One write of the batch that must survive a power cut makes the whole commit sync.
    const mixed = await Promise.all([
      writeTogether(t.db, () => level(), { syncToDisk: false }),
      writeTogether(t.db, () => level()),
    ]);
    expect(mixed).toEqual([FULL, FULL]);
  });

  it("restores FULL after a relaxed batch whose commit failed", async () => {
    vi.spyOn(t.db, "transaction").mockImplementationOnce(() => {
      throw new Error("disk I/O error");
    });
    await expect(writeTogether(t.db, () => 1, { syncToDisk: false })).rejects.toThrow("disk I/O");
    expect(Number(t.db.$client.pragma("synchronous", { simple: true }))).toBe(2);
  });
});
