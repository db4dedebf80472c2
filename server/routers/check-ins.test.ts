import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  insertCheckIn,
  insertPatientLink,
  insertProgramVersion,
  sharedExercise,
} from "@/db/factories";
import { createTestDb } from "@/db/factories/test-db";
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

const t = createTestDb();
afterAll(() => t.cleanup());
afterEach(() => vi.useRealTimers());

let w: TwoClinics;
let tokenA: string;
let tokenB: string;
beforeAll(async () => {
  w = await buildTwoClinics(t.db);
  tokenA = insertPatientLink(t.db, {
    clinicId: w.clinicA.id,
    patientId: w.patientA.id,
    createdBy: w.clinicianA.id,
  }).token;
  tokenB = insertPatientLink(t.db, {
    clinicId: w.clinicB.id,
    patientId: w.patientB.id,
    createdBy: w.clinicianB.id,
  }).token;
});

/** A fresh patient of clinic A in a given time zone, on a one-exercise daily program. */
const freshPatient = (timeZone?: string) => patientWithLink(t.db, w, { timeZone });

const checkInsOf = (patientId: string) =>
  t.db.select().from(checkIns).where(eq(checkIns.patientId, patientId)).all();

describe("idempotency: one key, one answer", () => {
  it("stores the same morning answer sent twice once, and returns the same result", async () => {
    const p = freshPatient();
    const key = randomUUID();
    const first = await p.caller.checkIns.morningPain({ idempotencyKey: key, score: 3 });
    const again = await p.caller.checkIns.morningPain({ idempotencyKey: key, score: 3 });
    expect(again).toEqual(first);
    expect(checkInsOf(p.patient.id)).toHaveLength(1);
    const events = t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.patientId, p.patient.id), eq(auditEvents.action, "check_in.morning")),
      )
      .all();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorKind: "patient_link", entityId: first.checkInId });
  });

  it("refuses the same key with different content, and stores nothing more", async () => {
    const p = freshPatient();
    const key = randomUUID();
    await p.caller.checkIns.morningPain({ idempotencyKey: key, score: 3 });
    expect(await codeOf(p.caller.checkIns.morningPain({ idempotencyKey: key, score: 7 }))).toBe(
      "CONFLICT",
    );
    expect(
      await codeOf(p.caller.checkIns.exercisePain({ idempotencyKey: key, score: 3, note: null })),
    ).toBe("CONFLICT");
    const pain = t.db
      .select()
      .from(painReports)
      .where(eq(painReports.patientId, p.patient.id))
      .all();
    expect(pain.map((r) => r.score)).toEqual([3]);
  });

  it("dedupes exercise sessions, exercise pain and safety checks by key too", async () => {
    const p = freshPatient();
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
    expect(checkInsOf(p.patient.id)).toHaveLength(3);
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

  it("refuses another patient's key without saying anything about it", async () => {
    const p = freshPatient();
    const key = randomUUID();
    await p.caller.checkIns.morningPain({ idempotencyKey: key, score: 2 });
    const other = freshPatient();
    const error = await other.caller.checkIns
      .morningPain({ idempotencyKey: key, score: 2 })
      .catch((e: TRPCError) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("CONFLICT");
    expect((error as TRPCError).message).not.toContain(p.patient.displayName);
    expect(checkInsOf(other.patient.id)).toHaveLength(0);
  });

  it("rejects a key that is not a UUID", async () => {
    const p = freshPatient();
    expect(await codeOf(p.caller.checkIns.morningPain({ idempotencyKey: "1", score: 2 }))).toBe(
      "BAD_REQUEST",
    );
  });
});

describe("what each answer stores", () => {
  it("takes one morning answer a day, whatever the key", async () => {
    const p = freshPatient();
    await p.caller.checkIns.morningPain({ idempotencyKey: randomUUID(), score: 2 });
    expect(
      await codeOf(p.caller.checkIns.morningPain({ idempotencyKey: randomUUID(), score: 2 })),
    ).toBe("CONFLICT");
  });

  it("stores the morning answer after an exercise day as the next-morning report too", async () => {
    setClock("2026-11-10T08:00:00Z");
    const p = freshPatient();
    insertCheckIn(t.db, {
      clinicId: w.clinicA.id,
      patientId: p.patient.id,
      versionId: p.version.id,
      day: "2026-11-09",
      kind: "exercise",
      logs: [{ programItemId: p.item.id }],
    });
    const result = await p.caller.checkIns.morningPain({ idempotencyKey: randomUUID(), score: 4 });
    expect(result).toMatchObject({ day: "2026-11-10", contexts: ["morning", "next_morning"] });
    const restDay = freshPatient();
    const plain = await restDay.caller.checkIns.morningPain({
      idempotencyKey: randomUUID(),
      score: 4,
    });
    expect(plain.contexts).toEqual(["morning"]);
  });

  it("logs a done session with what was done, and a skipped one with its reason", async () => {
    const p = freshPatient();
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
    const logs = t.db.select().from(exerciseLogs).all();
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
    const rows = checkInsOf(p.patient.id);
    expect(rows.every((r) => r.versionId === p.version.id && r.kind === "exercise")).toBe(true);
  });

  it("ties a session to the version of its item, and each check-in to the version in force", async () => {
    const p = freshPatient();
    const { version: v2 } = insertProgramVersion(t.db, {
      clinicId: w.clinicA.id,
      patientId: p.patient.id,
      authorId: w.clinicianA.id,
      items: [{ exerciseId: sharedExercise(t.db, "wall-squat").id, sets: 3, reps: 10 }],
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
    const rows = checkInsOf(p.patient.id);
    expect(rows.find((r) => r.id === late.checkInId)?.versionId).toBe(p.version.id);
    expect(rows.find((r) => r.id === morning.checkInId)?.versionId).toBe(v2.id);
  });

  it("stores the exercise pain as a `during` report with the note", async () => {
    const p = freshPatient();
    const result = await p.caller.checkIns.exercisePain({
      idempotencyKey: randomUUID(),
      score: 6,
      note: "  Sharp on the stairs  ",
    });
    const row = checkInsOf(p.patient.id)[0]!;
    expect(row).toMatchObject({
      id: result.checkInId,
      kind: "exercise",
      note: "Sharp on the stairs",
    });
    const pain = t.db.select().from(painReports).where(eq(painReports.checkInId, row.id)).all();
    expect(pain).toMatchObject([{ context: "during", score: 6 }]);
  });

  it("refuses out-of-range pain and incomplete safety checks", async () => {
    const p = freshPatient();
    expect(
      await codeOf(p.caller.checkIns.exercisePain({ idempotencyKey: randomUUID(), score: 11 })),
    ).toBe("BAD_REQUEST");
    expect(
      await codeOf(
        p.caller.checkIns.safetyCheck({ idempotencyKey: randomUUID(), answers: allNo().slice(1) }),
      ),
    ).toBe("BAD_REQUEST");
    expect(checkInsOf(p.patient.id)).toHaveLength(0);
  });
});

describe("red flags", () => {
  const alertsOf = (patientId: string) =>
    t.db.select().from(alerts).where(eq(alerts.patientId, patientId)).all();

  it("raises a critical alert for an emergency answer, with the questions answered yes", async () => {
    const p = freshPatient();
    const result = await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["E2"]),
    });
    expect(result.level).toBe("emergency");
    const [alert] = alertsOf(p.patient.id);
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
    const answers = t.db
      .select()
      .from(redFlagAnswers)
      .where(eq(redFlagAnswers.checkInId, result.checkInId))
      .all();
    expect(answers).toHaveLength(RED_FLAG_IDS.length);
    expect(new Set(answers.map((a) => a.questionSet))).toEqual(new Set([2]));
  });

  it("updates the open alert with new evidence instead of adding another", async () => {
    const p = freshPatient();
    await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["E1"]),
    });
    const [before] = alertsOf(p.patient.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["E3", "E4"]),
    });
    const after = alertsOf(p.patient.id);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(before!.id);
    expect(after[0]!.inputs).toMatchObject({
      questionIds: ["E3", "E4"],
      checkInId: second.checkInId,
    });
    expect(after[0]!.updatedAt.getTime()).toBeGreaterThan(before!.updatedAt.getTime());
    const actions = t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, p.patient.id), eq(auditEvents.entityType, "alert")))
      .all()
      .map((e) => e.action);
    expect(actions).toEqual(["alert.raise", "alert.update"]);
  });

  it("raises a high alert for an urgent answer, and both alerts when both levels are yes", async () => {
    const p = freshPatient();
    const urgent = await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["U4"]),
    });
    expect(urgent.level).toBe("urgent");
    expect(alertsOf(p.patient.id)).toMatchObject([
      { kind: "red-flag-urgent", severity: "high", ruleId: "red-flag-urgent@2" },
    ]);
    const both = await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["E5", "U1"]),
    });
    expect(both.level).toBe("emergency");
    const rows = alertsOf(p.patient.id);
    expect(rows.map((a) => a.kind).sort()).toEqual(["red-flag-emergency", "red-flag-urgent"]);
    expect(rows.find((a) => a.kind === "red-flag-urgent")!.inputs).toMatchObject({
      questionIds: ["U1"],
    });
  });

  it("opens a new alert once the previous one is resolved", async () => {
    const p = freshPatient();
    await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["U2"]),
    });
    t.db
      .update(alerts)
      .set({ status: "resolved", resolvedAt: new Date() })
      .where(eq(alerts.patientId, p.patient.id))
      .run();
    await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["U2"]),
    });
    expect(
      alertsOf(p.patient.id)
        .map((a) => a.status)
        .sort(),
    ).toEqual(["open", "resolved"]);
  });

  it("raises nothing when every answer is no, and keeps the advice on today's plan", async () => {
    const p = freshPatient();
    await p.caller.checkIns.safetyCheck({ idempotencyKey: randomUUID(), answers: allNo() });
    expect(alertsOf(p.patient.id)).toHaveLength(0);
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
    const p = freshPatient();
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
    const p = freshPatient("Pacific/Auckland");
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
    const p = freshPatient("America/Los_Angeles");
    const result = await p.caller.checkIns.exercisePain({ idempotencyKey: randomUUID(), score: 2 });
    expect(result.day).toBe("2026-03-03");
  });

  it("asks the safety check again when Monday begins in Auckland", async () => {
    setClock("2026-03-02T09:00:00Z"); // Monday 2 March, 22:00 in Auckland
    const p = freshPatient("Pacific/Auckland");
    await p.caller.checkIns.safetyCheck({ idempotencyKey: randomUUID(), answers: allNo() });
    vi.setSystemTime(new Date("2026-03-08T10:30:00Z")); // Sunday 8 March, 23:30 in Auckland
    expect((await p.caller.plan.today()).asks.safetyCheck).toBe(false);
    vi.setSystemTime(new Date("2026-03-08T11:30:00Z")); // Monday 9 March, 00:30 in Auckland
    expect((await p.caller.plan.today()).asks.safetyCheck).toBe(true);
  });

  it("keeps the day the patient tapped for an answer that waited on an offline phone", async () => {
    setClock("2026-03-04T09:00:00Z");
    const p = freshPatient("Europe/London");
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
    expect(checkInsOf(w.patientB.id)).toHaveLength(0);
    expect(
      checkInsOf(w.patientA.id)
        .map((r) => r.kind)
        .sort(),
    ).toEqual(["morning", "safety"]);
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
    const p = freshPatient();
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
    const other = await freshPatient().caller.plan.progress();
    expect(other.week.done).toBe(0);
    expect(other.days.every((d) => d.morning === null && d.during === null)).toBe(true);
  });

  it("refuses every answer without a working link", async () => {
    const { link, token } = insertPatientLink(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      createdBy: w.clinicianA.id,
    });
    t.db
      .update(patientLinks)
      .set({ revokedAt: new Date() })
      .where(eq(patientLinks.id, link.id))
      .run();
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
