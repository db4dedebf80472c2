import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCheckIn } from "@/db/factories";
import { createTestDb } from "@/db/factories/test-db";
import { patientWithLink } from "@/server/testing/patients";
import { buildTwoClinics } from "@/server/testing/world";
import { checkDatabase, readBaseline, type Baseline, type Verdict } from "./crash-checks";
import { Journal, type JournalEntry } from "./crash-journal";

const t = createTestDb();
afterAll(() => t.cleanup());

let baseline: Baseline;
let journal: JournalEntry[];
let patientId: string;
let firstKey: string;

/** Answers sent through the real check-in path, journaled as the bench journals acknowledged ones. */
beforeAll(async () => {
  const world = await buildTwoClinics(t.db);
  const calm = patientWithLink(t.db, world);
  const sore = patientWithLink(t.db, world, { painLimit: 5 });
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

describe("checkDatabase", () => {
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
    const sqlite = t.db.$client;
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
  it("fails a check-in no phone sent, and a forged audit row", () => {
    const first = journal.find((e) => e.key === firstKey)!;
    insertCheckIn(t.db, {
      clinicId: baseline.clinicId,
      patientId,
      versionId: null,
      kind: "exercise",
      day: "2026-01-01",
    });
    expect(failing(check()).join("\n")).toMatch(/1 with a key no phone sent/);

    t.db.$client
      .prepare(
        `insert into audit_events (id, clinic_id, actor_kind, action, entity_type, entity_id, at, prev_hash, hash)
         values (?, ?, 'system', 'check_in.exercise', 'check_in', ?, ?, 'not the head', 'made up')`,
      )
      .run(randomUUID(), baseline.clinicId, first.checkInId, Date.now());
    const failed = failing(check()).join("\n");
    expect(failed).toMatch(/audit chain .*: 2 breaks/);
    expect(failed).toMatch(/one audit row .*: 3 of 4/);
  });
});
