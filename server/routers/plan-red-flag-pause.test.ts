import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { insertAlert, readIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { alerts } from "@/db/schema";
import { staffCaller } from "@/server/testing/callers";
import { setClock } from "@/server/testing/clock";
import { patientWithLink } from "@/server/testing/patients";
import { answering } from "@/server/testing/red-flag-answers";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(() => t.cleanup());
afterEach(() => vi.useRealTimers());

let w: TwoClinics;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

const freshPatient = (timeZone?: string) => patientWithLink(t.db, w, { timeZone });

function redFlagAlert(
  patientId: string,
  level: "emergency" | "urgent",
  options: { day?: string; openedAt?: string; ruleVersion?: number } = {},
) {
  return insertAlert(t.db, {
    clinicId: w.clinicA.id,
    patientId,
    kind: `red-flag-${level}`,
    severity: level === "emergency" ? "critical" : "high",
    ruleVersion: options.ruleVersion ?? 2,
    inputs: options.day ? { questionIds: ["E2"], day: options.day } : { questionIds: ["E2"] },
    openedAt: options.openedAt ? new Date(options.openedAt) : undefined,
  });
}

describe("plan.today: the clinic's emergency number", () => {
  it("names the number the clinic recorded", async () => {
    const p = await freshPatient();
    const plan = await p.caller.plan.today();
    expect(plan.clinic).toEqual({
      name: "Clinic A",
      phone: w.clinicA.phone,
      email: w.clinicA.email,
      emergencyNumber: "999",
    });
  });
});

describe("plan.today: the red-flag pause", () => {
  it("has no pause without a red-flag alert", async () => {
    const p = await freshPatient();
    expect((await p.caller.plan.today()).redFlagPause).toBeNull();
  });

  it("pauses for 7 days from the yes, through the safety check itself", async () => {
    setClock("2026-03-04T09:00:00Z");
    const p = await freshPatient();
    await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["E2"]),
    });
    expect((await p.caller.plan.today()).redFlagPause).toEqual({
      level: "emergency",
      endsOn: "2026-03-11",
    });
    setClock("2026-03-10T21:00:00Z"); // the seventh day of the pause
    expect((await p.caller.plan.today()).redFlagPause?.level).toBe("emergency");
    setClock("2026-03-11T08:00:00Z"); // the day it ends
    expect((await p.caller.plan.today()).redFlagPause).toBeNull();
  });

  it("ends when a clinician resolves the red-flag alert", async () => {
    setClock("2026-03-04T09:00:00Z");
    const p = await freshPatient();
    await p.caller.checkIns.safetyCheck({
      idempotencyKey: randomUUID(),
      answers: answering(["U4"]),
    });
    const plan = await p.caller.plan.today();
    expect(plan.redFlagPause).toEqual({ level: "urgent", endsOn: "2026-03-11" });
    const alert = (
      await readIn(t.db, (db) => db.select().from(alerts).where(eq(alerts.patientId, p.patient.id)))
    ).find((a) => a.kind === "red-flag-urgent")!;
    await staffCaller(t.db, w.clinicianA).alerts.resolve({ alertId: alert.id });
    expect((await p.caller.plan.today()).redFlagPause).toBeNull();
  });

  it("takes the most serious level still pausing, and the latest yes for the end", async () => {
    setClock("2026-03-10T12:00:00Z");
    const p = await freshPatient();
    await redFlagAlert(p.patient.id, "emergency", { day: "2026-03-05" });
    await redFlagAlert(p.patient.id, "urgent", { day: "2026-03-09" });
    expect((await p.caller.plan.today()).redFlagPause).toEqual({
      level: "emergency",
      endsOn: "2026-03-16",
    });
  });

  it("reads an alert without a day (question set 1) by when it was last updated, in the patient's zone", async () => {
    setClock("2026-03-09T12:00:00Z"); // 01:00 on 10 March in Auckland
    const p = await freshPatient("Pacific/Auckland");
    // 11:30 UTC on 3 March is 00:30 on 4 March in Auckland: read as a UTC day (3 March) the pause
    // would already have ended on 10 March.
    await redFlagAlert(p.patient.id, "urgent", {
      ruleVersion: 1,
      openedAt: "2026-03-03T11:30:00Z",
    });
    expect((await p.caller.plan.today()).redFlagPause).toEqual({
      level: "urgent",
      endsOn: "2026-03-11",
    });
  });

  it("ignores other kinds of alert and other patients' red flags", async () => {
    setClock("2026-03-10T12:00:00Z");
    const p = await freshPatient();
    const other = await freshPatient();
    await insertAlert(t.db, {
      clinicId: w.clinicA.id,
      patientId: p.patient.id,
      kind: "pain-high",
      severity: "high",
      inputs: { day: "2026-03-10" },
    });
    await redFlagAlert(other.patient.id, "emergency", { day: "2026-03-10" });
    expect((await p.caller.plan.today()).redFlagPause).toBeNull();
    expect((await other.caller.plan.today()).redFlagPause?.level).toBe("emergency");
  });
});
