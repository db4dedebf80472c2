import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { insertCheckIn, insertPatientSummary, readIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { patientSummaries, patients } from "@/db/schema";
import { addDays } from "@/server/domain/days";
import { staffCaller } from "@/server/testing/callers";
import { noon, setClock } from "@/server/testing/clock";
import { patientOnProgram, patientWithLink, refreshAtNoon } from "@/server/testing/patients";
import { answering } from "@/server/testing/red-flag-answers";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";
import { adviceFromSummary, workOutAdvice, type StoredAdvice } from "./patient-advice";

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

const ids = (patientId: string) => ({ clinicId: w.clinicA.id, patientId });
const refresh = (patientId: string, day: string) => refreshAtNoon(t.db, w, patientId, day);

/** The patient's stored figures, as the record page's read finds them. */
async function storedOf(patientId: string): Promise<StoredAdvice> {
  const [row] = await readIn(t.db, (db) =>
    db.select().from(patientSummaries).where(eq(patientSummaries.patientId, patientId)),
  );
  return row!;
}

/** The advice worked out from the record at noon on `day`, as the page did before the summary. */
async function workedOut(patientId: string, day: string) {
  const [patient] = await readIn(t.db, (db) =>
    db
      .select({ id: patients.id, status: patients.status, timeZone: patients.timeZone })
      .from(patients)
      .where(eq(patients.id, patientId)),
  );
  return t.db.read(w.clinicA.id, (db) =>
    workOutAdvice({ db, clinicId: w.clinicA.id, patient: patient!, now: noon(day) }),
  );
}

/** What the record page gets through `advice.forPatient`, at noon on `day`. */
function served(patientId: string, day: string) {
  setClock(noon(day));
  return staffCaller(t.db, w.clinicianA).advice.forPatient({ patientId });
}

describe("the record's advice, read from the caseload's figures", () => {
  it("is today's stored advice, equal to the advice worked out from the record", async () => {
    const { patient, version, item } = await patientOnProgram(t.db, w, {
      effectiveFrom: new Date("2026-10-01T08:00:00Z"),
      painLimit: 5,
    });
    // Two weeks of sessions, one over the limit, and morning pain: an advice with every input.
    for (let d = 1; d <= 14; d++) {
      const day = addDays("2026-10-20", -d);
      await insertCheckIn(t.db, {
        ...ids(patient.id),
        versionId: version.id,
        day,
        kind: "exercise",
        logs: [{ programItemId: item.id }],
        pain: [{ context: "during", score: d === 2 ? 7 : 3 }],
      });
      await insertCheckIn(t.db, {
        ...ids(patient.id),
        versionId: version.id,
        day,
        kind: "morning",
        pain: [{ context: "morning", score: 4 }],
      });
    }
    await refresh(patient.id, "2026-10-20");

    const live = await workedOut(patient.id, "2026-10-20");
    expect(live.advice?.advice).toBe("hold");
    expect(live.advice?.inputs.during.length).toBeGreaterThan(0);
    const fromSummary = adviceFromSummary(await storedOf(patient.id), "2026-10-20");
    expect(fromSummary).toEqual(live);
    expect(await served(patient.id, "2026-10-20")).toEqual(live);
  });

  it("is worked out again once the stored figures are another day's", async () => {
    const { patient } = await patientOnProgram(t.db, w, {
      effectiveFrom: new Date("2026-10-01T08:00:00Z"),
    });
    await refresh(patient.id, "2026-10-20");
    // The next day, before the sweep: the windows have moved, the stored row has not.
    expect(adviceFromSummary(await storedOf(patient.id), "2026-10-21")).toBeNull();
    const nextDay = await served(patient.id, "2026-10-21");
    expect(nextDay.today).toBe("2026-10-21");
    expect(nextDay).toEqual(await workedOut(patient.id, "2026-10-21"));
  });

  it("does not trust a summary the re-evaluation did not write", async () => {
    const { patient } = await patientOnProgram(t.db, w, {
      effectiveFrom: new Date("2026-10-01T08:00:00Z"),
    });
    // A row set by hand (as the caseload's tests do, or left from before the detail was kept).
    await insertPatientSummary(t.db, {
      ...ids(patient.id),
      day: "2026-10-20",
      versionNumber: 1,
      advice: "progress",
    });
    expect(adviceFromSummary(await storedOf(patient.id), "2026-10-20")).toBeNull();
    expect(await served(patient.id, "2026-10-20")).toEqual(
      await workedOut(patient.id, "2026-10-20"),
    );
  });

  it("follows a red flag and its resolution through the answers' own re-evaluations", async () => {
    setClock(noon("2026-11-20"));
    const { patient, caller } = await patientWithLink(t.db, w, {
      effectiveFrom: new Date("2026-11-01T08:00:00Z"),
    });
    await caller.checkIns.exercisePain({ idempotencyKey: randomUUID(), score: 3 });
    expect(await served(patient.id, "2026-11-20")).toEqual(
      await workedOut(patient.id, "2026-11-20"),
    );

    await caller.checkIns.safetyCheck({ idempotencyKey: randomUUID(), answers: answering(["E2"]) });
    const paused = await served(patient.id, "2026-11-20");
    expect(paused).toMatchObject({ redFlag: true, advice: null, hasProgram: true });
    expect(paused).toEqual(await workedOut(patient.id, "2026-11-20"));

    const staff = staffCaller(t.db, w.clinicianA);
    const open = await staff.alerts.list({ patientId: patient.id, page: 1, pageSize: 20 });
    const flag = open.rows.find((a) => a.kind === "red-flag-emergency")!;
    await staff.alerts.resolve({ alertId: flag.id });
    const resumed = await served(patient.id, "2026-11-20");
    expect(resumed.redFlag).toBe(false);
    expect(resumed).toEqual(await workedOut(patient.id, "2026-11-20"));
  });

  it("says there is no program for a discharged patient, as the caseload does", async () => {
    setClock(noon("2026-11-20"));
    const { patient } = await patientOnProgram(t.db, w, {
      effectiveFrom: new Date("2026-11-01T08:00:00Z"),
    });
    await staffCaller(t.db, w.clinicianA).patients.discharge({ patientId: patient.id });
    const advice = await served(patient.id, "2026-11-20");
    expect(advice).toMatchObject({ hasProgram: false, advice: null });
    expect(advice).toEqual(await workedOut(patient.id, "2026-11-20"));
  });
});
