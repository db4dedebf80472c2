import { rmSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqliteEngine } from "@/db/engine/sqlite";
import { rows } from "@/db/engine/raw";
import { createTestDb, testEngineKind, type TestDb } from "@/db/factories/test-db";
import { driveEveryProcedure, routerProcedures } from "@/server/testing/every-procedure";
import {
  captureStatements,
  explainStatement,
  findFullScans,
  fullScansIn,
  tableAliases,
  type StatementCapture,
} from "@/server/testing/query-plans";

/**
 * Issue 11: no procedure may read a table that grows with check-ins, alerts or audit events by
 * scanning it whole. The database has no ANALYZE statistics here, so SQLite plans as it would for a
 * large table it knows nothing about: an index it can use is always preferred to a scan, and a plan
 * that still scans would scan a clinic's millions of rows.
 *
 * SQLite only: the plans are SQLite's. PostgreSQL's planner chooses by its statistics and scans a
 * small table on purpose even when an index would serve, so a plan read on a test database there
 * says nothing about a clinic's millions of rows; the indexes themselves are the same on both
 * engines (the schema identity test).
 */
describe.skipIf(testEngineKind() === "pg")("the query-plan check", () => {
  let t: TestDb;
  let db: SqliteEngine;
  let capture: StatementCapture;
  let driven: Awaited<ReturnType<typeof driveEveryProcedure>>;

  beforeAll(async () => {
    t = await createTestDb();
    db = t.db as SqliteEngine;
    capture = captureStatements(t.file);
    driven = await driveEveryProcedure(t.db, capture);
  }, 120_000);
  afterAll(async () => {
    if (driven) rmSync(driven.mediaDir, { recursive: true, force: true });
    await capture?.close();
    await t?.cleanup();
  });

  it("calls every procedure of the app router (add a new procedure to the driver)", () => {
    const missing = routerProcedures().filter((p) => !driven.called.has(p));
    expect(missing).toEqual([]);
    // Every procedure reached the database: a failure would have stopped the driver.
    const labelled = new Set(capture.statements.map((s) => s.label));
    expect(routerProcedures().filter((p) => !labelled.has(p))).toEqual([]);
  });

  it("sees the statements prepared once per connection too (a check-in's writes and reads)", () => {
    const ofCheckIn = capture.statements
      .filter((s) => s.label === "checkIns.exercisePain")
      .map((s) => s.sql);
    for (const table of ["check_ins", "pain_reports", "audit_events", "patient_summaries"])
      expect(ofCheckIn.some((q) => q.startsWith(`insert into "${table}"`))).toBe(true);
    expect(ofCheckIn.some((q) => q.includes('from "alerts"'))).toBe(true);
  });

  it("finds no full scan of a growing table in any statement a procedure issues", () => {
    const scans = findFullScans(db, capture.statements).map(
      (s) => `${s.label}: ${s.step} in: ${s.sql}`,
    );
    expect(scans).toEqual([]);
  });

  it("reports a planted full scan, by table name and by alias", async () => {
    const planted = captureStatements(t.file);
    const query = (text: string) => planted.db.read(null, (r) => rows(r, sql.raw(text)));
    try {
      await planted.as("planted", () => query("select * from pain_reports where score = 3"));
      await planted.as("planted", () =>
        query(
          "select pr.score from pain_reports pr join check_ins ci on ci.id = pr.check_in_id where ci.day = '2026-01-01'",
        ),
      );
    } finally {
      await planted.close();
    }
    const scans = findFullScans(db, planted.statements);
    expect(scans.map((s) => [s.label, s.table, s.step])).toEqual([
      ["planted", "pain_reports", "SCAN pain_reports"],
      ["planted", "pain_reports", "SCAN pr"],
    ]);
  });

  it("lets an indexed read, a scan of a small reference table and a covering index pass", () => {
    const indexed = "select score from pain_reports where patient_id = ? and day >= ?";
    expect(fullScansIn(explainStatement(db, indexed, ["p", "2026-01-01"]), indexed)).toEqual([]);
    const reference = "select * from exercises where name like '%squat%'";
    expect(fullScansIn(explainStatement(db, reference), reference)).toEqual([]);
    const planted = "select * from alerts a where a.kind = 'x'";
    expect(fullScansIn(explainStatement(db, planted), planted)).toEqual([
      { table: "alerts", step: "SCAN a" },
    ]);
    // A one-row insert into check_ins shows a scan of pain_reports for its foreign key, which
    // SQLite skips at run time: not a read.
    const parent = `insert into "check_ins" ("id", "clinic_id", "patient_id", "day", "kind", "idempotency_key", "submitted_at") values ('x', 'c', 'p', '2026-01-01', 'morning', 'k', 0) returning "id"`;
    expect(explainStatement(db, parent)).toContain("SCAN pain_reports");
    expect(findFullScans(db, [{ label: "insert", sql: parent, params: [] }])).toEqual([]);
    expect(
      tableAliases('select * from "check_ins" inner join "pain_reports" on 1 where 1'),
    ).toEqual(
      new Map([
        ["check_ins", "check_ins"],
        ["pain_reports", "pain_reports"],
      ]),
    );
  });
});
