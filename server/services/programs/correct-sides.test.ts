import { and, asc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  insertClinic,
  insertPatient,
  insertProgramVersion,
  insertUser,
  readIn,
  sharedExercise,
} from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, exercises, programItems, programs, programVersions } from "@/db/schema";
import { seedLibrary } from "@/db/seed/library";
import { systemData } from "@/server/data/clinic-data";
import { correctProgramSides, SIDE_FIX_NOTE } from "./correct-sides";

let t: TestDb;
afterAll(() => t.cleanup());

const NOW = new Date("2026-03-10T09:00:00Z");

/** The sweep as start-up runs it: on the system path, over every clinic. */
const correct = (now?: Date) => correctProgramSides({ system: systemData(t.db), now });

function versionsOf(programId: string) {
  return readIn(t.db, (db) =>
    db
      .select()
      .from(programVersions)
      .where(eq(programVersions.programId, programId))
      .orderBy(asc(programVersions.number)),
  );
}

function itemsOf(versionId: string) {
  return readIn(t.db, (db) =>
    db
      .select()
      .from(programItems)
      .where(eq(programItems.versionId, versionId))
      .orderBy(asc(programItems.position)),
  );
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
  t = await createTestDb();
  const clinic = await insertClinic(t.db, { name: "Sides Clinic" });
  const author = await insertUser(t.db, { clinicId: clinic.id, name: "Ana Author" });
  const patient = (name: string) =>
    insertPatient(t.db, {
      clinicId: clinic.id,
      primaryClinicianId: author.id,
      displayName: name,
      affectedSide: "left",
    });
  const slugs = [
    "wall-squat",
    "quadriceps-sets",
    "glute-bridge",
    "hamstring-stretch",
    "clamshell",
    "straight-leg-raise",
  ];
  const exerciseIds = new Map<string, string>();
  for (const slug of slugs) exerciseIds.set(slug, (await sharedExercise(t.db, slug)).id);
  const ex = (slug: string) => exerciseIds.get(slug)!;
  const base = { clinicId: clinic.id, authorId: author.id, effectiveFrom: NOW };

  // The case: a wall squat on the left leg, beside a one-leg exercise rightly on the left.
  const wrong = await patient("Wendy Wrong");
  const wrongProgram = await insertProgramVersion(t.db, {
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
  const noted = await patient("Nora Noted");
  const notedProgram = await insertProgramVersion(t.db, {
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

  const fine = await patient("Fred Fine");
  const fineProgram = await insertProgramVersion(t.db, {
    ...base,
    patientId: fine.id,
    items: [
      { exerciseId: ex("wall-squat"), sets: 2, reps: 10, side: "both" },
      { exerciseId: ex("straight-leg-raise"), sets: 2, reps: 10, side: "left" },
    ],
  });

  // An ended program is history: it is never rewritten.
  const ended = await patient("Eddie Ended");
  const endedProgram = await insertProgramVersion(t.db, {
    ...base,
    patientId: ended.id,
    items: [{ exerciseId: ex("wall-squat"), sets: 2, reps: 10, side: "right" }],
  });
  await t.db.write(null, (tx) =>
    tx
      .update(programs)
      .set({ status: "ended", endedAt: NOW })
      .where(eq(programs.id, endedProgram.program.id)),
  );

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
  it("saves a new version with the sides corrected and everything else copied", async () => {
    const before = await itemsOf((await versionsOf(ids.wrong))[0]!.id);
    const result = await correct(new Date("2026-03-11T06:00:00Z"));
    // Hand-counted: Wendy's squat (left → both) and bridge (right → both); Nora's stretch
    // (left, "Each leg." → both). Nora's clamshell says "Left only" on the left: it agrees.
    expect(result).toEqual({ programs: 2, items: 3, notesToReview: 0 });

    const versions = await versionsOf(ids.wrong);
    expect(versions.map((v) => [v.number, v.reason, v.note])).toEqual([
      [1, "initial", null],
      [2, "edit", SIDE_FIX_NOTE],
    ]);
    expect(versions[1]).toMatchObject({
      authorId: ids.authorId,
      painLimit: 3,
      effectiveFrom: new Date("2026-03-11T06:00:00Z"),
    });
    const after = await itemsOf(versions[1]!.id);
    expect(after.map((i) => i.side)).toEqual(["both", "left", "both"]);
    const strip = (i: (typeof after)[number]) => {
      const { id: _id, versionId: _v, side: _s, ...rest } = i;
      return rest;
    };
    expect(after.map(strip)).toEqual(before.map(strip));
  });

  it("keeps the old version exactly as it was", async () => {
    const first = (await versionsOf(ids.wrong))[0]!;
    expect((await itemsOf(first.id)).map((i) => i.side)).toEqual(["left", "left", "right"]);
    const noted = await versionsOf(ids.noted);
    expect((await itemsOf(noted[0]!.id)).map((i) => i.side)).toEqual(["left", "left"]);
    expect((await itemsOf(noted[1]!.id)).map((i) => i.side)).toEqual(["both", "left"]);
  });

  it("leaves programs with nothing to correct, and ended programs, alone", async () => {
    expect(await versionsOf(ids.fine)).toHaveLength(1);
    expect(await versionsOf(ids.ended)).toHaveLength(1);
  });

  it("records each correction in the audit trail as the system", async () => {
    const events = await readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.clinicId, ids.clinicId),
            eq(auditEvents.action, "program_version.correct_sides"),
          ),
        ),
    );
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

  it("changes nothing when it runs again", async () => {
    const snapshot = () =>
      readIn(t.db, async (db) => ({
        versions: await db.select().from(programVersions).orderBy(asc(programVersions.id)),
        items: await db.select().from(programItems).orderBy(asc(programItems.id)),
        audits: await db
          .select({ id: auditEvents.id })
          .from(auditEvents)
          .orderBy(asc(auditEvents.id)),
      }));
    const before = await snapshot();
    expect(before.versions.length).toBeGreaterThan(0);
    expect(await correct()).toEqual({ programs: 0, items: 0, notesToReview: 0 });
    expect(await correct()).toEqual({ programs: 0, items: 0, notesToReview: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("counts notes only a clinician can reword, without guessing a side", async () => {
    const clinic = await insertClinic(t.db, { name: "Review Clinic" });
    const author = await insertUser(t.db, { clinicId: clinic.id });
    const patient = await insertPatient(t.db, {
      clinicId: clinic.id,
      primaryClinicianId: author.id,
    });
    await insertProgramVersion(t.db, {
      clinicId: clinic.id,
      patientId: patient.id,
      authorId: author.id,
      items: [
        {
          exerciseId: (await sharedExercise(t.db, "wall-squat")).id,
          reps: 10,
          side: "left",
          notes: "Left knee sore",
        },
        {
          exerciseId: (await sharedExercise(t.db, "hamstring-curl")).id,
          reps: 10,
          side: "right",
          notes: "Left first",
        },
      ],
    });
    // The squat's side is corrected; both notes still name another side and are counted.
    expect(await correct()).toEqual({ programs: 1, items: 1, notesToReview: 2 });
    expect(await correct()).toEqual({ programs: 0, items: 0, notesToReview: 2 });
  });
});

describe("the seed step writes each exercise's sidedness", () => {
  it("sets it on a fresh library and brings an older row up to date", async () => {
    const squat = async () => (await sharedExercise(t.db, "wall-squat")).sidedness;
    expect(await squat()).toBe("together");
    expect((await sharedExercise(t.db, "hamstring-stretch")).sidedness).toBe("each_leg");
    expect((await sharedExercise(t.db, "quadriceps-sets")).sidedness).toBe("one_leg");
    // A database made before the column existed has the column's default everywhere.
    await t.db.write(null, (tx) =>
      tx
        .update(exercises)
        .set({ sidedness: "each_leg" })
        .where(and(isNull(exercises.clinicId), eq(exercises.slug, "wall-squat"))),
    );
    expect(await squat()).toBe("each_leg");
    await seedLibrary(t.db);
    expect(await squat()).toBe("together");
  });
});
