import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqliteEngine } from "@/db/engine/sqlite";
import { insertCheckIn } from "@/db/factories";
import { createTestDb, testEngineKind, type TestDb } from "@/db/factories/test-db";
import { eventHash } from "@/server/audit-hash";
import { patientWithLink } from "@/server/testing/patients";
import { buildTwoClinics } from "@/server/testing/world";
import { checkDatabase, readBaseline, type Baseline, type Verdict } from "./crash-checks";
import { Journal, type JournalEntry } from "./crash-journal";

// The crash bench kills a server on a SQLite file and checks the file afterwards: SQLite only.
const sqliteOnly = testEngineKind() === "pg";

let t: TestDb;
afterAll(() => t?.cleanup());

let baseline: Baseline;
let journal: JournalEntry[];
let patientId: string;
let firstKey: string;

/** Answers sent through the real check-in path, journaled as the bench journals acknowledged ones. */
beforeAll(async () => {
  if (sqliteOnly) return;
  t = await createTestDb();
  const world = await buildTwoClinics(t.db);
  const calm = await patientWithLink(t.db, world);
  const sore = await patientWithLink(t.db, world, { painLimit: 5 });
  patientId = sore.patient.id;
  baseline = readBaseline(t.file, "Clinic A");
  const book = new Journal();
  const answers = [
    { p: calm, score: 2 },
    { p: sore, score: 10 },
    { p: sore, score: 7 },
    { p: calm, score: 4 },
  ];
  for (const [i, { p, score }] of answers.entries()) {
    const key = randomUUID();
    book.sent({ patient: i, score, round: 1, request: requestOf(key, score) });
    const stored = await p.caller.checkIns.exercisePain({ idempotencyKey: key, score });
    book.settle(key, 200, acknowledgement(stored.checkInId));
  }
  journal = book.all();
  firstKey = journal[0]!.key;
});

function requestOf(key: string, score: number) {
  return {
    path: "/api/trpc/checkIns.exercisePain",
    body: JSON.stringify({ json: { idempotencyKey: key, score } }),
    headers: {},
    tag: key,
  };
}

const acknowledgement = (checkInId: string) =>
  JSON.stringify({ result: { data: { json: { checkInId } } } });

const failing = (verdicts: Verdict[]) => verdicts.filter((v) => !v.pass).map((v) => v.what);

const check = (entries: JournalEntry[] = journal) =>
  checkDatabase({ file: t.file, baseline, journal: entries });

describe.skipIf(sqliteOnly)("checkDatabase", () => {
  it("passes what the check-in path wrote", () => {
    const verdicts = check();
    expect(failing(verdicts)).toEqual([]);
    expect(verdicts.map((v) => v.what).join("\n")).toMatch(
      /above their pain limit: 1 \(1 of the 1 who sent a 10\)/,
    );
  });

  it("fails an acknowledged answer that is not there", () => {
    const lost = { ...journal[0]!, key: randomUUID() };
    expect(failing(check([...journal, lost])).join("\n")).toMatch(/exactly once: .* 1 missing/);
  });

  it("fails when the stored answer is not the one acknowledged", () => {
    const other = journal.map((e, i) => (i === 0 ? { ...e, checkInId: "someone else's" } : e));
    expect(failing(check(other)).join("\n")).toMatch(/1 other id/);
    const score = journal.map((e, i) => (i === 0 ? { ...e, score: 9 } : e));
    expect(failing(check(score)).join("\n")).toMatch(/1 other content/);
  });

  it("fails a pain alert that is gone and figures left behind", () => {
    const sqlite = (t.db as SqliteEngine).writerConnection;
    sqlite
      .prepare("update alerts set status = 'resolved' where patient_id = ? and kind = ?")
      .run(patientId, "pain-over-limit");
    sqlite
      .prepare("update patient_summaries set last_check_in_at = 0 where patient_id = ?")
      .run(patientId);
    const failed = failing(check()).join("\n");
    expect(failed).toMatch(/alert missing or short: 1/);
    expect(failed).toMatch(/1 behind/);
    sqlite
      .prepare("update alerts set status = 'open' where patient_id = ? and kind = ?")
      .run(patientId, "pain-over-limit");
    sqlite
      .prepare(
        "update patient_summaries set last_check_in_at = (select max(submitted_at) from check_ins where patient_id = ?) where patient_id = ?",
      )
      .run(patientId, patientId);
    expect(failing(check())).toEqual([]);
  });

  // Inserts only (the trail refuses UPDATE and DELETE): these two run last.
  it("fails a check-in no phone sent, and a forged audit row", async () => {
    const first = journal.find((e) => e.key === firstKey)!;
    await insertCheckIn(t.db, {
      clinicId: baseline.clinicId,
      patientId,
      versionId: null,
      kind: "exercise",
      day: "2026-01-01",
    });
    expect(failing(check()).join("\n")).toMatch(/1 with a key no phone sent/);

    const sqlite = (t.db as SqliteEngine).writerConnection;
    const head = sqlite
      .prepare("select max(seq) as seq from audit_events where clinic_id = ?")
      .get(baseline.clinicId) as { seq: number };
    const forged = {
      clinicId: baseline.clinicId,
      seq: head.seq + 1,
      hashFormat: 2 as const,
      actorKind: "system",
      actorId: null,
      action: "check_in.exercise",
      entityType: "check_in",
      entityId: first.checkInId,
      patientId: null,
      before: null,
      after: null,
      at: new Date(),
      ip: null,
      prevHash: "not the head",
    };
    // A second row with the same place in the chain is refused: the chain cannot fork.
    const insert = sqlite.prepare(
      `insert into audit_events (id, clinic_id, seq, hash_format, actor_kind, action, entity_type,
         entity_id, at, prev_hash, hash)
       values (?, ?, ?, 2, 'system', 'check_in.exercise', 'check_in', ?, ?, ?, ?)`,
    );
    const add = (seq: number, hash: string) =>
      insert.run(
        randomUUID(),
        forged.clinicId,
        seq,
        forged.entityId,
        forged.at.getTime(),
        forged.prevHash,
        hash,
      );
    expect(() => add(head.seq, "a fork")).toThrow(/UNIQUE/);
    // A row hashed as the writer hashes, but linked to a head that is not there: one break.
    add(forged.seq, eventHash(forged));
    expect(failing(check()).join("\n")).toMatch(
      /audit chain .*: 1 breaks, first at row \d+ \(prev_hash/,
    );
    // And one whose hash is made up as well: two breaks for it.
    add(forged.seq + 1, "made up");
    const failed = failing(check()).join("\n");
    expect(failed).toMatch(/audit chain .*: 3 breaks/);
    expect(failed).toMatch(/one audit row .*: 3 of 4/);
  });
});
