import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { insertCheckIn, readIn, sharedExercise } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { alerts, auditEvents, patientSummaries } from "@/db/schema";
import { systemData } from "@/server/data/clinic-data";
import { addDays } from "@/server/domain/days";
import { staffCaller } from "@/server/testing/callers";
import { noon, setClock } from "@/server/testing/clock";
import { patientOnProgram, patientWithLink, refreshAtNoon } from "@/server/testing/patients";
import { answering } from "@/server/testing/red-flag-answers";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";
import { refreshPatient } from "./refresh-patient";
import { sweepPatients } from "./sweep";

let t: TestDb;
afterAll(async () => {
  await t.cleanup();
});
afterEach(() => vi.useRealTimers());

let w: TwoClinics;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

/** A one-exercise daily program that began on `startDay`, with this pain limit. */
const startingOn = (startDay: string, painLimit = 5) => ({
  effectiveFrom: new Date(`${startDay}T08:00:00Z`),
  painLimit,
});

/** A patient of clinic A whose one-exercise daily program began on `startDay`. */
const patientFrom = (startDay: string, painLimit?: number) =>
  patientOnProgram(t.db, w, startingOn(startDay, painLimit));

const ids = (patientId: string) => ({ clinicId: w.clinicA.id, patientId });

const refresh = (patientId: string, day: string) => refreshAtNoon(t.db, w, patientId, day);

const sweep = (options: { now: Date; all?: boolean }) =>
  sweepPatients({ system: systemData(t.db), ...options });

const summaryOf = async (patientId: string) =>
  (
    await readIn(t.db, (db) =>
      db.select().from(patientSummaries).where(eq(patientSummaries.patientId, patientId)).limit(1),
    )
  )[0];

const unresolvedOf = async (patientId: string) =>
  (
    await readIn(t.db, (db) => db.select().from(alerts).where(eq(alerts.patientId, patientId)))
  ).filter((a) => a.status !== "resolved");

describe("figures kept with the data", () => {
  it("stores A(7), A(28), morning pain against baseline and the advice", async () => {
    const { patient, version, item } = await patientFrom("2026-10-01");
    // Morning pain 6 in the first week (baseline 6), 3 in the last week; done 5 of the last 7 days.
    for (let d = 0; d < 7; d++) {
      await insertCheckIn(t.db, {
        ...ids(patient.id),
        versionId: version.id,
        day: addDays("2026-10-01", d),
        kind: "morning",
        pain: [{ context: "morning", score: 6 }],
      });
    }
    for (let d = 1; d <= 7; d++) {
      const day = addDays("2026-11-10", -d);
      await insertCheckIn(t.db, {
        ...ids(patient.id),
        versionId: version.id,
        day,
        kind: "morning",
        pain: [{ context: "morning", score: 3 }],
      });
      if (d <= 5) {
        await insertCheckIn(t.db, {
          ...ids(patient.id),
          versionId: version.id,
          day,
          kind: "exercise",
          logs: [{ programItemId: item.id }],
          pain: [{ context: "during", score: 2 }],
        });
      }
    }
    await refresh(patient.id, "2026-11-10");
    const s = (await summaryOf(patient.id))!;
    expect(s.day).toBe("2026-11-10");
    expect(s.versionNumber).toBe(1);
    expect(s.adherence7).toBeCloseTo(5 / 7);
    expect(s.adherence28).toBeCloseTo(5 / 28);
    expect(s.baselinePain).toBe(6);
    // The 7 days ending today hold 6 of the 3s (today has no report yet).
    expect(s.morningPain).toBe(3);
    expect(s.painChange).toBe(-3);
    expect(s.improved).toBe(true);
    expect(s.worsening).toBe(false);
    expect(s.advice).toBe("hold");
    expect(s.adviceRule).toBe("adherence-below-threshold");
    expect(s.lastCheckInDay).toBe("2026-11-09");
    // Valid until the next midnight in London (GMT in November).
    expect(s.validUntil.toISOString()).toBe("2026-11-11T00:00:00.000Z");
  });

  it("is written by a check-in through the patient's link, with its alerts, in one go", async () => {
    setClock(noon("2026-11-10"));
    // Started three days ago: too soon for the adherence rule, so only the pain rule speaks.
    const { patient, caller } = await patientWithLink(t.db, w, startingOn("2026-11-07", 4));
    await caller.checkIns.exercisePain({ idempotencyKey: randomUUID(), score: 6 });
    expect((await summaryOf(patient.id))?.day).toBe("2026-11-10");
    let open = await unresolvedOf(patient.id);
    expect(open.map((a) => a.ruleId)).toEqual(["pain-over-limit@1"]);
    expect(open[0]!.inputs).toMatchObject({ score: 6, painLimit: 4, reportsOverLimit7: 1 });

    // New evidence updates the open alert: still one per kind, now naming both reports.
    vi.setSystemTime(noon("2026-11-11"));
    await caller.checkIns.exercisePain({ idempotencyKey: randomUUID(), score: 7 });
    open = await unresolvedOf(patient.id);
    expect(open).toHaveLength(1);
    expect(open[0]!.inputs).toMatchObject({ score: 7, reportsOverLimit7: 2, day: "2026-11-11" });
    const trail = await readIn(t.db, (db) =>
      db
        .select({ action: auditEvents.action, after: auditEvents.after })
        .from(auditEvents)
        .where(and(eq(auditEvents.patientId, patient.id), eq(auditEvents.entityType, "alert"))),
    );
    expect(trail.map((e) => e.action)).toEqual(["alert.raise", "alert.update"]);
    // The trail says which alert moved, never the pain scores behind it.
    expect(JSON.stringify(trail)).not.toMatch(/score|"7"|:7/);
  });

  it("example 11: a red flag pauses the pain rules and leaves other alerts; resolving it runs them at once", async () => {
    setClock(noon("2026-11-20"));
    const { patient, caller } = await patientWithLink(t.db, w, startingOn("2026-11-01", 5));
    // Nothing logged for 19 days: low adherence (and no check-in) are open.
    await refresh(patient.id, "2026-11-20");
    const before = await unresolvedOf(patient.id);
    expect(before.map((a) => a.ruleId).sort()).toEqual([
      "low-adherence@1",
      "no-check-in@1",
      "safety-check-overdue@1",
    ]);

    await caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["E2"]),
    });
    const afterYes = await unresolvedOf(patient.id);
    expect(afterYes.map((a) => a.ruleId).sort()).toEqual([
      "low-adherence@1",
      "no-check-in@1",
      "red-flag-emergency@2",
      "safety-check-overdue@1",
    ]);
    const lowBefore = before.find((a) => a.kind === "low-adherence")!;
    const lowAfter = afterYes.find((a) => a.kind === "low-adherence")!;
    expect(lowAfter).toEqual(lowBefore);

    vi.setSystemTime(noon("2026-11-21"));
    await caller.checkIns.exercisePain({ idempotencyKey: randomUUID(), score: 9 });
    expect((await unresolvedOf(patient.id)).some((a) => a.kind === "pain-over-limit")).toBe(false);
    const paused = (await summaryOf(patient.id))!;
    expect(paused.redFlag).toBe(true);
    expect(paused.advice).toBeNull();

    const redFlag = (await unresolvedOf(patient.id)).find((a) => a.kind === "red-flag-emergency")!;
    await staffCaller(t.db, w.clinicianA).alerts.resolve({ alertId: redFlag.id });
    const after = await unresolvedOf(patient.id);
    expect(after.find((a) => a.kind === "pain-over-limit")).toMatchObject({
      ruleId: "pain-over-limit@1",
      severity: "medium",
      inputs: { score: 9, painLimit: 5 },
    });
    expect((await summaryOf(patient.id))!.redFlag).toBe(false);
  });

  it("ends the red-flag pause by itself after 7 days", async () => {
    setClock(noon("2026-11-10"));
    const { patient, caller } = await patientWithLink(t.db, w, startingOn("2026-11-01", 4));
    await caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["U2"]),
    });
    await caller.checkIns.exercisePain({ idempotencyKey: randomUUID(), score: 9 });
    expect((await refresh(patient.id, "2026-11-16"))!.pause?.endsOn).toBe("2026-11-17");
    expect((await unresolvedOf(patient.id)).some((a) => a.kind === "pain-over-limit")).toBe(false);
    // On the 8th day the pause is over while the urgent alert stays open for a clinician.
    const figures = (await refresh(patient.id, "2026-11-17"))!;
    expect(figures.pause).toBeNull();
    expect((await unresolvedOf(patient.id)).map((a) => a.kind)).toContain("red-flag-urgent");
  });

  it("follows a new program version saved by the clinician", async () => {
    const { patient } = await patientFrom("2026-10-01");
    const api = staffCaller(t.db, w.clinicianA);
    await api.programs.saveVersion({
      patientId: patient.id,
      baseVersionNumber: 1,
      reason: "progress",
      note: null,
      painLimit: 5,
      items: [
        {
          exerciseId: (await sharedExercise(t.db, "glute-bridge")).id,
          sets: 3,
          reps: 12,
          holdSeconds: null,
          restSeconds: null,
          durationSeconds: null,
          sessionsPerDay: 1,
          daysPerWeek: 7,
          side: "both",
          loadKg: null,
          bandColour: null,
          notes: null,
        },
      ],
    });
    const s = (await summaryOf(patient.id))!;
    expect(s.versionNumber).toBe(2);
    expect(s.versionReason).toBe("progress");
  });

  it("does nothing for another clinic's patient", async () => {
    const allAlerts = () => readIn(t.db, (db) => db.select().from(alerts));
    const before = (await allAlerts()).length;
    const result = await t.db.write(w.clinicA.id, (tx) =>
      refreshPatient({
        tx,
        clinicId: w.clinicA.id,
        patientId: w.patientB.id,
        now: noon("2026-11-10"),
        actor: { kind: "system", id: null },
      }),
    );
    expect(result).toBeNull();
    expect((await summaryOf(w.patientB.id))?.clinicId ?? w.clinicB.id).toBe(w.clinicB.id);
    expect(await allAlerts()).toHaveLength(before);
  });
});

describe("the sweep: time-based rules without anyone doing anything", () => {
  it("raises no-check-in after 7 silent days, once, and clears it when the patient returns", async () => {
    const { patient, version } = await patientFrom("2026-09-01");
    await insertCheckIn(t.db, {
      ...ids(patient.id),
      versionId: version.id,
      day: "2026-09-02",
      kind: "morning",
      pain: [{ context: "morning", score: 4 }],
    });
    const first = await sweep({ now: noon("2026-09-10") });
    expect(first.failed).toBe(0);
    expect(first.refreshed).toBeGreaterThanOrEqual(1);
    // It walks every clinic, each patient re-evaluated in their own clinic's scope.
    expect((await summaryOf(w.patientB.id))?.clinicId).toBe(w.clinicB.id);
    const silence = async () =>
      (await unresolvedOf(patient.id)).filter((a) => a.kind === "no-check-in");
    // Nothing done for 8 days: A(7) = 0 fires low-adherence too, as it should.
    expect((await unresolvedOf(patient.id)).map((a) => a.ruleId)).toEqual([
      "low-adherence@1",
      "no-check-in@1",
    ]);
    let open = await silence();
    expect(open[0]!.inputs).toMatchObject({ lastCheckInDay: "2026-09-02", silentDays: 7 });

    // The same day again: nothing is due, nothing changes.
    const again = await sweep({ now: new Date("2026-09-10T18:00:00Z") });
    expect(again.checked).toBe(0);

    // The next day: due again; the alert is updated, not duplicated.
    await sweep({ now: noon("2026-09-11") });
    open = await silence();
    expect(open).toHaveLength(1);
    expect(open[0]!.inputs).toMatchObject({ silentDays: 8 });

    // A check-in ends the silence; the alert resolves itself, as the system.
    await insertCheckIn(t.db, {
      ...ids(patient.id),
      versionId: version.id,
      day: "2026-09-12",
      kind: "morning",
      pain: [{ context: "morning", score: 4 }],
    });
    await sweep({ now: noon("2026-09-12") });
    expect(await silence()).toHaveLength(0);
    const [resolved] = await readIn(t.db, (db) =>
      db
        .select()
        .from(alerts)
        .where(and(eq(alerts.patientId, patient.id), eq(alerts.kind, "no-check-in"))),
    );
    expect(resolved).toMatchObject({ status: "resolved", resolvedBy: null });
  });

  it("keeps a pain alert open for the clinician when the numbers settle", async () => {
    const { patient, version } = await patientFrom("2026-08-01", 3);
    await insertCheckIn(t.db, {
      ...ids(patient.id),
      versionId: version.id,
      day: "2026-08-05",
      kind: "exercise",
      pain: [{ context: "during", score: 8 }],
    });
    await sweep({ now: noon("2026-08-05") });
    expect((await unresolvedOf(patient.id)).map((a) => a.kind)).toContain("pain-over-limit");
    // Two weeks on the report has left the 7-day window; a clinician still has to look.
    await sweep({ now: noon("2026-08-19") });
    expect((await unresolvedOf(patient.id)).map((a) => a.kind)).toContain("pain-over-limit");
  });

  it("leaves discharged patients alone", async () => {
    const { patient } = await patientFrom("2026-07-01");
    await staffCaller(t.db, w.clinicianA).patients.discharge({ patientId: patient.id });
    const before = (await unresolvedOf(patient.id)).length;
    await sweep({ now: noon("2026-07-20"), all: true });
    expect(await unresolvedOf(patient.id)).toHaveLength(before);
    expect((await summaryOf(patient.id))?.versionNumber).toBeNull();
  });
});
