import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  insertCheckIn,
  insertClinic,
  insertPatient,
  insertProgramVersion,
  insertUser,
  sharedExercise,
} from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { patientScope } from "@/server/data/scopes";
import type { PatientScope } from "../scope";
import { getProgress } from "./get-progress";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

/**
 * A program that starts on Thursday 5 March 2026 (the week runs Monday 2 to Sunday 8 March):
 * wall squat once a day on 5 days, adductor squeeze once a day every day, the sciatic glide twice
 * a day every day. Hand-counted: today asks 1 + 1 + 2 = 4; the four days left of the week ask
 * 4 + 4 + 8 = 16; a whole week would ask 5 + 7 + 14 = 26.
 */
async function patientStartingThursday(timeZone: string, effectiveFrom: Date) {
  const clinic = await insertClinic(t.db, { timeZone });
  const clinician = await insertUser(t.db, { clinicId: clinic.id });
  const patient = await insertPatient(t.db, {
    clinicId: clinic.id,
    primaryClinicianId: clinician.id,
    timeZone,
  });
  const ex = async (slug: string) => (await sharedExercise(t.db, slug)).id;
  const { version, items } = await insertProgramVersion(t.db, {
    clinicId: clinic.id,
    patientId: patient.id,
    authorId: clinician.id,
    effectiveFrom,
    items: [
      { exerciseId: await ex("wall-squat"), sets: 2, reps: 10, daysPerWeek: 5 },
      { exerciseId: await ex("adductor-squeeze"), sets: 2, reps: 10, daysPerWeek: 7 },
      { exerciseId: await ex("sciatic-nerve-glide-seated"), reps: 10, sessionsPerDay: 2 },
    ],
  });
  const scope: PatientScope = patientScope(
    t.db,
    { clinicId: clinic.id, patientId: patient.id, linkId: "test-link" },
    null,
  );
  return { clinic, patient, version, items, scope };
}

describe("the progress page on a program's first days", () => {
  let p: Awaited<ReturnType<typeof patientStartingThursday>>;
  beforeAll(async () => {
    p = await patientStartingThursday("Europe/London", new Date("2026-03-05T09:00:00Z"));
  });

  it("counts today's sessions on the first day, and the week only from that day", async () => {
    const progress = await getProgress({ scope: p.scope, now: new Date("2026-03-05T12:00:00Z") });
    expect(progress).toMatchObject({
      today: "2026-03-05",
      programStart: "2026-03-05",
      firstDay: true,
      weekFrom: "2026-03-05",
      todayDone: 0,
      todayAsked: 4,
      week: { done: 0, asked: 16 },
    });
    // The chart has the first day and nothing before it.
    expect(progress.days.map((d) => d.day)).toEqual(["2026-03-05"]);
    expect(progress.weeks.map((w) => w.weekStart)).toEqual(["2026-03-02"]);
  });

  it("counts what was done, within each exercise's target", async () => {
    const base = {
      clinicId: p.clinic.id,
      patientId: p.patient.id,
      versionId: p.version.id,
      kind: "exercise" as const,
    };
    const [squat, , glide] = p.items;
    await insertCheckIn(t.db, {
      ...base,
      day: "2026-03-05",
      submittedAt: new Date("2026-03-05T17:00:00Z"),
      logs: [{ programItemId: squat!.id }, { programItemId: glide!.id }],
      pain: [{ context: "during", score: 3 }],
    });
    const thursday = await getProgress({ scope: p.scope, now: new Date("2026-03-05T18:00:00Z") });
    expect(thursday).toMatchObject({ todayDone: 2, todayAsked: 4, week: { done: 2, asked: 16 } });
    expect(thursday.days).toEqual([{ day: "2026-03-05", morning: null, during: 3 }]);

    await insertCheckIn(t.db, {
      ...base,
      day: "2026-03-07",
      submittedAt: new Date("2026-03-07T10:00:00Z"),
      logs: [{ programItemId: glide!.id }, { programItemId: glide!.id }],
    });
    // Saturday: no longer the first day; Thursday to Sunday still counts 16, done 1 + 0 + 3 = 4.
    const saturday = await getProgress({ scope: p.scope, now: new Date("2026-03-07T12:00:00Z") });
    expect(saturday).toMatchObject({
      firstDay: false,
      weekFrom: "2026-03-05",
      todayDone: 2,
      todayAsked: 4,
      week: { done: 4, asked: 16 },
    });
    expect(saturday.days.map((d) => d.day)).toEqual(["2026-03-05", "2026-03-06", "2026-03-07"]);
    expect(saturday.weeks).toEqual([
      { weekStart: "2026-03-02", morningMean: null, duringMean: 3, sessionsDone: 4 },
    ]);
  });

  it("counts the next week whole", async () => {
    const monday = await getProgress({ scope: p.scope, now: new Date("2026-03-09T08:00:00Z") });
    expect(monday).toMatchObject({
      firstDay: false,
      weekFrom: "2026-03-09",
      week: { done: 0, asked: 26 },
    });
    expect(monday.days[0]?.day).toBe("2026-03-05");
  });

  it("reads the first day in the patient's own time zone, far from UTC", async () => {
    // 12:00 UTC on 5 March is already 01:00 on 6 March in Auckland.
    const far = await patientStartingThursday("Pacific/Auckland", new Date("2026-03-05T12:00:00Z"));
    const progress = await getProgress({ scope: far.scope, now: new Date("2026-03-05T13:00:00Z") });
    expect(progress).toMatchObject({
      today: "2026-03-06",
      programStart: "2026-03-06",
      firstDay: true,
      // Friday to Sunday: 1×3 + 1×3 + 2×3 = 12.
      week: { done: 0, asked: 12 },
      todayAsked: 4,
    });
  });
});
