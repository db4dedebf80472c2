import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqliteEngine } from "@/db/engine/sqlite";
import { createTestDb, testEngineKind, type TestDb } from "@/db/factories/test-db";
import { recordAudit } from "@/server/audit";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";

/**
 * `npm run backup` writes an anchor beside the backup, and `npm run audit:verify` checks the chain
 * (and, given the anchor, that the chain still holds it): the round trip, end to end, through the
 * scripts as an operator runs them.
 */
const ROOT = path.resolve(__dirname, "..");
const onPg = testEngineKind() === "pg";
let t: TestDb;
afterAll(() => t?.cleanup());
const beside = (name: string) => path.join(path.dirname(t.file), name);

let w: TwoClinics;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
  for (let n = 1; n <= 5; n += 1) {
    await t.db.write(w.clinicA.id, (tx) =>
      recordAudit(tx, {
        clinicId: w.clinicA.id,
        actorKind: "system",
        actorId: null,
        action: `test.note_${n}`,
        entityType: "test",
        after: { n, zebra: { b: 1, a: 2 } },
      }),
    );
  }
});

/** Runs a script as an operator does, on the test's database (a SQLite file, or PostgreSQL). */
const run = (script: string, args: string[] = [], database = t.file) =>
  spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: onPg
      ? { ...process.env, DATABASE_URL: database }
      : { ...process.env, DATABASE_PATH: database },
    encoding: "utf8",
  });

describe("npm run audit:verify", () => {
  it("checks the database the app runs on, on either engine", () => {
    const ok = run("scripts/audit-verify.ts");
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(
      new RegExp(`clinic ${w.clinicA.id}: 5 rows checked, latest hash [0-9a-f]{64}: OK`),
    );
    expect(ok.stdout).toContain(`clinic ${w.clinicB.id}: 0 rows checked, latest hash none`);
  }, 60_000);
});

/** A copy of the live test database in which history can be rewritten. */
async function tamperableCopy(name: string) {
  const file = beside(name);
  await (t.db as SqliteEngine).writerConnection.backup(file);
  const copy = new Database(file);
  copy.exec("drop trigger audit_events_no_update; drop trigger audit_events_no_delete;");
  return { file, copy };
}

// A backup is a copy of the SQLite file; tampering is done on such copies.
describe.skipIf(onPg)("npm run audit:verify, with the anchor npm run backup writes", () => {
  it("anchors a backup, passes an untouched chain and finds one that lost rows since", async () => {
    const backup = beside("anchored.db");
    const made = run("scripts/backup.ts", [backup]);
    expect(made.status).toBe(0);
    const anchorFile = `${backup}.anchor.json`;
    expect(made.stdout).toContain("anchored.db.anchor.json");
    const anchor = JSON.parse(readFileSync(anchorFile, "utf8")) as {
      clinics: { clinicId: string; rows: number; hash: string | null }[];
    };
    const a = anchor.clinics.find((c) => c.clinicId === w.clinicA.id)!;
    expect(a.rows).toBe(5);
    expect(made.stdout).toContain(`[audit] anchor clinic=${w.clinicA.id} rows=5 hash=${a.hash}`);

    const ok = run("scripts/audit-verify.ts", ["--anchor", anchorFile]);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(
      `clinic ${w.clinicA.id}: 5 rows checked, latest hash ${a.hash}: OK`,
    );
    expect(ok.stdout).toMatch(
      new RegExp(`\\[audit\\] anchor clinic=${w.clinicA.id} rows=5 hash=${a.hash} at=\\d{4}-`),
    );

    const { file, copy } = await tamperableCopy("lost-tail.db");
    copy.prepare("delete from audit_events where clinic_id = ? and seq = 5").run(w.clinicA.id);
    copy.close();
    const alone = run("scripts/audit-verify.ts", ["--database", file]);
    expect(alone.status).toBe(0);
    const against = run("scripts/audit-verify.ts", ["--database", file, "--anchor", anchorFile]);
    expect(against.status).toBe(1);
    expect(against.stdout).toContain(
      `clinic ${w.clinicA.id}: 4 rows checked, BROKEN at position 5`,
    );
    expect(against.stdout).toContain("missing");
  }, 60_000);

  it("names an edited row and exits 1; says plainly when it cannot run", async () => {
    const { file, copy } = await tamperableCopy("edited.db");
    const third = copy
      .prepare("select id from audit_events where clinic_id = ? and seq = 3")
      .get(w.clinicA.id) as { id: string };
    copy
      .prepare("update audit_events set action = 'test.quietly_changed' where id = ?")
      .run(third.id);
    copy.close();
    const broken = run("scripts/audit-verify.ts", ["--database", file]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(
      `clinic ${w.clinicA.id}: 2 rows checked, BROKEN at position 3 (row ${third.id}): hash-mismatch`,
    );
    expect(broken.stdout).not.toContain("quietly_changed");

    const nothing = run("scripts/audit-verify.ts", ["--database", beside("nowhere.db")]);
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toContain("There is no database at");

    // A file whose trail has no chain order yet (written before 0010_audit-seq) is not guessed at.
    const before = beside("before-seq.db");
    const old = new Database(before);
    old.exec("create table clinics (id text); create table audit_events (id text, hash text)");
    old.close();
    const unmigrated = run("scripts/audit-verify.ts", ["--database", before]);
    expect(unmigrated.status).toBe(2);
    expect(unmigrated.stderr).toContain("predates the audit chain's own order");
  }, 60_000);
});
