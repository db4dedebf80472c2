import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/db/factories/test-db";
import { recordAudit } from "@/server/audit";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";

/**
 * `npm run backup` writes an anchor beside the backup, and `npm run audit:verify` checks the chain
 * (and, given the anchor, that the chain still holds it): the round trip, end to end, through the
 * scripts as an operator runs them.
 */
const ROOT = path.resolve(__dirname, "..");
const t = createTestDb();
afterAll(() => t.cleanup());
const beside = (name: string) => path.join(path.dirname(t.file), name);

let w: TwoClinics;
beforeAll(async () => {
  w = await buildTwoClinics(t.db);
  for (let n = 1; n <= 5; n += 1) {
    recordAudit(t.db, {
      clinicId: w.clinicA.id,
      actorKind: "system",
      actorId: null,
      action: `test.note_${n}`,
      entityType: "test",
      after: { n },
    });
  }
});

const run = (script: string, args: string[] = [], database = t.file) =>
  spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: database },
    encoding: "utf8",
  });

/** A copy of the live test database in which history can be rewritten. */
async function tamperableCopy(name: string) {
  const file = beside(name);
  await t.db.$client.backup(file);
  const copy = new Database(file);
  copy.exec("drop trigger audit_events_no_update; drop trigger audit_events_no_delete;");
  return { file, copy };
}

describe("npm run audit:verify, with the anchor npm run backup writes", () => {
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
    copy
      .prepare("delete from audit_events where rowid = (select max(rowid) from audit_events)")
      .run();
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
      .prepare("select id from audit_events where clinic_id = ? order by rowid limit 1 offset 2")
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
  }, 60_000);
});
