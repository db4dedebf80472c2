import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPatient, insertProgramVersion, readIn, sharedExercise } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, clinics, exercises } from "@/db/schema";
import { anonymousCaller, staffCaller } from "@/server/testing/callers";
import { codeOf } from "@/server/testing/errors";
import { buildTwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(() => t.cleanup());
let w: Awaited<ReturnType<typeof buildTwoClinics>>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
  await t.db.write(null, (tx) =>
    tx
      .update(clinics)
      .set({ phone: "020 7946 0000", email: "desk@clinic-a.example" })
      .where(eq(clinics.id, w.clinicA.id)),
  );
});

/** Sets a shared exercise's pictures, as an admin's upload would. */
function setMedia(exerciseId: string, media: (typeof exercises.$inferSelect)["media"]) {
  return t.db.write(null, (tx) =>
    tx.update(exercises).set({ media }).where(eq(exercises.id, exerciseId)),
  );
}

describe("the printed handout", () => {
  it("holds the clinic's contact, the patient and every exercise of the current program", async () => {
    const handout = await staffCaller(t.db, w.clinicianA).handout.get({
      patientId: w.patientA.id,
    });
    expect(handout.clinic).toEqual({
      name: "Clinic A",
      phone: "020 7946 0000",
      email: "desk@clinic-a.example",
    });
    expect(handout.patient.displayName).toBe("Alice Andrews");
    const squat = await sharedExercise(t.db, "wall-squat");
    const bridge = await sharedExercise(t.db, "glute-bridge");
    const items = handout.program?.items ?? [];
    expect(items.map((i) => i.exerciseId)).toEqual([squat.id, bridge.id]);
    expect(items[0]).toMatchObject({
      name: squat.name,
      steps: squat.steps,
      cautions: squat.cautions,
      stopIf: squat.stopIf,
      // Saved on the left leg before sidedness existed; a together exercise never reads as one leg.
      doseText: "2 sets of 10, hold 5 s, both legs together, once a day, 5 days a week",
    });
    expect(handout.program?.painLimit).toBe(5);
    expect(handout.program?.painLimitText).toContain("5 out of 10");
  });

  it("follows the newest version, so a progressed program prints as it stands", async () => {
    const patient = await insertPatient(t.db, {
      clinicId: w.clinicA.id,
      primaryClinicianId: w.clinicianA.id,
      displayName: "Iris Progress",
    });
    const squat = await sharedExercise(t.db, "wall-squat");
    const bridge = await sharedExercise(t.db, "glute-bridge");
    const curl = await sharedExercise(t.db, "hamstring-curl");
    const base = { clinicId: w.clinicA.id, patientId: patient.id, authorId: w.clinicianA.id };
    await insertProgramVersion(t.db, {
      ...base,
      items: [{ exerciseId: squat.id, sets: 1, reps: 5 }],
    });
    await insertProgramVersion(t.db, {
      ...base,
      painLimit: 3,
      items: [
        { exerciseId: bridge.id, sets: 3, reps: 15, notes: "Slowly on the way down" },
        { exerciseId: squat.id, sets: 2, reps: 8 },
        { exerciseId: curl.id, sets: 1, reps: 10, side: "right" },
      ],
    });
    const handout = await staffCaller(t.db, w.clinicianA).handout.get({ patientId: patient.id });
    expect(handout.program?.versionNumber).toBe(2);
    expect(handout.program?.items.map((i) => [i.name, i.doseText])).toEqual([
      [bridge.name, "3 sets of 15, both legs together, once a day, every day"],
      [squat.name, "2 sets of 8, both legs together, once a day, every day"],
      [curl.name, "10 times, right leg, once a day, every day"],
    ]);
    expect(handout.program?.items[0]?.notes).toBe("Slowly on the way down");
    expect(handout.program?.painLimitText).toContain("3 out of 10");
  });

  it("lists pictures by id and alt text only, never the stored file name", async () => {
    const squat = await sharedExercise(t.db, "wall-squat");
    const media = [
      {
        id: "img-1",
        file: "img-1.png",
        mimeType: "image/png" as const,
        width: 640,
        height: 480,
        alt: "Back against the wall, knees bent",
      },
    ];
    await setMedia(squat.id, media);
    try {
      const handout = await staffCaller(t.db, w.clinicianA).handout.get({
        patientId: w.patientA.id,
      });
      expect(handout.program?.items[0]?.media).toEqual([
        { id: "img-1", alt: "Back against the wall, knees bent", width: 640, height: 480 },
      ]);
      expect(JSON.stringify(handout)).not.toContain("img-1.png");
    } finally {
      await setMedia(squat.id, []);
    }
  });

  it("prints without a program, saying so", async () => {
    const patient = await insertPatient(t.db, {
      clinicId: w.clinicA.id,
      primaryClinicianId: w.clinicianA.id,
      displayName: "Jo Noprogram",
    });
    const handout = await staffCaller(t.db, w.clinicianA).handout.get({ patientId: patient.id });
    expect(handout.program).toBeNull();
    expect(handout.patient.displayName).toBe("Jo Noprogram");
  });

  it("is audited as reading the patient's plan", async () => {
    const patient = await insertPatient(t.db, {
      clinicId: w.clinicA.id,
      primaryClinicianId: w.clinicianA.id,
      displayName: "Kim Audit",
    });
    await staffCaller(t.db, w.adminA).handout.get({ patientId: patient.id });
    const events = await readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.patientId, patient.id), eq(auditEvents.action, "read"))),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: w.adminA.id, entityType: "handout" });
  });

  it("answers another clinic's patient exactly like a patient that does not exist", async () => {
    const caller = staffCaller(t.db, w.clinicianA);
    expect(await codeOf(caller.handout.get({ patientId: w.patientB.id }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.handout.get({ patientId: "no-such-patient" }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.patientLinks.create({ patientId: w.patientB.id }))).toBe(
      "NOT_FOUND",
    );
    const leaked = await readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.patientId, w.patientB.id), eq(auditEvents.actorId, w.clinicianA.id)),
        ),
    );
    expect(leaked).toEqual([]);
  });

  it("needs a signed-in member of staff", async () => {
    expect(await codeOf(anonymousCaller(t.db).handout.get({ patientId: w.patientA.id }))).toBe(
      "UNAUTHORIZED",
    );
  });
});
