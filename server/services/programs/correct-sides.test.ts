import { and, asc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  insertClinic,
  insertPatient,
  insertProgramVersion,
  insertUser,
  sharedExercise,
} from "@/db/factories";
import { createTestDb } from "@/db/factories/test-db";
import { auditEvents, exercises, programItems, programs, programVersions } from "@/db/schema";
import { seedLibrary } from "@/db/seed/library";
import { correctProgramSides, SIDE_FIX_NOTE } from "./correct-sides";

const t = createTestDb();
afterAll(() => t.cleanup());

const NOW = new Date("2026-03-10T09:00:00Z");

function versionsOf(programId: string) {
  return t.db
    .select()
    .from(programVersions)
    .where(eq(programVersions.programId, programId))
    .orderBy(asc(programVersions.number))
    .all();
}

function itemsOf(versionId: string) {
  return t.db
    .select()
    .from(programItems)
    .where(eq(programItems.versionId, versionId))
    .orderBy(asc(programItems.position))
    .all();
}

let ids: {
  clinicId: string;
  authorId: string;
  wrong: string;
  noted: string;
  fine: string;
  ended: string;
};

beforeAll(async () => {
  const clinic = insertClinic(t.db, { name: "Sides Clinic" });
  const author = await insertUser(t.db, { clinicId: clinic.id, name: "Ana Author" });
  const patient = (name: string) =>
    insertPatient(t.db, {
      clinicId: clinic.id,
      primaryClinicianId: author.id,
      displayName: name,
      affectedSide: "left",
    });
  const ex = (slug: string) => sharedExercise(t.db, slug).id;
  const base = { clinicId: clinic.id, authorId: author.id, effectiveFrom: NOW };

  // The case: a wall squat on the left leg, beside a one-leg exercise rightly on the left.
  const wrong = patient("Wendy Wrong");
  const wrongProgram = insertProgramVersion(t.db, {
    ...base,
    patientId: wrong.id,
    painLimit: 3,
    items: [
      { exerciseId: ex("wall-squat"), sets: 2, reps: 10, side: "left", daysPerWeek: 5 },
      { exerciseId: ex("quadriceps-sets"), sets: 3, reps: 10, holdSeconds: 5, side: "left" },
      { exerciseId: ex("glute-bridge"), sets: 2, reps: 12, side: "right", notes: "Slowly" },
    ],
  });

  // The demo's old case: a stretch on the left leg with the template's note "Each leg."
  const noted = patient("Nora Noted");
  const notedProgram = insertProgramVersion(t.db, {
    ...base,
    patientId: noted.id,
    items: [
      {
        exerciseId: ex("hamstring-stretch"),
        reps: 3,
        holdSeconds: 30,
        side: "left",
        notes: "Each leg.",
      },
      { exerciseId: ex("clamshell"), sets: 3, reps: 10, side: "left", notes: "Left only" },
    ],
  });

  const fine = patient("Fred Fine");
  const fineProgram = insertProgramVersion(t.db, {
    ...base,
    patientId: fine.id,
    items: [
      { exerciseId: ex("wall-squat"), sets: 2, reps: 10, side: "both" },
      { exerciseId: ex("straight-leg-raise"), sets: 2, reps: 10, side: "left" },
    ],
  });

  // An ended program is history: it is never rewritten.
  const ended = patient("Eddie Ended");
  const endedProgram = insertProgramVersion(t.db, {
    ...base,
    patientId: ended.id,
    items: [{ exerciseId: ex("wall-squat"), sets: 2, reps: 10, side: "right" }],
  });
  t.db
    .update(programs)
    .set({ status: "ended", endedAt: NOW })
    .where(eq(programs.id, endedProgram.program.id))
    .run();

  ids = {
    clinicId: clinic.id,
    authorId: author.id,
    wrong: wrongProgram.program.id,
    noted: notedProgram.program.id,
    fine: fineProgram.program.id,
    ended: endedProgram.program.id,
  };
});

describe("correcting the sides of saved programs", () => {
  it("saves a new version with the sides corrected and everything else copied", () => {
    const before = itemsOf(versionsOf(ids.wrong)[0]!.id);
    const result = correctProgramSides({ db: t.db, now: new Date("2026-03-11T06:00:00Z") });
    // Hand-counted: Wendy's squat (left → both) and bridge (right → both); Nora's stretch
    // (left, "Each leg." → both). Nora's clamshell says "Left only" on the left: it agrees.
    expect(result).toEqual({ programs: 2, items: 3, notesToReview: 0 });

    const versions = versionsOf(ids.wrong);
    expect(versions.map((v) => [v.number, v.reason, v.note])).toEqual([
      [1, "initial", null],
      [2, "edit", SIDE_FIX_NOTE],
    ]);
    expect(versions[1]).toMatchObject({
      authorId: ids.authorId,
      painLimit: 3,
      effectiveFrom: new Date("2026-03-11T06:00:00Z"),
    });
    const after = itemsOf(versions[1]!.id);
    expect(after.map((i) => i.side)).toEqual(["both", "left", "both"]);
    const strip = (i: (typeof after)[number]) => {
      const { id: _id, versionId: _v, side: _s, ...rest } = i;
      return rest;
    };
    expect(after.map(strip)).toEqual(before.map(strip));
  });

  it("keeps the old version exactly as it was", () => {
    const first = versionsOf(ids.wrong)[0]!;
    expect(itemsOf(first.id).map((i) => i.side)).toEqual(["left", "left", "right"]);
    const noted = versionsOf(ids.noted);
    expect(itemsOf(noted[0]!.id).map((i) => i.side)).toEqual(["left", "left"]);
    expect(itemsOf(noted[1]!.id).map((i) => i.side)).toEqual(["both", "left"]);
  });

  it("leaves programs with nothing to correct, and ended programs, alone", () => {
    expect(versionsOf(ids.fine)).toHaveLength(1);
    expect(versionsOf(ids.ended)).toHaveLength(1);
  });

  it("records each correction in the audit trail as the system", () => {
    const events = t.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.clinicId, ids.clinicId),
          eq(auditEvents.action, "program_version.correct_sides"),
        ),
      )
      .all();
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e.actorKind).toBe("system");
      expect(e.actorId).toBeNull();
    }
    const wendy = events.find((e) => (e.after as { sides: unknown[] }).sides.length === 2)!;
    expect(wendy.after).toMatchObject({
      number: 2,
      reason: "edit",
      sides: [
        { position: 0, from: "left", to: "both" },
        { position: 2, from: "right", to: "both" },
      ],
    });
  });

  it("changes nothing when it runs again", () => {
    const snapshot = () => ({
      versions: t.db.select().from(programVersions).all(),
      items: t.db.select().from(programItems).all(),
      audits: t.db.select({ id: auditEvents.id }).from(auditEvents).all(),
    });
    const before = snapshot();
    expect(correctProgramSides({ db: t.db })).toEqual({ programs: 0, items: 0, notesToReview: 0 });
    expect(correctProgramSides({ db: t.db })).toEqual({ programs: 0, items: 0, notesToReview: 0 });
    expect(snapshot()).toEqual(before);
  });

  it("counts notes only a clinician can reword, without guessing a side", async () => {
    const clinic = insertClinic(t.db, { name: "Review Clinic" });
    const author = await insertUser(t.db, { clinicId: clinic.id });
    const patient = insertPatient(t.db, { clinicId: clinic.id, primaryClinicianId: author.id });
    insertProgramVersion(t.db, {
      clinicId: clinic.id,
      patientId: patient.id,
      authorId: author.id,
      items: [
        {
          exerciseId: sharedExercise(t.db, "wall-squat").id,
          reps: 10,
          side: "left",
          notes: "Left knee sore",
        },
        {
          exerciseId: sharedExercise(t.db, "hamstring-curl").id,
          reps: 10,
          side: "right",
          notes: "Left first",
        },
      ],
    });
    // The squat's side is corrected; both notes still name another side and are counted.
    expect(correctProgramSides({ db: t.db })).toEqual({ programs: 1, items: 1, notesToReview: 2 });
    expect(correctProgramSides({ db: t.db })).toEqual({ programs: 0, items: 0, notesToReview: 2 });
  });
});

describe("the seed step writes each exercise's sidedness", () => {
  it("sets it on a fresh library and brings an older row up to date", () => {
    const squat = () => sharedExercise(t.db, "wall-squat").sidedness;
    expect(squat()).toBe("together");
    expect(sharedExercise(t.db, "hamstring-stretch").sidedness).toBe("each_leg");
    expect(sharedExercise(t.db, "quadriceps-sets").sidedness).toBe("one_leg");
    // A database made before the column existed has the column's default everywhere.
    t.db
      .update(exercises)
      .set({ sidedness: "each_leg" })
      .where(and(isNull(exercises.clinicId), eq(exercises.slug, "wall-squat")))
      .run();
    expect(squat()).toBe("each_leg");
    seedLibrary(t.db);
    expect(squat()).toBe("together");
  });
});
