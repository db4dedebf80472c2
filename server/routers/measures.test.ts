import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { insertCheckInsBulk, insertPatientSummary, readIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, measureAnswers, measureResponses, patientSummaries } from "@/db/schema";
import { loadSubmissionLimits } from "@/server/env";
import { staffCaller } from "@/server/testing/callers";
import { setClock } from "@/server/testing/clock";
import { codeOf, outcome } from "@/server/testing/errors";
import { patientWithLink } from "@/server/testing/patients";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(() => t.cleanup());
afterEach(() => vi.useRealTimers());

let w: TwoClinics;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

/** Monday 2 March 2026, midday in London (the factory's zone). */
const MONDAY = "2026-03-02T12:00:00Z";
const NEXT_MONDAY = "2026-03-09T12:00:00Z";
const ACTIVITIES = ["climb stairs", "run for 20 minutes", "kneel to garden"];

const clinician = () => staffCaller(t.db, w.clinicianA);
const otherClinic = () => staffCaller(t.db, w.clinicianB);

/** A patient of clinic A with the PSFS named and scheduled every week from today. */
async function psfsPatient() {
  setClock(MONDAY);
  const p = await patientWithLink(t.db, w);
  const staff = clinician();
  await staff.measures.setActivities({
    patientId: p.patient.id,
    measureId: "psfs",
    activities: ACTIVITIES,
  });
  const { scheduleId } = await staff.measures.schedule({
    patientId: p.patient.id,
    measureId: "psfs",
    kind: "interval",
    everyWeeks: 1,
  });
  return { ...p, scheduleId };
}
type Patient = Awaited<ReturnType<typeof psfsPatient>>;

/** Answers the PSFS due now with these values, in the activities' order. */
async function answerDue(p: Patient, values: number[], key = randomUUID(), tappedAt?: Date) {
  const { due } = await p.caller.measures.due();
  const form = due.find((d) => d.measureId === "psfs")!;
  return p.caller.measures.answer({
    idempotencyKey: key,
    tappedAt,
    scheduleId: form.scheduleId,
    occurrenceDay: form.occurrenceDay,
    answers: form.items.map((item, i) => ({ itemId: item.id, value: values[i]! })),
  });
}

const responsesOf = (patientId: string) =>
  readIn(t.db, (db) =>
    db.select().from(measureResponses).where(eq(measureResponses.patientId, patientId)),
  );

const auditActions = (patientId: string) =>
  readIn(t.db, async (db) =>
    (
      await db
        .select({ action: auditEvents.action, entityType: auditEvents.entityType })
        .from(auditEvents)
        .where(eq(auditEvents.patientId, patientId))
    ).map((e) => `${e.action}:${e.entityType}`),
  );

describe("scheduling a measure", () => {
  it("shows the PSFS as due with one question per named activity", async () => {
    const p = await psfsPatient();
    const { today, due } = await p.caller.measures.due();
    expect(today).toBe("2026-03-02");
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ measureId: "psfs", occurrenceDay: "2026-03-02" });
    expect(due[0]!.items.map((i) => i.text)).toEqual([
      "How well can you climb stairs today?",
      "How well can you run for 20 minutes today?",
      "How well can you kneel to garden today?",
    ]);
  });

  it("needs the activities before the PSFS, and refuses a second live schedule of a kind", async () => {
    setClock(MONDAY);
    const p = await patientWithLink(t.db, w);
    const schedule = () =>
      clinician().measures.schedule({
        patientId: p.patient.id,
        measureId: "psfs",
        kind: "start",
      });
    expect(await outcome(schedule())).toEqual({
      code: "CONFLICT",
      message: "Name the patient's activities for the PSFS first, then schedule it.",
    });
    await clinician().measures.setActivities({
      patientId: p.patient.id,
      measureId: "psfs",
      activities: ["squat"],
    });
    expect(await codeOf(schedule())).toBe("OK");
    expect((await outcome(schedule())).message).toContain("already scheduled this way");
  });

  it("refuses the Global Rating of Change except at discharge, and an interval without weeks", async () => {
    const p = await psfsPatient();
    const staff = clinician();
    expect(
      (
        await outcome(
          staff.measures.schedule({ patientId: p.patient.id, measureId: "groc", kind: "start" }),
        )
      ).message,
    ).toBe("The GROC cannot be scheduled that way: choose discharge.");
    expect(
      await codeOf(
        staff.measures.schedule({ patientId: p.patient.id, measureId: "psfs", kind: "interval" }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await codeOf(
        staff.measures.schedule({ patientId: p.patient.id, measureId: "nope", kind: "start" }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("stops asking once cancelled, and keeps the answers already given", async () => {
    const p = await psfsPatient();
    await answerDue(p, [3, 5, 4]);
    setClock(NEXT_MONDAY);
    expect((await p.caller.measures.due()).due).toHaveLength(1);
    await clinician().measures.cancel({ patientId: p.patient.id, scheduleId: p.scheduleId });
    expect((await p.caller.measures.due()).due).toHaveLength(0);
    expect(await responsesOf(p.patient.id)).toHaveLength(1);
  });

  it("retires replaced activities: earlier answers keep the question as asked", async () => {
    const p = await psfsPatient();
    await answerDue(p, [3, 5, 4]);
    await clinician().measures.setActivities({
      patientId: p.patient.id,
      measureId: "psfs",
      activities: ["climb stairs", "hop"],
    });
    setClock(NEXT_MONDAY);
    const { due } = await p.caller.measures.due();
    expect(due[0]!.items.map((i) => i.text)).toEqual([
      "How well can you climb stairs today?",
      "How well can you hop today?",
    ]);
    const read = await clinician().measures.forPatient({ patientId: p.patient.id });
    expect(read.responses[0]!.answers.map((a) => a.itemText)).toContain(
      "How well can you kneel to garden today?",
    );
  });
});

describe("answering a measure", () => {
  it("stores the mean score once per key, and refuses a second response to the same week", async () => {
    const p = await psfsPatient();
    const key = randomUUID();
    const first = await answerDue(p, [3, 5, 4], key);
    // The phone sends the same answer again (no reply reached it): the same response, nothing new.
    expect((await p.caller.measures.due()).due).toHaveLength(0);
    const replay = await p.caller.measures.answer({
      idempotencyKey: key,
      scheduleId: p.scheduleId,
      occurrenceDay: "2026-03-02",
      answers: [{ itemId: "whatever", value: 1 }],
    });
    expect(replay).toEqual(first);
    const rows = await responsesOf(p.patient.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 4, day: "2026-03-02", measureVersion: 1 });
    const answers = await readIn(t.db, (db) =>
      db.select().from(measureAnswers).where(eq(measureAnswers.responseId, rows[0]!.id)),
    );
    expect(answers.map((a) => a.value).sort()).toEqual([3, 4, 5]);

    const again = await outcome(
      p.caller.measures.answer({
        idempotencyKey: randomUUID(),
        scheduleId: p.scheduleId,
        occurrenceDay: "2026-03-02",
        answers: answers.map((a) => ({ itemId: a.itemId, value: 9 })),
      }),
    );
    expect(again).toEqual({
      code: "CONFLICT",
      message: "You have already answered this questionnaire. Thank you.",
    });
  });

  it("takes an answer queued offline last week, after the next week has begun, for its own week", async () => {
    const p = await psfsPatient();
    const { due } = await p.caller.measures.due();
    const form = due[0]!;
    setClock(NEXT_MONDAY);
    await p.caller.measures.answer({
      idempotencyKey: randomUUID(),
      tappedAt: new Date("2026-03-04T09:00:00Z"),
      scheduleId: form.scheduleId,
      occurrenceDay: form.occurrenceDay,
      answers: form.items.map((item) => ({ itemId: item.id, value: 5 })),
    });
    const [row] = await responsesOf(p.patient.id);
    expect(row).toMatchObject({ occurrenceDay: "2026-03-02", day: "2026-03-04", score: 5 });
    // This week's occurrence is still waiting.
    expect((await p.caller.measures.due()).due[0]!.occurrenceDay).toBe("2026-03-09");
  });

  it("refuses a day that is not an occurrence, an incomplete form and an off-scale answer", async () => {
    const p = await psfsPatient();
    const { due } = await p.caller.measures.due();
    const form = due[0]!;
    const send = (occurrenceDay: string, values: number[]) =>
      outcome(
        p.caller.measures.answer({
          idempotencyKey: randomUUID(),
          scheduleId: form.scheduleId,
          occurrenceDay,
          answers: values.map((value, i) => ({ itemId: form.items[i]!.id, value })),
        }),
      );
    expect((await send("2026-03-03", [1, 2, 3])).message).toContain("no longer waiting");
    expect(await send("2026-03-02", [1, 2])).toEqual({
      code: "CONFLICT",
      message: "Please answer every question.",
    });
    expect((await send("2026-03-02", [1, 2, 11])).message).toContain("not on its scale");
    expect(await responsesOf(p.patient.id)).toHaveLength(0);
  });

  it("is refused over the link's per-minute limit, like every answer, and stores nothing", async () => {
    const p = await psfsPatient();
    const limits = loadSubmissionLimits({});
    await insertCheckInsBulk(
      t.db,
      Array.from({ length: limits.answersPerMinute }, () => ({
        clinicId: w.clinicA.id,
        patientId: p.patient.id,
        versionId: p.version.id,
        day: "2026-03-02",
        kind: "exercise" as const,
      })),
    );
    expect(await codeOf(answerDue(p, [3, 5, 4]))).toBe("TOO_MANY_REQUESTS");
    expect(await responsesOf(p.patient.id)).toHaveLength(0);
  });

  it("charts two weeks for the clinician, with the change against the MCID, and keeps the caseload figures", async () => {
    const p = await psfsPatient();
    await insertPatientSummary(t.db, { clinicId: w.clinicA.id, patientId: p.patient.id });
    await answerDue(p, [3, 5, 4]);
    setClock(NEXT_MONDAY);
    await answerDue(p, [6, 7, 5]);
    const read = await clinician().measures.forPatient({ patientId: p.patient.id });
    expect(read.responses.map((r) => [r.day, r.score, r.versionNumber])).toEqual([
      ["2026-03-02", 4, 1],
      ["2026-03-09", 6, 1],
    ]);
    expect(read.summaries).toEqual([
      expect.objectContaining({
        measureId: "psfs",
        first: { score: 4, day: "2026-03-02" },
        last: { score: 6, day: "2026-03-09" },
        change: 2,
        threshold: 2,
        meaningful: true,
      }),
    ]);
    expect(read.versions.map((v) => v.number)).toEqual([1]);
    const [summary] = await readIn(t.db, (db) =>
      db.select().from(patientSummaries).where(eq(patientSummaries.patientId, p.patient.id)),
    );
    expect(summary).toMatchObject({
      outcomeMeasureId: "psfs",
      outcomeScore: 6,
      outcomeChange: 2,
      outcomeMeaningful: true,
      outcomeDay: "2026-03-09",
    });
  });

  it("makes the caseload figures when the patient has none yet", async () => {
    const p = await psfsPatient();
    const before = await readIn(t.db, (db) =>
      db.select().from(patientSummaries).where(eq(patientSummaries.patientId, p.patient.id)),
    );
    expect(before).toHaveLength(0);
    await answerDue(p, [2, 2, 2]);
    const [summary] = await readIn(t.db, (db) =>
      db.select().from(patientSummaries).where(eq(patientSummaries.patientId, p.patient.id)),
    );
    expect(summary).toMatchObject({ outcomeScore: 2, outcomeChange: 0, outcomeMeaningful: false });
  });
});

describe("isolation and audit", () => {
  it("treats another clinic's patient exactly like a missing one", async () => {
    const p = await psfsPatient();
    const other = otherClinic();
    const missing = randomUUID();
    for (const patientId of [p.patient.id, missing]) {
      expect(await outcome(other.measures.forPatient({ patientId }))).toEqual({
        code: "NOT_FOUND",
        message: "That patient was not found.",
      });
      expect(
        await outcome(
          other.measures.setActivities({ patientId, measureId: "psfs", activities: ["run"] }),
        ),
      ).toEqual({ code: "NOT_FOUND", message: "That patient was not found." });
      expect(
        await outcome(other.measures.schedule({ patientId, measureId: "groc", kind: "discharge" })),
      ).toEqual({ code: "NOT_FOUND", message: "That patient was not found." });
      expect(await outcome(other.measures.cancel({ patientId, scheduleId: p.scheduleId }))).toEqual(
        { code: "NOT_FOUND", message: "That patient was not found." },
      );
    }
  });

  it("never lets one patient's link answer another patient's questionnaire", async () => {
    const p = await psfsPatient();
    const q = await patientWithLink(t.db, w);
    const { due } = await p.caller.measures.due();
    const form = due[0]!;
    const stolen = await outcome(
      q.caller.measures.answer({
        idempotencyKey: randomUUID(),
        scheduleId: form.scheduleId,
        occurrenceDay: form.occurrenceDay,
        answers: form.items.map((item) => ({ itemId: item.id, value: 5 })),
      }),
    );
    expect(stolen).toEqual({ code: "NOT_FOUND", message: "That questionnaire was not found." });
    // A key another patient used says nothing about that answer.
    const key = randomUUID();
    await answerDue(p, [3, 5, 4], key);
    expect(
      (
        await outcome(
          q.caller.measures.answer({
            idempotencyKey: key,
            scheduleId: form.scheduleId,
            occurrenceDay: form.occurrenceDay,
            answers: [{ itemId: "x", value: 1 }],
          }),
        )
      ).code,
    ).toBe("CONFLICT");
    expect(await responsesOf(q.patient.id)).toHaveLength(0);
  });

  it("records every change and read in the trail, never the answers", async () => {
    const p = await psfsPatient();
    await answerDue(p, [3, 5, 4]);
    await clinician().measures.forPatient({ patientId: p.patient.id });
    const actions = await auditActions(p.patient.id);
    expect(actions).toEqual(
      expect.arrayContaining([
        "measure_activities.set:measure_activities",
        "measure_schedule.create:measure_schedule",
        "read:measures-due",
        "measure.answer:measure_response",
        "read:outcome-measures",
      ]),
    );
    const rows = await readIn(t.db, (db) =>
      db
        .select({ after: auditEvents.after })
        .from(auditEvents)
        .where(and(eq(auditEvents.patientId, p.patient.id))),
    );
    const trail = JSON.stringify(rows);
    expect(trail).not.toContain("climb stairs");
    expect(trail).not.toContain('"score"');
  });
});
