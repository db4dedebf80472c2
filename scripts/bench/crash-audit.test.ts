import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqliteEngine } from "@/db/engine/sqlite";
import { insertClinic } from "@/db/factories";
import { createTestDb, testEngineKind, type TestDb } from "@/db/factories/test-db";
import { recordAudit, type AuditInput } from "@/server/audit";
import { auditHash, chainBreaks, type StoredAuditRow } from "./crash-audit";

// The crash bench kills a server on a SQLite file and reads the file afterwards: SQLite only.
describe.skipIf(testEngineKind() === "pg")("the crash bench's audit check", () => {
  let t: TestDb;
  let rows: StoredAuditRow[];

  beforeAll(async () => {
    t = await createTestDb();
    const clinic = await insertClinic(t.db);
    const record = (input: AuditInput) => t.db.write(null, (tx) => recordAudit(tx, input));
    // Rows as the server writes them: JSON before/after, an ip, null fields, a patient link actor.
    await record({
      clinicId: clinic.id,
      actorKind: "system",
      actorId: null,
      action: "test.first",
      entityType: "test",
    });
    await record({
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
    await record({
      clinicId: clinic.id,
      actorKind: "system",
      actorId: null,
      action: "alert.resolve_cleared",
      entityType: "alert",
      entityId: "a-1",
      before: { status: "open" },
      after: { kind: "no-check-in", status: "resolved", rule: "no-check-in@1" },
    });
    rows = (t.db as SqliteEngine).readerConnection
      .prepare(
        `select clinic_id as clinicId, seq, hash_format as hashFormat, actor_kind as actorKind,
           actor_id as actorId, action, entity_type as entityType, entity_id as entityId,
           patient_id as patientId, before, after, at, ip, prev_hash as prevHash, hash
         from audit_events where clinic_id = ? order by seq`,
      )
      .all(clinic.id) as StoredAuditRow[];
  });
  afterAll(() => t?.cleanup());

  describe("auditHash", () => {
    it("gives the hash server/audit.ts stored, from the stored row alone", () => {
      expect(rows).toHaveLength(3);
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
      for (const row of rows) expect(auditHash(row)).toBe(row.hash);
    });

    it("gives no hash for a format no writer uses", () => {
      expect(auditHash({ ...rows[0]!, hashFormat: 7 })).toBeNull();
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
      // A row moved to another place in the chain: its seq is part of what it hashes.
      const moved = rows.map((r, i) => (i === 2 ? { ...r, seq: 9 } : r));
      expect(chainBreaks(moved, null)).toEqual([
        { index: 2, reason: "hash does not match the row" },
      ]);
      expect(chainBreaks([rows[0]!, rows[2]!], null)).toEqual([
        { index: 1, reason: "prev_hash does not link" },
      ]);
      expect(chainBreaks(rows.slice(1), "some other head")).toEqual([
        { index: 0, reason: "prev_hash does not link" },
      ]);
    });
  });
});
