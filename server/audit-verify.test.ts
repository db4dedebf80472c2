import Database from "better-sqlite3";
import { asc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqliteEngine } from "@/db/engine/sqlite";
import type { Db } from "@/db/engine/types";
import { insertClinic, readIn } from "@/db/factories";
import { insertAuditEventsBulk } from "@/db/factories/bulk";
import { createTestDb, testEngineKind, type TestDb } from "@/db/factories/test-db";
import { auditEvents } from "@/db/schema";
import { chainedAuditRow, recordAudit, type AuditInput } from "./audit";
import {
  ANCHOR_STATEMENTS,
  CHAIN_START,
  ChainWalker,
  VERIFY_STATEMENTS,
  anchorLine,
  chainHeads,
  parseAnchors,
  verifyClinicChain,
  type ClinicTrail,
} from "./audit-verify";
import { systemData } from "./data/clinic-data";
import { buildTwoClinics, type TwoClinics } from "./testing/world";
import { fullScansIn } from "./testing/query-plans";

/**
 * Issue 12, finding 8: the chain is recomputed row by row, in the chain's order, and the first row
 * that does not fit is named: an edited row, a removed one, a removed tail, a rewritten chain.
 * Tampering is done on copies of a SQLite database, with the append-only triggers dropped there.
 * Issue 13 (decision 024): the chain verifies on PostgreSQL too, never forks, and SQLite chains
 * written before it became portable still verify.
 */
const onPg = testEngineKind() === "pg";
let t: TestDb;
const dir = mkdtempSync(path.join(tmpdir(), "rehabit-audit-verify-"));
afterAll(async () => {
  await t?.cleanup();
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
  // Keys neither sorted nor in PostgreSQL's jsonb order (shorter keys first): the hash must not
  // depend on the order the database gives them back in.
  after: { n, label: `after ${n}`, zebra: { yy: 1, b: [{ d: 1, c: 2 }] }, a: true },
  ip: "203.0.113.9",
  at: new Date(Date.UTC(2026, 10, 20, 9, n)),
});

const record = (input: AuditInput) => t.db.write(input.clinicId, (tx) => recordAudit(tx, input));

/** A clinic's chain as the app reads it. */
const trail = (clinicId: string): ClinicTrail => systemData(t.db).forClinic(clinicId);

/** A clinic's rows in the chain's order. */
function rowsOf(clinicId: string) {
  return readIn(t.db, (db) =>
    db
      .select({
        seq: auditEvents.seq,
        id: auditEvents.id,
        hash: auditEvents.hash,
        prevHash: auditEvents.prevHash,
      })
      .from(auditEvents)
      .where(eq(auditEvents.clinicId, clinicId))
      .orderBy(asc(auditEvents.seq)),
  );
}

/** A clinic of a SQLite file opened on its own, as `npm run audit:verify` reads one. */
function trailIn(sqlite: Database.Database, clinicId: string): ClinicTrail {
  const db = drizzle(sqlite) as unknown as Db;
  return { clinicId, read: (fn) => fn(db) };
}

let copies = 0;
/** A copy of the test database, with the triggers that keep the trail append-only dropped. */
async function tamperableCopy(): Promise<Database.Database> {
  copies += 1;
  const file = path.join(dir, `copy-${copies}.db`);
  await (t.db as SqliteEngine).writerConnection.backup(file);
  const copy = new Database(file);
  copy.exec("drop trigger audit_events_no_update; drop trigger audit_events_no_delete;");
  return copy;
}

beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
  // Both writers the app has: one row at a time, and the bench's bulk writer.
  for (let n = 1; n <= 4; n += 1) await record(event(n, w.clinicA.id));
  await record(event(1, w.clinicB.id));
  await insertAuditEventsBulk(
    t.db,
    [5, 6, 7].map((n) => event(n, w.clinicA.id)),
  );
  await record(event(2, w.clinicB.id));
});

describe("the chain verifier", () => {
  it("passes an untouched chain and ends at its latest row", async () => {
    const rows = await rowsOf(w.clinicA.id);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const report = await verifyClinicChain({ data: trail(w.clinicA.id) });
    expect(report).toEqual({
      clinicId: w.clinicA.id,
      rowsChecked: ROWS_A,
      end: { position: ROWS_A, rowId: rows.at(-1)!.id, hash: rows.at(-1)!.hash },
      broken: null,
    });
    const b = await verifyClinicChain({ data: trail(w.clinicB.id) });
    expect(b).toMatchObject({ rowsChecked: 2, broken: null });
  });

  it("never forks: writers of one clinic at the same moment each follow the one before", async () => {
    const clinic = await insertClinic(t.db);
    const writers = 20;
    await Promise.all(
      Array.from({ length: writers }, (_, n) => record({ ...event(n, clinic.id), actorId: null })),
    );
    const rows = await rowsOf(clinic.id);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: writers }, (_, n) => n + 1));
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(writers);
    const report = await verifyClinicChain({ data: trail(clinic.id) });
    expect(report).toMatchObject({ rowsChecked: writers, broken: null });
  });

  it("never forks when serializable writes, whose snapshot predates the clinic's lock, meet others", async () => {
    const clinic = await insertClinic(t.db);
    const writers = 12;
    await Promise.all(
      Array.from({ length: writers }, (_, n) =>
        t.db.write(
          clinic.id,
          // A read first: on PostgreSQL the snapshot is taken here, before the lock is waited for.
          async (tx) => {
            await tx.select({ id: auditEvents.id }).from(auditEvents).limit(1);
            await recordAudit(tx, { ...event(n, clinic.id), actorId: null });
          },
          // Beside read-committed writers, which the serializable ones' conflict checks do not see.
          { isolation: n % 2 === 0 ? "serializable" : "read committed" },
        ),
      ),
    );
    const rows = await rowsOf(clinic.id);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: writers }, (_, n) => n + 1));
    const report = await verifyClinicChain({ data: trail(clinic.id) });
    expect(report).toMatchObject({ rowsChecked: writers, broken: null });
  });

  it("resumes from a point checked before, reading only the rows after it", async () => {
    const rows = await rowsOf(w.clinicA.id);
    const from = { position: 5, rowId: rows[4]!.id, hash: rows[4]!.hash };
    const report = await verifyClinicChain({ data: trail(w.clinicA.id), from });
    expect(report).toMatchObject({ rowsChecked: 2, broken: null, end: { position: ROWS_A } });
    // A resume point that does not match the row any more is itself the break.
    const stale = { ...from, hash: "0".repeat(64) };
    const wrong = await verifyClinicChain({ data: trail(w.clinicA.id), from: stale });
    expect(wrong.broken).toEqual({ position: 5, rowId: from.rowId, problem: "hash-mismatch" });
    // And a resume point whose row is gone.
    const gone = { ...from, rowId: "0190f000-0000-7000-8000-000000000000" };
    const missing = await verifyClinicChain({ data: trail(w.clinicA.id), from: gone });
    expect(missing.broken).toEqual({ position: 5, rowId: gone.rowId, problem: "missing" });
  });

  it("streams the chain in chunks, pausing between them, never holding it all", async () => {
    let pauses = 0;
    const report = await verifyClinicChain({
      data: trail(w.clinicA.id),
      chunkSize: 2,
      pause: async () => {
        pauses += 1;
      },
    });
    expect(report.broken).toBeNull();
    expect(report.rowsChecked).toBe(ROWS_A);
    expect(pauses).toBe(Math.ceil(ROWS_A / 2));
  });

  it.skipIf(onPg)(
    "reads the trail through its (clinic, seq) index, never by scanning it",
    async () => {
      const built = await t.db.read(null, async (db) => ({
        resumeRow: VERIFY_STATEMENTS.resumeRow(db, "x", "y").toSQL(),
        lastSeq: VERIFY_STATEMENTS.lastSeq(db, "x").toSQL(),
        chunk: VERIFY_STATEMENTS.chunk(db, "x", 0, 10, 5).toSQL(),
      }));
      const reader = (t.db as SqliteEngine).readerConnection;
      const statements = [
        // The row a check resumes from is found by its id, the primary key.
        { ...built.resumeRow, index: "sqlite_autoindex_audit_events_1" },
        { ...built.lastSeq, index: "audit_clinic_seq_idx" },
        { ...built.chunk, index: "audit_clinic_seq_idx" },
        { sql: ANCHOR_STATEMENTS.length, params: ["x"], index: "audit_clinic_seq_idx" },
        { sql: ANCHOR_STATEMENTS.head, params: ["x"], index: "audit_clinic_seq_idx" },
      ];
      for (const { sql, params, index } of statements) {
        const plan = reader
          .prepare(`explain query plan ${sql}`)
          .all(...params)
          .map((row) => (row as { detail: string }).detail);
        expect([sql, fullScansIn(plan, sql)]).toEqual([sql, []]);
        // One step down the index: no sort of the clinic's rows either.
        expect([sql, plan]).toEqual([
          sql,
          [
            expect.stringMatching(
              new RegExp(`^SEARCH audit_events USING (COVERING )?INDEX ${index} `),
            ),
          ],
        ]);
      }
    },
  );
});

describe.skipIf(onPg)("tampering, found on a copy of the SQLite file", () => {
  it("names an edited row: its content no longer matches its hash", async () => {
    const copy = await tamperableCopy();
    const third = (await rowsOf(w.clinicA.id))[2]!;
    copy
      .prepare("update audit_events set after = ? where id = ?")
      .run(JSON.stringify({ n: 3, label: "something else" }), third.id);
    const report = await verifyClinicChain({ data: trailIn(copy, w.clinicA.id) });
    expect(report.broken).toEqual({ position: 3, rowId: third.id, problem: "hash-mismatch" });
    expect(report.rowsChecked).toBe(2);
    expect(report.end).toMatchObject({ position: 2 });
    // The other clinic's chain is its own, and untouched.
    expect((await verifyClinicChain({ data: trailIn(copy, w.clinicB.id) })).broken).toBeNull();
    copy.close();
  });

  it("names an edited row whose JSON no longer parses, and one moved in the chain", async () => {
    const rows = await rowsOf(w.clinicA.id);
    const broken = await tamperableCopy();
    broken.prepare("update audit_events set before = '{not json' where id = ?").run(rows[1]!.id);
    expect((await verifyClinicChain({ data: trailIn(broken, w.clinicA.id) })).broken).toEqual({
      position: 2,
      rowId: rows[1]!.id,
      problem: "hash-mismatch",
    });
    broken.close();
    // The last row given a later place in the chain: its seq is part of what it hashes.
    const moved = await tamperableCopy();
    moved.prepare("update audit_events set seq = 99 where id = ?").run(rows.at(-1)!.id);
    expect((await verifyClinicChain({ data: trailIn(moved, w.clinicA.id) })).broken).toEqual({
      position: ROWS_A,
      rowId: rows.at(-1)!.id,
      problem: "hash-mismatch",
    });
    moved.close();
  });

  it("names the row after an edited one whose hash was recomputed to match", async () => {
    const copy = await tamperableCopy();
    const rows = await rowsOf(w.clinicA.id);
    const third = rows[2]!;
    const forged = chainedAuditRow(
      { ...event(3, w.clinicA.id), after: { n: 3, label: "forged" } },
      { seq: 2, hash: third.prevHash! },
    );
    expect(forged.seq).toBe(third.seq);
    copy
      .prepare("update audit_events set after = ?, hash = ? where id = ?")
      .run(JSON.stringify(forged.after), forged.hash, third.id);
    const report = await verifyClinicChain({ data: trailIn(copy, w.clinicA.id) });
    expect(report.broken).toEqual({ position: 4, rowId: rows[3]!.id, problem: "link-broken" });
    copy.close();
  });

  it("names the row after a deleted one", async () => {
    const copy = await tamperableCopy();
    const rows = await rowsOf(w.clinicA.id);
    copy.prepare("delete from audit_events where id = ?").run(rows[2]!.id);
    const report = await verifyClinicChain({ data: trailIn(copy, w.clinicA.id) });
    expect(report.broken).toEqual({ position: 3, rowId: rows[3]!.id, problem: "link-broken" });
    copy.close();
  });

  it("finds a deleted first row, and a deleted tail against a point checked before", async () => {
    const copy = await tamperableCopy();
    const rows = await rowsOf(w.clinicA.id);
    const checked = { position: ROWS_A, rowId: rows.at(-1)!.id, hash: rows.at(-1)!.hash };
    copy.prepare("delete from audit_events where id = ?").run(rows[0]!.id);
    expect((await verifyClinicChain({ data: trailIn(copy, w.clinicA.id) })).broken).toEqual({
      position: 1,
      rowId: rows[1]!.id,
      problem: "link-broken",
    });
    const tail = await tamperableCopy();
    tail.prepare("delete from audit_events where id = ?").run(rows.at(-1)!.id);
    const resumed = await verifyClinicChain({ data: trailIn(tail, w.clinicA.id), from: checked });
    expect(resumed.broken).toEqual({ position: ROWS_A, rowId: checked.rowId, problem: "missing" });
    copy.close();
    tail.close();
  });
});

describe("anchors", () => {
  it("checks that the chain still holds each anchored hash at its position", async () => {
    const rows = await rowsOf(w.clinicA.id);
    const at = new Date("2026-11-29T10:00:00Z");
    const line = anchorLine({ clinicId: w.clinicA.id, position: 4, hash: rows[3]!.hash }, at);
    expect(line).toBe(
      `[audit] anchor clinic=${w.clinicA.id} rows=4 hash=${rows[3]!.hash} at=2026-11-29T10:00:00.000Z`,
    );
    const anchors = parseAnchors(`some other log line\n${line}\n`);
    expect(anchors).toEqual([{ clinicId: w.clinicA.id, position: 4, hash: rows[3]!.hash }]);
    const ok = await verifyClinicChain({ data: trail(w.clinicA.id), anchors });
    expect(ok.broken).toBeNull();

    // An anchor past the end: rows it saw are gone.
    const beyond = [{ clinicId: w.clinicA.id, position: ROWS_A + 3, hash: "f".repeat(64) }];
    const short = await verifyClinicChain({ data: trail(w.clinicA.id), anchors: beyond });
    expect(short.broken).toEqual({ position: ROWS_A + 3, rowId: null, problem: "missing" });
  });

  it.skipIf(onPg)("finds a chain rewritten from a row on, which verifies on its own", async () => {
    const rows = await rowsOf(w.clinicA.id);
    const anchors = [{ clinicId: w.clinicA.id, position: 4, hash: rows[3]!.hash }];
    // The chain rewritten from the third row on, every hash recomputed: it verifies on its own,
    // but no longer holds the anchored hash.
    const copy = await tamperableCopy();
    copy.prepare("delete from audit_events where clinic_id = ? and seq >= 3").run(w.clinicA.id);
    let previous = { seq: 2, hash: rows[1]!.hash };
    for (let n = 3; n <= ROWS_A; n += 1) {
      const forged = chainedAuditRow(
        { ...event(n, w.clinicA.id), action: `forged_${n}` },
        previous,
      );
      copy
        .prepare(
          "insert into audit_events (id, clinic_id, seq, hash_format, actor_kind, actor_id, action, entity_type, entity_id, patient_id, before, after, at, ip, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          `forged-${n}`,
          forged.clinicId,
          forged.seq,
          forged.hashFormat,
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
      previous = forged;
    }
    const data = trailIn(copy, w.clinicA.id);
    expect((await verifyClinicChain({ data })).broken).toBeNull();
    const anchored = await verifyClinicChain({ data, anchors });
    expect(anchored.broken).toEqual({ position: 4, rowId: "forged-4", problem: "anchor-mismatch" });
    // A backup's anchor of the rewritten chain records the forged head.
    expect(chainHeads(copy, [w.clinicA.id])).toEqual([
      { clinicId: w.clinicA.id, position: ROWS_A, hash: previous.hash },
    ]);
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

/**
 * The hash the first writer stored (server/audit.ts before decision 024), written out here on its
 * own so the test does not check the verifier against itself: JSON.stringify of these fields, in
 * this order, the instant as ISO text.
 */
function firstWritersHash(row: {
  clinicId: string;
  actorKind: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: Date;
  ip: string | null;
  prevHash: string | null;
}): string {
  const text = JSON.stringify({ ...row, at: row.at.toISOString() });
  return createHash("sha256").update(text).digest("hex");
}

describe.skipIf(onPg)("SQLite chains written before the chain was portable", () => {
  it("still verify after the migration, in the order they were written, and go on in the new format", async () => {
    // A database as it stood before 0010_audit-seq: its migrations up to 0009 only.
    const { migrate } = await import("drizzle-orm/better-sqlite3/migrator");
    const { cpSync, readFileSync, writeFileSync } = await import("node:fs");
    const { openSqliteEngine } = await import("@/db/engine/sqlite");
    const { SQLITE_MIGRATIONS } = await import("@/db/client");
    const before = path.join(dir, "migrations-0009");
    cpSync(SQLITE_MIGRATIONS, before, { recursive: true });
    const journalFile = path.join(before, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as {
      entries: { idx: number }[];
    };
    journal.entries = journal.entries.filter((e) => e.idx <= 9);
    writeFileSync(journalFile, JSON.stringify(journal));
    const file = path.join(dir, "legacy.db");
    const old = new Database(file);
    old.pragma("journal_mode = wal");
    migrate(drizzle(old), { migrationsFolder: before });
    expect(
      old.prepare("select 1 from pragma_table_info('audit_events') where name = 'seq'").get(),
    ).toBeUndefined();

    // Two clinics writing in turn, as the first writer wrote: the head by rowid, the old hash.
    const clinics = [
      "0190b000-0000-7000-8000-00000000000a",
      "0190b000-0000-7000-8000-00000000000b",
    ];
    const insertClinicRow = old.prepare(
      "insert into clinics (id, name, time_zone, created_at) values (?, ?, 'Europe/London', ?)",
    );
    clinics.forEach((id, i) => insertClinicRow.run(id, `Legacy ${i}`, Date.now()));
    const head = old.prepare(
      "select hash from audit_events where clinic_id = ? order by rowid desc limit 1",
    );
    const insert = old.prepare(
      "insert into audit_events (id, clinic_id, actor_kind, actor_id, action, entity_type, entity_id, patient_id, before, after, at, ip, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const legacyIds: string[] = [];
    for (let n = 1; n <= 9; n += 1) {
      const clinicId = clinics[n % 3 === 0 ? 1 : 0]!;
      const previous = head.get(clinicId) as { hash: string } | undefined;
      const row = {
        clinicId,
        actorKind: "system",
        actorId: null,
        action: `legacy.step_${n}`,
        entityType: "test",
        entityId: `entity-${n}`,
        patientId: null,
        before: n % 2 === 0 ? { z: n, a: { y: 1, b: [2, 1] } } : null,
        after: { n, label: `after ${n}` },
        // A clock set back half-way: the chain's order is the order written, not the clock's.
        at: new Date(Date.UTC(2026, 5, 1, 12, n === 5 ? 0 : n)),
        ip: n === 4 ? "203.0.113.4" : null,
        prevHash: previous?.hash ?? null,
      };
      const id = `legacy-${String(10 - n)}`; // ids that sort against the order written
      legacyIds.push(id);
      insert.run(
        id,
        row.clinicId,
        row.actorKind,
        row.actorId,
        row.action,
        row.entityType,
        row.entityId,
        row.patientId,
        row.before === null ? null : JSON.stringify(row.before),
        JSON.stringify(row.after),
        row.at.getTime(),
        row.ip,
        row.prevHash,
        firstWritersHash(row),
      );
    }
    old.close();

    // The app opens it: 0010 runs, numbering each clinic's rows in the order they were written.
    const engine = openSqliteEngine(file);
    try {
      const system = systemData(engine);
      const stored = await engine.read(null, (db) =>
        db
          .select({
            id: auditEvents.id,
            clinicId: auditEvents.clinicId,
            seq: auditEvents.seq,
            hashFormat: auditEvents.hashFormat,
          })
          .from(auditEvents)
          .orderBy(asc(auditEvents.clinicId), asc(auditEvents.seq)),
      );
      expect(stored).toEqual([
        ...[1, 2, 4, 5, 7, 8].map((n, i) => ({
          id: legacyIds[n - 1],
          clinicId: clinics[0],
          seq: i + 1,
          hashFormat: 1,
        })),
        ...[3, 6, 9].map((n, i) => ({
          id: legacyIds[n - 1],
          clinicId: clinics[1],
          seq: i + 1,
          hashFormat: 1,
        })),
      ]);
      for (const clinicId of clinics) {
        const report = await verifyClinicChain({ data: system.forClinic(clinicId) });
        expect(report.broken).toBeNull();
      }

      // New events follow the legacy head, in the new format, and the whole chain verifies.
      await engine.write(clinics[0]!, async (tx) => {
        await recordAudit(tx, { ...event(1, clinics[0]!), actorId: null });
        await recordAudit(tx, { ...event(2, clinics[0]!), actorId: null });
      });
      const chain = await engine.read(null, (db) =>
        db
          .select({
            seq: auditEvents.seq,
            hashFormat: auditEvents.hashFormat,
            prevHash: auditEvents.prevHash,
            hash: auditEvents.hash,
          })
          .from(auditEvents)
          .where(eq(auditEvents.clinicId, clinics[0]!))
          .orderBy(asc(auditEvents.seq)),
      );
      expect(chain.map((r) => [r.seq, r.hashFormat])).toEqual([
        [1, 1],
        [2, 1],
        [3, 1],
        [4, 1],
        [5, 1],
        [6, 1],
        [7, 2],
        [8, 2],
      ]);
      expect(chain[6]!.prevHash).toBe(chain[5]!.hash);
      const report = await verifyClinicChain({ data: system.forClinic(clinics[0]!) });
      expect(report).toMatchObject({ rowsChecked: 8, broken: null });

      // The trail is still append-only: the migration put its triggers back.
      expect(() =>
        engine.writerConnection.prepare("update audit_events set action = 'x'").run(),
      ).toThrow(/append-only/);
      expect(() => engine.writerConnection.prepare("delete from audit_events").run()).toThrow(
        /append-only/,
      );
    } finally {
      await engine.close();
    }

    // A legacy row edited afterwards is still found, by the rule it was written under.
    const copy = new Database(file);
    copy.exec("drop trigger audit_events_no_update");
    copy
      .prepare("update audit_events set after = ? where id = ?")
      .run(JSON.stringify({ n: 4, label: "changed" }), legacyIds[3]);
    const report = await verifyClinicChain({ data: trailIn(copy, clinics[0]!) });
    expect(report.broken).toEqual({ position: 3, rowId: legacyIds[3], problem: "hash-mismatch" });
    copy.close();
  });
});
