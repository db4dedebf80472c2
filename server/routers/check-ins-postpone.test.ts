import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { readIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, safetyPostponements } from "@/db/schema";
import { firstStep } from "@/server/domain/safety-check-postpones";
import { patientCaller } from "@/server/testing/callers";
import { outcome } from "@/server/testing/errors";
import { setClock } from "@/server/testing/clock";
import { patientWithLink } from "@/server/testing/patients";
import { allNo } from "@/server/testing/red-flag-answers";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(() => t.cleanup());
afterEach(() => vi.useRealTimers());

let w: TwoClinics;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

/** Wednesday 4 March 2026, midday in London: the ISO week starts on Monday 2 March. */
const WEDNESDAY = new Date("2026-03-04T12:00:00Z");

const freshPatient = (timeZone?: string) => patientWithLink(t.db, w, { timeZone });

const postpone = (
  p: Awaited<ReturnType<typeof freshPatient>>,
  key = randomUUID(),
  tappedAt?: Date,
) => p.caller.checkIns.postponeSafetyCheck({ idempotencyKey: key, tappedAt });

const rowsOf = (patientId: string) =>
  readIn(t.db, (db) =>
    db.select().from(safetyPostponements).where(eq(safetyPostponements.patientId, patientId)),
  );

describe("checkIns.postponeSafetyCheck: at most twice for one week's check", () => {
  it("allows two postpones and refuses a third with a plain sentence", async () => {
    setClock(WEDNESDAY);
    const p = await freshPatient();
    expect(await postpone(p)).toEqual({ weekStart: "2026-03-02", postponesLeft: 1 });
    expect(await postpone(p)).toEqual({ weekStart: "2026-03-02", postponesLeft: 0 });
    const third = await outcome(postpone(p));
    expect(third.code).toBe("CONFLICT");
    expect(third.message).toBe(
      "You have already put off this week's safety check 2 times. Please answer it now: it takes about a minute.",
    );
    expect(await rowsOf(p.patient.id)).toHaveLength(2);
  });

  it("counts the same key sent twice once, and returns what was stored", async () => {
    setClock(WEDNESDAY);
    const p = await freshPatient();
    const key = randomUUID();
    const first = await postpone(p, key);
    const again = await postpone(p, key);
    expect(again).toEqual(first);
    expect(await rowsOf(p.patient.id)).toHaveLength(1);
    expect((await p.caller.plan.today()).safetyCheckPostponesLeft).toBe(1);
    // A retry of an earlier key is still answered after the limit is reached.
    await postpone(p);
    expect(await postpone(p, key)).toEqual({ weekStart: "2026-03-02", postponesLeft: 0 });
  });

  it("stores two of four postpones tapped at once, and refuses the others", async () => {
    setClock(WEDNESDAY);
    const p = await freshPatient();
    const results = await Promise.all([1, 2, 3, 4].map(() => outcome(postpone(p))));
    expect(results.map((r) => r.code).sort()).toEqual(["CONFLICT", "CONFLICT", "OK", "OK"]);
    expect(await rowsOf(p.patient.id)).toHaveLength(2);
  });

  it("stores a key sent several times at once once, and answers each alike", async () => {
    setClock(WEDNESDAY);
    const p = await freshPatient();
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => postpone(p, key)));
    expect(answers).toEqual(Array(3).fill({ weekStart: "2026-03-02", postponesLeft: 1 }));
    expect(await rowsOf(p.patient.id)).toHaveLength(1);
  });

  it("refuses another patient's key and says nothing about it", async () => {
    setClock(WEDNESDAY);
    const p = await freshPatient();
    const other = await freshPatient();
    const key = randomUUID();
    await postpone(p, key);
    const result = await outcome(postpone(other, key));
    expect(result.code).toBe("CONFLICT");
    expect(result.message).not.toContain("2026");
    expect(await rowsOf(other.patient.id)).toHaveLength(0);
  });

  it("leaves another patient's week untouched", async () => {
    setClock(WEDNESDAY);
    const p = await freshPatient();
    const other = await freshPatient();
    await postpone(p);
    await postpone(p);
    expect((await other.caller.plan.today()).safetyCheckPostponesLeft).toBe(2);
    expect(await postpone(other)).toEqual({ weekStart: "2026-03-02", postponesLeft: 1 });
  });

  it("starts again the next week, and counts an offline tap for the week it was made in", async () => {
    setClock(new Date("2026-03-08T20:00:00Z")); // Sunday evening in London
    const p = await freshPatient();
    await postpone(p);
    await postpone(p);
    setClock(new Date("2026-03-09T08:00:00Z")); // Monday: a new week's check
    expect((await p.caller.plan.today()).safetyCheckPostponesLeft).toBe(2);
    // A Sunday tap that waited on the phone overnight belongs to last week, which is full.
    const late = await outcome(postpone(p, randomUUID(), new Date("2026-03-08T21:00:00Z")));
    expect(late.code).toBe("CONFLICT");
    expect(await postpone(p)).toEqual({ weekStart: "2026-03-09", postponesLeft: 1 });
  });

  it("uses the patient's own time zone for the week", async () => {
    // 11:30 UTC on Sunday 8 March is 00:30 on Monday 9 March in Auckland.
    setClock(new Date("2026-03-08T11:30:00Z"));
    const p = await freshPatient("Pacific/Auckland");
    expect(await postpone(p)).toEqual({ weekStart: "2026-03-09", postponesLeft: 1 });
  });

  it("audits each postpone as the patient's link, with no health data", async () => {
    setClock(WEDNESDAY);
    const p = await freshPatient();
    const key = randomUUID();
    await postpone(p, key);
    await postpone(p, key);
    const events = await readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.patientId, p.patient.id),
            eq(auditEvents.action, "safety_check.postpone"),
          ),
        ),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorKind: "patient_link",
      actorId: p.link.id,
      entityType: "safety_postponement",
      entityId: (await rowsOf(p.patient.id))[0]!.id,
      after: { weekStart: "2026-03-02" },
    });
  });

  it("refuses a postpone without a valid key", async () => {
    const p = await freshPatient();
    expect(
      (await outcome(p.caller.checkIns.postponeSafetyCheck({ idempotencyKey: "not-a-uuid" }))).code,
    ).toBe("BAD_REQUEST");
  });

  it("needs the patient's link", async () => {
    const anonymous = patientCaller(t.db, null);
    const result = await outcome(
      anonymous.checkIns.postponeSafetyCheck({ idempotencyKey: randomUUID() }),
    );
    expect(result.code).toBe("UNAUTHORIZED");
  });
});

describe("plan.today: postpones left for this week's check", () => {
  it("reports 2, 1, 0 as the patient puts the check off", async () => {
    setClock(WEDNESDAY);
    const p = await freshPatient();
    const seen = [(await p.caller.plan.today()).safetyCheckPostponesLeft];
    await postpone(p);
    seen.push((await p.caller.plan.today()).safetyCheckPostponesLeft);
    await postpone(p);
    seen.push((await p.caller.plan.today()).safetyCheckPostponesLeft);
    expect(seen).toEqual([2, 1, 0]);
  });

  it("worked example 17 (first half): postponed twice, the third visit of the week shows the check first with no Answer later", async () => {
    setClock(WEDNESDAY);
    const p = await freshPatient();
    for (let visit = 1; visit <= 2; visit++) {
      const plan = await p.caller.plan.today();
      expect(plan.asks.safetyCheck).toBe(true);
      expect(plan.safetyCheckPostponesLeft).toBeGreaterThan(0);
      await postpone(p);
    }
    const third = await p.caller.plan.today();
    expect(third.asks).toMatchObject({ morningPain: true, safetyCheck: true });
    expect(third.safetyCheckPostponesLeft).toBe(0);
    expect(
      firstStep({ morning: "ask", safety: "ask", postponesLeft: third.safetyCheckPostponesLeft }),
    ).toBe("safety");
    // Answering it ends the week's question.
    await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: allNo(),
    });
    expect((await p.caller.plan.today()).asks.safetyCheck).toBe(false);
  });
});
