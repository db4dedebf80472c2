import { asc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { recordAudit, type AuditInput } from "@/server/audit";
import { insertAuditEventsBulk, insertClinic } from "./index";
import { createTestDb } from "./test-db";

// Two databases, each with a clinic of the same id, so the same events hash alike in both.
const single = createTestDb();
const bulk = createTestDb();
afterAll(() => {
  single.cleanup();
  bulk.cleanup();
});
const CLINIC = "0190a000-0000-7000-8000-000000000001";
insertClinic(single.db, { id: CLINIC });
insertClinic(bulk.db, { id: CLINIC });

function chain(db: Db) {
  return db
    .select({ action: auditEvents.action, prevHash: auditEvents.prevHash, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.clinicId, CLINIC))
    .orderBy(asc(auditEvents.at))
    .all();
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

describe("insertAuditEventsBulk", () => {
  it("writes, hash for hash, the chain recordAudit writes, and each continues the other", () => {
    for (const n of [1, 2, 3, 4]) recordAudit(single.db, event(n));
    recordAudit(bulk.db, event(1));
    insertAuditEventsBulk(bulk.db, [event(2), event(3)]);
    recordAudit(bulk.db, event(4));

    const expected = chain(single.db);
    expect(expected[0]!.prevHash).toBeNull();
    expect(expected[3]!.prevHash).toBe(expected[2]!.hash);
    expect(chain(bulk.db)).toEqual(expected);
  });
});
