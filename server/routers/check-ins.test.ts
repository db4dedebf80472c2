import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  insertCheckIn,
  insertPatientLink,
  insertProgramVersion,
  readIn,
  sharedExercise,
  writeIn,
} from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import {
  alerts,
  auditEvents,
  checkIns,
  exerciseLogs,
  painReports,
  patientLinks,
  redFlagAnswers,
} from "@/db/schema";
import { RED_FLAG_IDS } from "@/server/domain/red-flags";
import { patientCaller } from "@/server/testing/callers";
import { codeOf } from "@/server/testing/errors";
import { noon, setClock } from "@/server/testing/clock";
import { patientWithLink } from "@/server/testing/patients";
import { allNo, answering } from "@/server/testing/red-flag-answers";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(() => t.cleanup());
afterEach(() => vi.useRealTimers());

let w: TwoClinics;
let tokenA: string;
let tokenB: string;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
  tokenA = (
    await insertPatientLink(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      createdBy: w.clinicianA.id,
    })
  ).token;
  tokenB = (
    await insertPatientLink(t.db, {
      clinicId: w.clinicB.id,
      patientId: w.patientB.id,
      createdBy: w.clinicianB.id,
    })
  ).token;
});

/** A fresh patient of clinic A in a given time zone, on a one-exercise daily program. */
const freshPatient = (timeZone?: string) => patientWithLink(t.db, w, { timeZone });

const checkInsOf = (patientId: string) =>
  readIn(t.db, (db) => db.select().from(checkIns).where(eq(checkIns.patientId, patientId)));

describe("idempotency: one key, one answer", () => {
  it("stores the same morning answer sent twice once, and returns the same result", async () => {
    const p = await freshPatient();
    const key = randomUUID();
    const first = await p.caller.checkIns.morningPain({ idempotencyKey: key, score: 3 });
    const again = await p.caller.checkIns.morningPain({ idempotencyKey: key, score: 3 });
    expect(again).toEqual(first);
    expect(await checkInsOf(p.patient.id)).toHaveLength(1);
    const events = await readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.patientId, p.patient.id), eq(auditEvents.action, "check_in.morning")),
        ),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorKind: "patient_link", entityId: first.checkInId });
  });

  it("refuses the same key with different content, and stores nothing more", async () => {
    const p = await freshPatient();
    const key = randomUUID();
    await p.caller.checkIns.morningPain({ idempotencyKey: key, score: 3 });
    expect(await codeOf(p.caller.checkIns.morningPain({ idempotencyKey: key, score: 7 }))).toBe(
      "CONFLICT",
    );
    expect(
      await codeOf(p.caller.checkIns.exercisePain({ idempotencyKey: key, score: 3, note: null })),
    ).toBe("CONFLICT");
    const pain = await readIn(t.db, (db) =>
      db.select().from(painReports).where(eq(painReports.patientId, p.patient.id)),
    );
    expect(pain.map((r) => r.score)).toEqual([3]);
  });

  it("dedupes exercise sessions, exercise pain and safety checks by key too", async () => {
    const p = await freshPatient();
    const session = {
      idempotencyKey: randomUUID(),
      programItemId: p.item.id,
      outcome: { done: true as const, setsDone: 2, repsDone: 8 },
    };
    const pain = { idempotencyKey: randomUUID(), score: 4, note: "Stiff at first" };
    const safety = { idempotencyKey: randomUUID(), answers: allNo() };
    for (let i = 0; i < 2; i++) {
      await p.caller.checkIns.exerciseSession(session);
      await p.caller.checkIns.exercisePain(pain);
      expect((await p.caller.checkIns.safetyCheck(safety)).level).toBeNull();
    }
    expect(await checkInsOf(p.patient.id)).toHaveLength(3);
    expect(
      await codeOf(
        p.caller.checkIns.exerciseSession({
          ...session,
          outcome: { done: false, skippedReason: "no_time" },
        }),
      ),
    ).toBe("CONFLICT");
    expect(
      await codeOf(p.caller.checkIns.safetyCheck({ ...safety, answers: answering(["U2"]) })),
    ).toBe("CONFLICT");
  });

  it("stores a key sent several times at once once, and answers each with the same result", async () => {
    const p = await freshPatient();
    const key = randomUUID();
    const answers = await Promise.all(
      [1, 2, 3].map(() => p.caller.checkIns.morningPain({ idempotencyKey: key, score: 4 })),
    );
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(await checkInsOf(p.patient.id)).toHaveLength(1);
  });

  it("refuses another patient's key without saying anything about it", async () => {
    const p = await freshPatient();
    const key = randomUUID();
    await p.caller.checkIns.morningPain({ idempotencyKey: key, score: 2 });
    const other = await freshPatient();
    const error = await other.caller.checkIns
      .morningPain({ idempotencyKey: key, score: 2 })
      .catch((e: TRPCError) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("CONFLICT");
    expect((error as TRPCError).message).not.toContain(p.patient.displayName);
    expect(await checkInsOf(other.patient.id)).toHaveLength(0);
  });

  it("rejects a key that is not a UUID", async () => {
    const p = await freshPatient();
    expect(await codeOf(p.caller.checkIns.morningPain({ idempotencyKey: "1", score: 2 }))).toBe(
      "BAD_REQUEST",
    );
  });
});

describe("what each answer stores", () => {
  it("takes one morning answer a day, whatever the key", async () => {
    const p = await freshPatient();
    await p.caller.checkIns.morningPain({ idempotencyKey: randomUUID(), score: 2 });
    expect(
      await codeOf(p.caller.checkIns.morningPain({ idempotencyKey: randomUUID(), score: 2 })),
    ).toBe("CONFLICT");
  });

  it("stores the morning answer after an exercise day as the next-morning report too", async () => {
    setClock("2026-11-10T08:00:00Z");
    const p = await freshPatient();
    await insertCheckIn(t.db, {
      clinicId: w.clinicA.id,
      patientId: p.patient.id,
      versionId: p.version.id,
      day: "2026-11-09",
      kind: "exercise",
      logs: [{ programItemId: p.item.id }],
    });
    const result = await p.caller.checkIns.morningPain({ idempotencyKey: randomUUID(), score: 4 });
    expect(result).toMatchObject({ day: "2026-11-10", contexts: ["morning", "next_morning"] });
    const restDay = await freshPatient();
    const plain = await restDay.caller.checkIns.morningPain({
      idempotencyKey: randomUUID(),
      score: 4,
    });
    expect(plain.contexts).toEqual(["morning"]);
  });

  it("logs a done session with what was done, and a skipped one with its reason", async () => {
    const p = await freshPatient();
    const done = await p.caller.checkIns.exerciseSession({
      idempotencyKey: randomUUID(),
      programItemId: p.item.id,
      outcome: { done: true, setsDone: 2, repsDone: 10 },
    });
    const skipped = await p.caller.checkIns.exerciseSession({
      idempotencyKey: randomUUID(),
      programItemId: p.item.id,
      outcome: { done: false, skippedReason: "too_painful" },
    });
    const logs = await readIn(t.db, (db) => db.select().from(exerciseLogs));
    expect(logs.find((l) => l.checkInId === done.checkInId)).toMatchObject({
      sessionsDone: 1,
      setsDone: 2,
      repsDone: 10,
      skippedReason: null,
    });
    expect(logs.find((l) => l.checkInId === skipped.checkInId)).toMatchObject({
      sessionsDone: 0,
      setsDone: null,
      skippedReason: "too_painful",
    });
    const rows = await checkInsOf(p.patient.id);
    expect(rows.every((r) => r.versionId === p.version.id && r.kind === "exercise")).toBe(true);
  });

  it("ties a session to the version of its item, and each check-in to the version in force", async () => {
    const p = await freshPatient();
    const { version: v2 } = await insertProgramVersion(t.db, {
      clinicId: w.clinicA.id,
      patientId: p.patient.id,
      authorId: w.clinicianA.id,
      items: [{ exerciseId: (await sharedExercise(t.db, "wall-squat")).id, sets: 3, reps: 10 }],
      effectiveFrom: new Date(Date.now() - 1000),
    });
    const late = await p.caller.checkIns.exerciseSession({
      idempotencyKey: randomUUID(),
      programItemId: p.item.id,
      outcome: { done: true },
    });
    const morning = await p.caller.checkIns.morningPain({
      idempotencyKey: randomUUID(),
      score: 1,
    });
    const rows = await checkInsOf(p.patient.id);
    expect(rows.find((r) => r.id === late.checkInId)?.versionId).toBe(p.version.id);
    expect(rows.find((r) => r.id === morning.checkInId)?.versionId).toBe(v2.id);
  });

  it("stores the exercise pain as a `during` report with the note", async () => {
    const p = await freshPatient();
    const result = await p.caller.checkIns.exercisePain({
      idempotencyKey: randomUUID(),
      score: 6,
      note: "  Sharp on the stairs  ",
    });
    const row = (await checkInsOf(p.patient.id))[0]!;
    expect(row).toMatchObject({
      id: result.checkInId,
      kind: "exercise",
      note: "Sharp on the stairs",
    });
    const pain = await readIn(t.db, (db) =>
      db.select().from(painReports).where(eq(painReports.checkInId, row.id)),
    );
    expect(pain).toMatchObject([{ context: "during", score: 6 }]);
  });

  it("refuses out-of-range pain and incomplete safety checks", async () => {
    const p = await freshPatient();
    expect(
      await codeOf(p.caller.checkIns.exercisePain({ idempotencyKey: randomUUID(), score: 11 })),
    ).toBe("BAD_REQUEST");
    expect(
      await codeOf(
        p.caller.checkIns.safetyCheck({ idempotencyKey: randomUUID(), answers: allNo().slice(1) }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await checkInsOf(p.patient.id)).toHaveLength(0);
  });
});

describe("red flags", () => {
  const alertsOf = (patientId: string) =>
    readIn(t.db, (db) => db.select().from(alerts).where(eq(alerts.patientId, patientId)));

  it("raises a critical alert for an emergency answer, with the questions answered yes", async () => {
    const p = await freshPatient();
    const result = await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["E2"]),
    });
    expect(result.level).toBe("emergency");
    const [alert] = await alertsOf(p.patient.id);
    expect(alert).toMatchObject({
      kind: "red-flag-emergency",
      severity: "critical",
      ruleId: "red-flag-emergency@2",
      ruleVersion: 2,
      status: "open",
    });
    expect(alert!.inputs).toMatchObject({
      questionIds: ["E2"],
      questionSet: 2,
      checkInId: result.checkInId,
    });
    const answers = await readIn(t.db, (db) =>
      db.select().from(redFlagAnswers).where(eq(redFlagAnswers.checkInId, result.checkInId)),
    );
    expect(answers).toHaveLength(RED_FLAG_IDS.length);
    expect(new Set(answers.map((a) => a.questionSet))).toEqual(new Set([2]));
  });

  it("updates the open alert with new evidence instead of adding another", async () => {
    const p = await freshPatient();
    await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["E1"]),
    });
    const [before] = await alertsOf(p.patient.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["E3", "E4"]),
    });
    const after = await alertsOf(p.patient.id);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(before!.id);
    expect(after[0]!.inputs).toMatchObject({
      questionIds: ["E3", "E4"],
      checkInId: second.checkInId,
    });
    expect(after[0]!.updatedAt.getTime()).toBeGreaterThan(before!.updatedAt.getTime());
    const actions = (
      await readIn(t.db, (db) =>
        db
          .select({ action: auditEvents.action })
          .from(auditEvents)
          .where(and(eq(auditEvents.patientId, p.patient.id), eq(auditEvents.entityType, "alert")))
          .orderBy(auditEvents.at, auditEvents.id),
      )
    ).map((e) => e.action);
    expect(actions).toEqual(["alert.raise", "alert.update"]);
  });

  it("raises a high alert for an urgent answer, and both alerts when both levels are yes", async () => {
    const p = await freshPatient();
    const urgent = await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["U4"]),
    });
    expect(urgent.level).toBe("urgent");
    expect(await alertsOf(p.patient.id)).toMatchObject([
      { kind: "red-flag-urgent", severity: "high", ruleId: "red-flag-urgent@2" },
    ]);
    const both = await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["E5", "U1"]),
    });
    expect(both.level).toBe("emergency");
    const rows = await alertsOf(p.patient.id);
    expect(rows.map((a) => a.kind).sort()).toEqual(["red-flag-emergency", "red-flag-urgent"]);
    expect(rows.find((a) => a.kind === "red-flag-urgent")!.inputs).toMatchObject({
      questionIds: ["U1"],
    });
  });

  it("opens a new alert once the previous one is resolved", async () => {
    const p = await freshPatient();
    await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["U2"]),
    });
    await writeIn(t.db, (tx) =>
      tx
        .update(alerts)
        .set({ status: "resolved", resolvedAt: new Date() })
        .where(eq(alerts.patientId, p.patient.id)),
    );
    await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["U2"]),
    });
    expect((await alertsOf(p.patient.id)).map((a) => a.status).sort()).toEqual([
      "open",
      "resolved",
    ]);
  });

  it("raises nothing when every answer is no, and keeps the advice on today's plan", async () => {
    const p = await freshPatient();
    await p.caller.checkIns.safetyCheck({ idempotencyKey: randomUUID(), answers: allNo() });
    expect(await alertsOf(p.patient.id)).toHaveLength(0);
    expect((await p.caller.plan.today()).redFlagPause).toBeNull();
    await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["E2"]),
    });
    expect((await p.caller.plan.today()).redFlagPause?.level).toBe("emergency");
  });
});

describe("today's asks in the patient's time zone", () => {
  it("asks the morning question and the safety check on the first visit, then not again", async () => {
    const p = await freshPatient();
    const first = await p.caller.plan.today();
    expect(first.asks).toMatchObject({ morningPain: true, safetyCheck: true, exercisePain: false });
    expect(first.items[0]!.today).toMatchObject({ asked: 1, remaining: 1 });
    await p.caller.checkIns.morningPain({ idempotencyKey: randomUUID(), score: 2 });
    await p.caller.checkIns.safetyCheck({ idempotencyKey: randomUUID(), answers: allNo() });
    await p.caller.checkIns.exerciseSession({
      idempotencyKey: randomUUID(),
      programItemId: p.item.id,
      outcome: { done: true },
    });
    const later = await p.caller.plan.today();
    expect(later.asks).toMatchObject({
      morningPain: false,
      safetyCheck: false,
      exercisePain: true,
    });
    expect(later.morningPainToday).toBe(2);
    expect(later.items[0]!.today).toMatchObject({ doneToday: 1, remaining: 0 });
    await p.caller.checkIns.exercisePain({ idempotencyKey: randomUUID(), score: 3 });
    const done = await p.caller.plan.today();
    // Everything is answered; the day still asked for a session, so it is not a "nothing asked" day.
    expect(done.asks).toMatchObject({ exercisePain: false, nothingAsked: false });
    expect(done.exercisePainToday).toBe(3);
  });

  it("puts 00:30 in Auckland on the new local day, and asks the morning question again", async () => {
    setClock("2026-03-03T10:30:00Z"); // 23:30 on 3 March in Auckland
    const p = await freshPatient("Pacific/Auckland");
    const evening = await p.caller.checkIns.morningPain({ idempotencyKey: randomUUID(), score: 5 });
    expect(evening.day).toBe("2026-03-03");
    expect((await p.caller.plan.today()).asks.morningPain).toBe(false);
    vi.setSystemTime(new Date("2026-03-03T11:30:00Z")); // 00:30 on 4 March in Auckland
    const plan = await p.caller.plan.today();
    expect(plan.today).toBe("2026-03-04");
    expect(plan.asks.morningPain).toBe(true);
    const next = await p.caller.checkIns.morningPain({ idempotencyKey: randomUUID(), score: 4 });
    expect(next.day).toBe("2026-03-04");
  });

  it("puts 23:30 in Los Angeles on that local day though UTC is on the next", async () => {
    setClock("2026-03-04T07:30:00Z");
    const p = await freshPatient("America/Los_Angeles");
    const result = await p.caller.checkIns.exercisePain({ idempotencyKey: randomUUID(), score: 2 });
    expect(result.day).toBe("2026-03-03");
  });

  it("asks the safety check again when Monday begins in Auckland", async () => {
    setClock("2026-03-02T09:00:00Z"); // Monday 2 March, 22:00 in Auckland
    const p = await freshPatient("Pacific/Auckland");
    await p.caller.checkIns.safetyCheck({ idempotencyKey: randomUUID(), answers: allNo() });
    vi.setSystemTime(new Date("2026-03-08T10:30:00Z")); // Sunday 8 March, 23:30 in Auckland
    expect((await p.caller.plan.today()).asks.safetyCheck).toBe(false);
    vi.setSystemTime(new Date("2026-03-08T11:30:00Z")); // Monday 9 March, 00:30 in Auckland
    expect((await p.caller.plan.today()).asks.safetyCheck).toBe(true);
  });

  it("keeps the day the patient tapped for an answer that waited on an offline phone", async () => {
    setClock("2026-03-04T09:00:00Z");
    const p = await freshPatient("Europe/London");
    const result = await p.caller.checkIns.exerciseSession({
      idempotencyKey: randomUUID(),
      tappedAt: new Date("2026-03-03T21:00:00Z"),
      programItemId: p.item.id,
      outcome: { done: true },
    });
    expect(result.day).toBe("2026-03-03");
  });
});

describe("patient isolation", () => {
  it("answers only with the link's patient and their clinic's name and contact", async () => {
    const caller = patientCaller(t.db, tokenA);
    const plan = await caller.plan.today();
    expect(Object.keys(plan.clinic).sort()).toEqual(["email", "emergencyNumber", "name", "phone"]);
    const answers = [
      await caller.checkIns.morningPain({ idempotencyKey: randomUUID(), score: 1 }),
      await caller.checkIns.safetyCheck({ idempotencyKey: randomUUID(), answers: allNo() }),
    ];
    const text = JSON.stringify([plan, await caller.plan.progress(), ...answers]);
    for (const foreign of [
      w.patientB.displayName,
      w.patientB.id,
      w.clinicB.name,
      w.clinicianA.name,
      w.clinicianA.email,
      w.clinicianA.id,
      w.adminA.email,
      w.patientA.id,
    ]) {
      expect(text).not.toContain(foreign);
    }
  });

  it("refuses to log a session against another patient's exercise", async () => {
    const itemOfB = (await patientCaller(t.db, tokenB).plan.today()).items[0]!.id;
    const callerA = patientCaller(t.db, tokenA);
    expect(
      await codeOf(
        callerA.checkIns.exerciseSession({
          idempotencyKey: randomUUID(),
          programItemId: itemOfB,
          outcome: { done: true },
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await checkInsOf(w.patientB.id)).toHaveLength(0);
    expect((await checkInsOf(w.patientA.id)).map((r) => r.kind).sort()).toEqual([
      "morning",
      "safety",
    ]);
  });

  it("shows each patient only their own answers", async () => {
    await patientCaller(t.db, tokenB).checkIns.morningPain({
      idempotencyKey: randomUUID(),
      score: 8,
    });
    const planA = await patientCaller(t.db, tokenA).plan.today();
    expect(planA.morningPainToday).toBe(1);
    const planB = await patientCaller(t.db, tokenB).plan.today();
    expect(planB.morningPainToday).toBe(8);
  });

  it("shows each patient their own progress: this week's sessions and their pain by day", async () => {
    const p = await freshPatient();
    await p.caller.checkIns.morningPain({ idempotencyKey: randomUUID(), score: 6 });
    await p.caller.checkIns.exerciseSession({
      idempotencyKey: randomUUID(),
      programItemId: p.item.id,
      outcome: { done: true },
    });
    await p.caller.checkIns.exercisePain({ idempotencyKey: randomUUID(), score: 3 });
    const progress = await p.caller.plan.progress();
    // The program began today: its week runs from today to Sunday, and the chart starts today.
    const isoWeekday = ((noon(progress.today).getUTCDay() + 6) % 7) + 1;
    expect(progress.firstDay).toBe(true);
    expect(progress.week).toEqual({ done: 1, asked: 8 - isoWeekday });
    expect(progress).toMatchObject({ todayDone: 1, todayAsked: 1 });
    expect(progress.days).toEqual([{ day: progress.today, morning: 6, during: 3 }]);
    expect(progress.weeks).toHaveLength(1);
    // The page's header and footer come with it: the same contact the plan page shows.
    expect(progress.clinic).toEqual((await p.caller.plan.today()).clinic);
    const other = await (await freshPatient()).caller.plan.progress();
    expect(other.week.done).toBe(0);
    expect(other.days.every((d) => d.morning === null && d.during === null)).toBe(true);
  });

  it("refuses every answer without a working link", async () => {
    const { link, token } = await insertPatientLink(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      createdBy: w.clinicianA.id,
    });
    await writeIn(t.db, (tx) =>
      tx.update(patientLinks).set({ revokedAt: new Date() }).where(eq(patientLinks.id, link.id)),
    );
    for (const caller of [patientCaller(t.db, token), patientCaller(t.db, null)]) {
      expect(
        await codeOf(caller.checkIns.morningPain({ idempotencyKey: randomUUID(), score: 1 })),
      ).toBe("UNAUTHORIZED");
      expect(
        await codeOf(
          caller.checkIns.safetyCheck({ idempotencyKey: randomUUID(), answers: allNo() }),
        ),
      ).toBe("UNAUTHORIZED");
    }
  });
});
