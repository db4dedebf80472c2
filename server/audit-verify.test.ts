import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/db/factories/test-db";
import { insertAuditEventsBulk } from "@/db/factories/bulk";
import { chainedAuditRow, recordAudit, type AuditInput } from "./audit";
import {
  CHAIN_START,
  ChainWalker,
  VERIFY_STATEMENTS,
  anchorLine,
  parseAnchors,
  verifyClinicChain,
} from "./audit-verify";
import { buildTwoClinics, type TwoClinics } from "./testing/world";
import { explainStatement, fullScansIn } from "./testing/query-plans";

/**
 * Issue 12, finding 8: the chain is recomputed row by row, in insertion order, and the first row
 * that does not fit is named: an edited row, a removed one, a removed tail, a rewritten chain.
 * Tampering is done on copies of the database, with the append-only triggers dropped there.
 */
const t = createTestDb();
const dir = mkdtempSync(path.join(tmpdir(), "rehabit-audit-verify-"));
afterAll(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

let w: TwoClinics;
const ROWS_A = 7;
const event = (n: number, clinicId: string): AuditInput => ({
  clinicId,
  actorKind: "user",
  actorId: w.clinicianA.id,
  action: `test.step_${n}`,
  entityType: "test",
  entityId: `entity-${n}`,
  before: n % 2 === 0 ? { n, nested: { list: [1, 2.5, "x"] } } : null,
  after: { n, label: `after ${n}` },
  ip: "203.0.113.9",
  at: new Date(Date.UTC(2026, 10, 20, 9, n)),
});

/** Clinic A's rows in insertion order, as the chain runs. */
function rowsOf(db: Database.Database, clinicId: string) {
  return db
    .prepare(
      "select rowid, id, hash, prev_hash from audit_events where clinic_id = ? order by rowid",
    )
    .all(clinicId) as { rowid: number; id: string; hash: string; prev_hash: string | null }[];
}

let copies = 0;
/** A copy of the test database, with the triggers that keep the trail append-only dropped. */
async function tamperableCopy(): Promise<Database.Database> {
  copies += 1;
  const file = path.join(dir, `copy-${copies}.db`);
  await t.db.$client.backup(file);
  const copy = new Database(file);
  copy.exec("drop trigger audit_events_no_update; drop trigger audit_events_no_delete;");
  return copy;
}

beforeAll(async () => {
  w = await buildTwoClinics(t.db);
  // Both writers the app has: one row at a time, and the bench's bulk writer.
  for (let n = 1; n <= 4; n += 1) recordAudit(t.db, event(n, w.clinicA.id));
  recordAudit(t.db, event(1, w.clinicB.id));
  insertAuditEventsBulk(
    t.db,
    [5, 6, 7].map((n) => event(n, w.clinicA.id)),
  );
  recordAudit(t.db, event(2, w.clinicB.id));
});

describe("the chain verifier", () => {
  it("passes an untouched chain and ends at its latest row", async () => {
    const rows = rowsOf(t.db.$client, w.clinicA.id);
    expect(rows).toHaveLength(ROWS_A);
    const report = await verifyClinicChain({ sqlite: t.db.$client, clinicId: w.clinicA.id });
    expect(report).toEqual({
      clinicId: w.clinicA.id,
      rowsChecked: ROWS_A,
      end: { position: ROWS_A, rowId: rows.at(-1)!.id, hash: rows.at(-1)!.hash },
      broken: null,
    });
    const b = await verifyClinicChain({ sqlite: t.db.$client, clinicId: w.clinicB.id });
    expect(b).toMatchObject({ rowsChecked: 2, broken: null });
  });

  it("names an edited row: its content no longer matches its hash", async () => {
    const copy = await tamperableCopy();
    const third = rowsOf(copy, w.clinicA.id)[2]!;
    copy
      .prepare("update audit_events set after = ? where id = ?")
      .run(JSON.stringify({ n: 3, label: "something else" }), third.id);
    const report = await verifyClinicChain({ sqlite: copy, clinicId: w.clinicA.id });
    expect(report.broken).toEqual({ position: 3, rowId: third.id, problem: "hash-mismatch" });
    expect(report.rowsChecked).toBe(2);
    expect(report.end).toMatchObject({ position: 2 });
    // The other clinic's chain is its own, and untouched.
    expect((await verifyClinicChain({ sqlite: copy, clinicId: w.clinicB.id })).broken).toBeNull();
    copy.close();
  });

  it("names the row after an edited one whose hash was recomputed to match", async () => {
    const copy = await tamperableCopy();
    const rows = rowsOf(copy, w.clinicA.id);
    const third = rows[2]!;
    const forged = chainedAuditRow(
      { ...event(3, w.clinicA.id), after: { n: 3, label: "forged" } },
      third.prev_hash,
    );
    copy
      .prepare("update audit_events set after = ?, hash = ? where id = ?")
      .run(JSON.stringify(forged.after), forged.hash, third.id);
    const report = await verifyClinicChain({ sqlite: copy, clinicId: w.clinicA.id });
    expect(report.broken).toEqual({ position: 4, rowId: rows[3]!.id, problem: "link-broken" });
    copy.close();
  });

  it("names the row after a deleted one", async () => {
    const copy = await tamperableCopy();
    const rows = rowsOf(copy, w.clinicA.id);
    copy.prepare("delete from audit_events where id = ?").run(rows[2]!.id);
    const report = await verifyClinicChain({ sqlite: copy, clinicId: w.clinicA.id });
    expect(report.broken).toEqual({ position: 3, rowId: rows[3]!.id, problem: "link-broken" });
    copy.close();
  });

  it("finds a deleted first row, and a deleted tail against a point checked before", async () => {
    const copy = await tamperableCopy();
    const rows = rowsOf(copy, w.clinicA.id);
    const checked = { position: ROWS_A, rowId: rows.at(-1)!.id, hash: rows.at(-1)!.hash };
    copy.prepare("delete from audit_events where id = ?").run(rows[0]!.id);
    expect((await verifyClinicChain({ sqlite: copy, clinicId: w.clinicA.id })).broken).toEqual({
      position: 1,
      rowId: rows[1]!.id,
      problem: "link-broken",
    });
    const tail = await tamperableCopy();
    tail.prepare("delete from audit_events where id = ?").run(rows.at(-1)!.id);
    const resumed = await verifyClinicChain({
      sqlite: tail,
      clinicId: w.clinicA.id,
      from: checked,
    });
    expect(resumed.broken).toEqual({ position: ROWS_A, rowId: checked.rowId, problem: "missing" });
    copy.close();
    tail.close();
  });

  it("resumes from a point checked before, reading only the rows after it", async () => {
    const rows = rowsOf(t.db.$client, w.clinicA.id);
    const from = { position: 5, rowId: rows[4]!.id, hash: rows[4]!.hash };
    const report = await verifyClinicChain({ sqlite: t.db.$client, clinicId: w.clinicA.id, from });
    expect(report).toMatchObject({ rowsChecked: 2, broken: null, end: { position: ROWS_A } });
    // A resume point that does not match the row any more is itself the break.
    const stale = { ...from, hash: "0".repeat(64) };
    const wrong = await verifyClinicChain({
      sqlite: t.db.$client,
      clinicId: w.clinicA.id,
      from: stale,
    });
    expect(wrong.broken).toEqual({ position: 5, rowId: from.rowId, problem: "hash-mismatch" });
  });

  it("streams the chain in chunks, pausing between them, never holding it all", async () => {
    let pauses = 0;
    const report = await verifyClinicChain({
      sqlite: t.db.$client,
      clinicId: w.clinicA.id,
      chunkSize: 2,
      pause: async () => {
        pauses += 1;
      },
    });
    expect(report.broken).toBeNull();
    expect(report.rowsChecked).toBe(ROWS_A);
    expect(pauses).toBe(Math.ceil(ROWS_A / 2));
  });

  it("reads the trail through its (clinic) index, never by scanning it", () => {
    for (const statement of Object.values(VERIFY_STATEMENTS)) {
      const params = Array.from(statement.matchAll(/\?/g), () => "x");
      const plan = explainStatement(t.db, statement, params);
      expect([statement, fullScansIn(plan, statement)]).toEqual([statement, []]);
    }
  });
});

describe("anchors", () => {
  it("checks that the chain still holds each anchored hash at its position", async () => {
    const rows = rowsOf(t.db.$client, w.clinicA.id);
    const at = new Date("2026-11-29T10:00:00Z");
    const line = anchorLine({ clinicId: w.clinicA.id, position: 4, hash: rows[3]!.hash }, at);
    expect(line).toBe(
      `[audit] anchor clinic=${w.clinicA.id} rows=4 hash=${rows[3]!.hash} at=2026-11-29T10:00:00.000Z`,
    );
    const anchors = parseAnchors(`some other log line\n${line}\n`);
    expect(anchors).toEqual([{ clinicId: w.clinicA.id, position: 4, hash: rows[3]!.hash }]);
    const ok = await verifyClinicChain({ sqlite: t.db.$client, clinicId: w.clinicA.id, anchors });
    expect(ok.broken).toBeNull();

    // The chain rewritten from the third row on, every hash recomputed: it verifies on its own,
    // but no longer holds the anchored hash.
    const copy = await tamperableCopy();
    copy
      .prepare("delete from audit_events where clinic_id = ? and rowid >= ?")
      .run(w.clinicA.id, rows[2]!.rowid);
    let prev = rows[1]!.hash;
    for (let n = 3; n <= ROWS_A; n += 1) {
      const forged = chainedAuditRow({ ...event(n, w.clinicA.id), action: `forged_${n}` }, prev);
      copy
        .prepare(
          "insert into audit_events (id, clinic_id, actor_kind, actor_id, action, entity_type, entity_id, patient_id, before, after, at, ip, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          `forged-${n}`,
          forged.clinicId,
          forged.actorKind,
          forged.actorId,
          forged.action,
          forged.entityType,
          forged.entityId,
          forged.patientId,
          forged.before === null ? null : JSON.stringify(forged.before),
          JSON.stringify(forged.after),
          forged.at.getTime(),
          forged.ip,
          forged.prevHash,
          forged.hash,
        );
      prev = forged.hash;
    }
    expect((await verifyClinicChain({ sqlite: copy, clinicId: w.clinicA.id })).broken).toBeNull();
    const anchored = await verifyClinicChain({ sqlite: copy, clinicId: w.clinicA.id, anchors });
    expect(anchored.broken).toEqual({ position: 4, rowId: "forged-4", problem: "anchor-mismatch" });

    // An anchor past the end: rows it saw are gone.
    const beyond = [{ clinicId: w.clinicA.id, position: ROWS_A + 3, hash: "f".repeat(64) }];
    const short = await verifyClinicChain({
      sqlite: t.db.$client,
      clinicId: w.clinicA.id,
      anchors: beyond,
    });
    expect(short.broken).toEqual({ position: ROWS_A + 3, rowId: null, problem: "missing" });
    copy.close();
  });

  it("reads the JSON anchor file a backup writes, and ignores other clinics' anchors", () => {
    const json = JSON.stringify({
      kind: "rehabit-audit-anchor",
      version: 1,
      at: "2026-11-29T10:00:00.000Z",
      clinics: [
        { clinicId: "a", rows: 3, hash: "ab".repeat(32) },
        { clinicId: "b", rows: 0, hash: null },
      ],
    });
    expect(parseAnchors(json)).toEqual([
      { clinicId: "a", position: 3, hash: "ab".repeat(32) },
      { clinicId: "b", position: 0, hash: null },
    ]);
    expect(() => parseAnchors("nothing to see")).toThrow(/no anchors/);
  });
});

describe("the chain walker (pure)", () => {
  it("starts with no rows and no hash", () => {
    const walker = new ChainWalker(CHAIN_START);
    expect(walker.finish()).toBeNull();
    expect(walker.end).toEqual(CHAIN_START);
  });
});
