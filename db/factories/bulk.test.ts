import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/db/engine/types";
import { auditEvents } from "@/db/schema";
import { recordAudit, type AuditInput } from "@/server/audit";
import { insertAuditEventsBulk, insertClinic, readIn } from "./index";
import { createTestDb, type TestDb } from "./test-db";

// Two databases, each with a clinic of the same id, so the same events hash alike in both.
let single: TestDb;
let bulk: TestDb;
const CLINIC = "0190a000-0000-7000-8000-000000000001";
beforeAll(async () => {
  single = await createTestDb();
  bulk = await createTestDb();
  await insertClinic(single.db, { id: CLINIC });
  await insertClinic(bulk.db, { id: CLINIC });
});
afterAll(async () => {
  await single.cleanup();
  await bulk.cleanup();
});

function chain(db: Engine) {
  return readIn(db, (d) =>
    d
      .select({
        seq: auditEvents.seq,
        action: auditEvents.action,
        prevHash: auditEvents.prevHash,
        hash: auditEvents.hash,
      })
      .from(auditEvents)
      .where(eq(auditEvents.clinicId, CLINIC))
      .orderBy(asc(auditEvents.seq)),
  );
}

const event = (n: number): AuditInput => ({
  clinicId: CLINIC,
  actorKind: "patient_link",
  actorId: "link-1",
  action: `check_in.${n}`,
  entityType: "check_in",
  entityId: `check-in-${n}`,
  patientId: "patient-1",
  after: { day: `2026-01-0${n}`, painContexts: ["morning"], hasNote: false },
  at: new Date(Date.UTC(2026, 0, n, 8)),
});

const record = (db: Engine, input: AuditInput) =>
  db.write(input.clinicId, (tx) => recordAudit(tx, input));

describe("insertAuditEventsBulk", () => {
  it("writes, hash for hash, the chain recordAudit writes, and each continues the other", async () => {
    for (const n of [1, 2, 3, 4]) await record(single.db, event(n));
    await record(bulk.db, event(1));
    await insertAuditEventsBulk(bulk.db, [event(2), event(3)]);
    await record(bulk.db, event(4));

    const expected = await chain(single.db);
    expect(expected.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(expected[0]!.prevHash).toBeNull();
    expect(expected[3]!.prevHash).toBe(expected[2]!.hash);
    expect(await chain(bulk.db)).toEqual(expected);
  });
});
