import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { insertCheckInsBulk, readIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import {
  alerts,
  auditEvents,
  checkIns,
  exerciseLogs,
  painReports,
  redFlagAnswers,
  safetyPostponements,
} from "@/db/schema";
import type { CheckInKind } from "@/db/schema/enums";
import { addDays } from "@/server/domain/days";
import { loadSubmissionLimits } from "@/server/env";
import { retryAfterSeconds } from "@/server/routers/check-ins";
import { noon, setClock } from "@/server/testing/clock";
import { codeOf, refusal } from "@/server/testing/errors";
import { patientWithLink } from "@/server/testing/patients";
import { allNo, answering } from "@/server/testing/red-flag-answers";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(() => t.cleanup());
afterEach(() => vi.useRealTimers());

let w: TwoClinics;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

/** The limits these tests count against: the defaults a clinic gets without configuring any. */
const LIMITS = loadSubmissionLimits({});
const PER_MINUTE = LIMITS.answersPerMinute;
const PER_DAY = LIMITS.answersPerDay;
const SAFETY_PER_DAY = LIMITS.safetyChecksPerDay;

const SHORT_TIME =
  "You have sent a lot of answers in a short time. Please wait a minute and try again.";

const freshPatient = (timeZone?: string) => patientWithLink(t.db, w, { timeZone });
type Patient = Awaited<ReturnType<typeof freshPatient>>;

const key = () => randomUUID();

/** Everything a patient's answer writes, counted, so a refusal can be shown to write nothing. */
function stored(patientId: string) {
  return readIn(t.db, async (db) => {
    const n = async (rows: Promise<{ n: number }[]>) => (await rows)[0]!.n;
    const joined = (table: typeof painReports | typeof exerciseLogs | typeof redFlagAnswers) =>
      n(
        db
          .select({ n: count() })
          .from(table)
          .innerJoin(checkIns, eq(checkIns.id, table.checkInId))
          .where(eq(checkIns.patientId, patientId)),
      );
    return {
      checkIns: await n(
        db.select({ n: count() }).from(checkIns).where(eq(checkIns.patientId, patientId)),
      ),
      painReports: await joined(painReports),
      exerciseLogs: await joined(exerciseLogs),
      redFlagAnswers: await joined(redFlagAnswers),
      postponements: await n(
        db
          .select({ n: count() })
          .from(safetyPostponements)
          .where(eq(safetyPostponements.patientId, patientId)),
      ),
      auditEvents: await n(
        db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.patientId, patientId)),
      ),
    };
  });
}

/** `n` pain answers sent through the procedure, as a phone would send them. */
async function sendAnswers(p: Patient, n: number) {
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const idempotencyKey = key();
    await p.caller.checkIns.exercisePain({ idempotencyKey, score: 2 });
    keys.push(idempotencyKey);
  }
  return keys;
}

/**
 * `n` check-ins written straight into the database, received at the clock's current instant: the
 * limits count rows, however they were written.
 */
async function alreadyReceived(p: Patient, n: number, kind: CheckInKind, day: string) {
  await insertCheckInsBulk(
    t.db,
    Array.from({ length: n }, () => ({
      clinicId: w.clinicA.id,
      patientId: p.patient.id,
      versionId: p.version.id,
      day,
      kind,
      ...(kind === "safety" ? { redFlags: allNo() } : {}),
    })),
  );
}

describe("answers per minute", () => {
  it("refuses every kind of answer past the limit, kindly, and stores nothing", async () => {
    setClock(noon("2026-03-10"));
    const p = await freshPatient();
    await sendAnswers(p, PER_MINUTE);
    const before = await stored(p.patient.id);
    expect(before.checkIns).toBe(PER_MINUTE);

    // One call at a time: a call made before the previous one is awaited would reject unheard.
    const refused = [
      () => p.caller.checkIns.exercisePain({ idempotencyKey: key(), score: 4, note: "sore" }),
      () => p.caller.checkIns.morningPain({ idempotencyKey: key(), score: 3 }),
      () =>
        p.caller.checkIns.exerciseSession({
          idempotencyKey: key(),
          programItemId: p.item.id,
          outcome: { done: true, setsDone: 2, repsDone: 10 },
        }),
      () => p.caller.checkIns.postponeSafetyCheck({ idempotencyKey: key() }),
    ];
    for (const answer of refused) {
      const error = await refusal(answer());
      expect(error.code).toBe("TOO_MANY_REQUESTS");
      expect(error.message).toBe(SHORT_TIME);
      expect(retryAfterSeconds(error)).toBe(60);
    }
    expect(await stored(p.patient.id)).toEqual(before);
  });

  it("still answers a replayed key past the limit, and stores nothing new", async () => {
    setClock(noon("2026-03-10"));
    const p = await freshPatient();
    const idempotencyKey = key();
    const first = await p.caller.checkIns.exercisePain({ idempotencyKey, score: 6 });
    await sendAnswers(p, PER_MINUTE - 1);
    const before = await stored(p.patient.id);

    const again = await p.caller.checkIns.exercisePain({ idempotencyKey, score: 6 });
    expect(again).toEqual(first);
    expect(await stored(p.patient.id)).toEqual(before);
    // A new key is still refused: the replay did not count as room.
    expect(
      (await refusal(p.caller.checkIns.exercisePain({ idempotencyKey: key(), score: 6 }))).code,
    ).toBe("TOO_MANY_REQUESTS");
  });

  it("still answers a replayed postponement past the limit", async () => {
    setClock(noon("2026-03-10"));
    const p = await freshPatient();
    const idempotencyKey = key();
    const first = await p.caller.checkIns.postponeSafetyCheck({ idempotencyKey });
    await alreadyReceived(p, PER_MINUTE, "exercise", "2026-03-10");
    const before = await stored(p.patient.id);
    expect(await p.caller.checkIns.postponeSafetyCheck({ idempotencyKey })).toEqual(first);
    expect(await stored(p.patient.id)).toEqual(before);
  });

  it("slides: an answer is taken again once the oldest has been in for a minute", async () => {
    const start = noon("2026-03-10");
    setClock(start);
    const p = await freshPatient();
    await sendAnswers(p, PER_MINUTE);

    setClock(new Date(start.getTime() + 59_000));
    const error = await refusal(
      p.caller.checkIns.exercisePain({ idempotencyKey: key(), score: 1 }),
    );
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    // The oldest answers leave the minute one second from now.
    expect(retryAfterSeconds(error)).toBe(1);

    setClock(new Date(start.getTime() + 60_000));
    await p.caller.checkIns.exercisePain({ idempotencyKey: key(), score: 1 });
    expect((await stored(p.patient.id)).checkIns).toBe(PER_MINUTE + 1);
  });

  it("leaves other patients alone", async () => {
    setClock(noon("2026-03-10"));
    const busy = await freshPatient();
    const other = await freshPatient();
    await alreadyReceived(busy, PER_MINUTE, "exercise", "2026-03-10");
    expect(
      (await refusal(busy.caller.checkIns.exercisePain({ idempotencyKey: key(), score: 1 }))).code,
    ).toBe("TOO_MANY_REQUESTS");

    await other.caller.checkIns.morningPain({ idempotencyKey: key(), score: 2 });
    await other.caller.checkIns.exercisePain({ idempotencyKey: key(), score: 2 });
    expect((await stored(other.patient.id)).checkIns).toBe(2);
  });

  it("counts answers by when they arrive, also those that waited days on an offline phone (far zone)", async () => {
    // Kiritimati is 14 hours ahead of UTC: its days are never the UTC days.
    const now = new Date("2026-03-10T11:00:00Z");
    setClock(now);
    const p = await freshPatient("Pacific/Kiritimati");
    await sendAnswers(p, PER_MINUTE - 1);
    const thirteenDaysAgo = new Date(now.getTime() - 13 * 86_400_000);
    const backlog = await p.caller.checkIns.exercisePain({
      idempotencyKey: key(),
      score: 3,
      tappedAt: thirteenDaysAgo,
    });
    expect(backlog.day).toBe("2026-02-26");

    const error = await refusal(
      p.caller.checkIns.exercisePain({
        idempotencyKey: key(),
        score: 3,
        tappedAt: thirteenDaysAgo,
      }),
    );
    expect(error.code).toBe("TOO_MANY_REQUESTS");
  });
});

describe("answers arriving at the same moment (a busy server, or several sharing the database)", () => {
  it("stores exactly up to the limit and refuses the rest: the count cannot be raced", async () => {
    setClock(noon("2026-03-10"));
    const p = await freshPatient();
    await alreadyReceived(p, PER_MINUTE - 3, "exercise", "2026-03-10");
    const codes = await Promise.all(
      Array.from({ length: 8 }, () =>
        codeOf(p.caller.checkIns.exercisePain({ idempotencyKey: key(), score: 2 })),
      ),
    );
    expect(codes.filter((c) => c === "OK")).toHaveLength(3);
    expect(codes.filter((c) => c !== "OK")).toEqual(Array(5).fill("TOO_MANY_REQUESTS"));
    expect((await stored(p.patient.id)).checkIns).toBe(PER_MINUTE);
  });
});

describe("history written by the factories (the demo, the bench, tests)", () => {
  it("counts as received when it was sent, so a freshly seeded patient can answer at once", async () => {
    const now = noon("2026-03-10");
    setClock(now);
    const p = await freshPatient();
    const days = Array.from({ length: 10 }, (_, i) => addDays("2026-03-10", -1 - i));
    await insertCheckInsBulk(
      t.db,
      days.flatMap((day) =>
        Array.from({ length: PER_MINUTE }, () => ({
          clinicId: w.clinicA.id,
          patientId: p.patient.id,
          versionId: p.version.id,
          day,
          kind: "exercise" as const,
          submittedAt: new Date(`${day}T18:00:00Z`),
        })),
      ),
    );
    await p.caller.checkIns.morningPain({ idempotencyKey: key(), score: 2 });
    expect((await stored(p.patient.id)).checkIns).toBe(10 * PER_MINUTE + 1);
  });
});

describe("answers per day", () => {
  it("refuses the answer past the daily limit, says when to try again, and stores nothing", async () => {
    const start = noon("2026-03-10");
    setClock(new Date(start.getTime() - 2 * 3600_000));
    const p = await freshPatient();
    await alreadyReceived(p, PER_DAY - 1, "exercise", "2026-03-10");

    setClock(start);
    await p.caller.checkIns.morningPain({ idempotencyKey: key(), score: 2 });
    const before = await stored(p.patient.id);
    const error = await refusal(
      p.caller.checkIns.exercisePain({ idempotencyKey: key(), score: 2 }),
    );
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toBe(
      "You have sent a lot of answers today. Please try again in about 22 hours.",
    );
    expect(retryAfterSeconds(error)).toBe(22 * 3600);
    expect(await stored(p.patient.id)).toEqual(before);

    // A day after the earliest answers arrived, there is room again.
    setClock(new Date(start.getTime() + 22 * 3600_000));
    await p.caller.checkIns.exercisePain({ idempotencyKey: key(), score: 2 });
    expect((await stored(p.patient.id)).checkIns).toBe(PER_DAY + 1);
  });

  it("counts safety checks and the other answers apart", async () => {
    setClock(new Date(noon("2026-03-10").getTime() - 3600_000));
    const p = await freshPatient();
    await alreadyReceived(p, SAFETY_PER_DAY - 1, "safety", "2026-03-10");
    await alreadyReceived(p, PER_DAY - 1, "exercise", "2026-03-10");
    setClock(noon("2026-03-10"));
    await p.caller.checkIns.exercisePain({ idempotencyKey: key(), score: 2 });
    await p.caller.checkIns.safetyCheck({ idempotencyKey: key(), answers: allNo() });
    expect((await stored(p.patient.id)).checkIns).toBe(PER_DAY + SAFETY_PER_DAY);
  });
});

describe("safety checks (decision 016)", () => {
  it("takes a safety check from a patient past every other limit", async () => {
    setClock(noon("2026-03-10"));
    const p = await freshPatient();
    await alreadyReceived(p, PER_MINUTE, "exercise", "2026-03-10");
    expect(
      (await refusal(p.caller.checkIns.exercisePain({ idempotencyKey: key(), score: 1 }))).code,
    ).toBe("TOO_MANY_REQUESTS");

    const calm = await p.caller.checkIns.safetyCheck({ idempotencyKey: key(), answers: allNo() });
    expect(calm.level).toBeNull();
    const worried = await p.caller.checkIns.safetyCheck({
      idempotencyKey: key(),
      answers: answering(["E2"]),
    });
    expect(worried.level).toBe("emergency");
  });

  it("has its own daily allowance for checks answered no throughout", async () => {
    const start = noon("2026-03-10");
    setClock(new Date(start.getTime() - 5 * 3600_000));
    const p = await freshPatient();
    await alreadyReceived(p, SAFETY_PER_DAY, "safety", "2026-03-10");

    setClock(start);
    const before = await stored(p.patient.id);
    const error = await refusal(
      p.caller.checkIns.safetyCheck({ idempotencyKey: key(), answers: allNo() }),
    );
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toBe(
      "You have answered the safety questions many times today. Please try again in about 19 hours.",
    );
    expect(await stored(p.patient.id)).toEqual(before);
  });

  it("never refuses a safety check with a yes: it is stored and raises its alert", async () => {
    const start = noon("2026-03-10");
    setClock(new Date(start.getTime() - 5 * 3600_000));
    const p = await freshPatient();
    await alreadyReceived(p, SAFETY_PER_DAY, "safety", "2026-03-10");
    setClock(start);
    await alreadyReceived(p, PER_MINUTE, "exercise", "2026-03-10");

    const result = await p.caller.checkIns.safetyCheck({
      idempotencyKey: key(),
      answers: answering(["E2"]),
    });
    expect(result.level).toBe("emergency");
    const raised = await readIn(t.db, (db) =>
      db
        .select({ ruleId: alerts.ruleId })
        .from(alerts)
        .where(and(eq(alerts.patientId, p.patient.id), eq(alerts.status, "open"))),
    );
    expect(raised.map((a) => a.ruleId)).toContain("red-flag-emergency@2");
  });
});
