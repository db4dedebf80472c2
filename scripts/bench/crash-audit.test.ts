import { afterAll, describe, expect, it } from "vitest";
import { insertClinic } from "@/db/factories";
import { createTestDb } from "@/db/factories/test-db";
import { recordAudit } from "@/server/audit";
import { auditHash, chainBreaks, type StoredAuditRow } from "./crash-audit";

const { db, cleanup } = createTestDb();
afterAll(cleanup);

const clinic = insertClinic(db);
// Rows as the server writes them: JSON before/after, an ip, null fields, a patient link actor.
recordAudit(db, {
  clinicId: clinic.id,
  actorKind: "system",
  actorId: null,
  action: "test.first",
  entityType: "test",
});
recordAudit(db, {
  clinicId: clinic.id,
  actorKind: "patient_link",
  actorId: "link-1",
  action: "check_in.exercise",
  entityType: "check_in",
  entityId: "c-1",
  patientId: "p-1",
  after: { day: "2026-11-29", painContexts: ["during"], logCount: 0, hasNote: false },
  ip: "203.0.113.7",
  at: new Date("2026-11-29T10:00:00.123Z"),
});
recordAudit(db, {
  clinicId: clinic.id,
  actorKind: "system",
  actorId: null,
  action: "alert.resolve_cleared",
  entityType: "alert",
  entityId: "a-1",
  before: { status: "open" },
  after: { kind: "no-check-in", status: "resolved", rule: "no-check-in@1" },
});

const rows = db.$client
  .prepare(
    `select clinic_id as clinicId, actor_kind as actorKind, actor_id as actorId, action,
       entity_type as entityType, entity_id as entityId, patient_id as patientId, before, after,
       at, ip, prev_hash as prevHash, hash
     from audit_events where clinic_id = ? order by rowid`,
  )
  .all(clinic.id) as StoredAuditRow[];

describe("auditHash", () => {
  it("gives the hash server/audit.ts stored, from the stored row alone", () => {
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(auditHash(row)).toBe(row.hash);
  });
});

describe("chainBreaks", () => {
  it("finds nothing wrong in the chain as written", () => {
    expect(chainBreaks(rows, null)).toEqual([]);
    expect(chainBreaks(rows.slice(1), rows[0]!.hash)).toEqual([]);
  });

  it("shows an edited row, a removed row and a wrong head", () => {
    const edited = rows.map((r, i) => (i === 1 ? { ...r, ip: "198.51.100.1" } : r));
    expect(chainBreaks(edited, null)).toEqual([
      { index: 1, reason: "hash does not match the row" },
    ]);
    expect(chainBreaks([rows[0]!, rows[2]!], null)).toEqual([
      { index: 1, reason: "prev_hash does not link" },
    ]);
    expect(chainBreaks(rows.slice(1), "some other head")).toEqual([
      { index: 0, reason: "prev_hash does not link" },
    ]);
  });
});
