import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  insertPatient,
  insertPatientLink,
  insertProgramVersion,
  readIn,
  sharedExercise,
} from "@/db/factories";
import { createTestDb, testEngineKind, type TestDb } from "@/db/factories/test-db";
import { auditEvents, exercises, programTemplates } from "@/db/schema";
import { figurePresets } from "@/lib/figure/presets";
import type { ExerciseFigure } from "@/lib/figure/types";
import { FIGURE_NOT_CHOSEN, FIGURE_UNREADABLE } from "@/lib/schemas/exercise-input";
import { createCaller } from "@/server/root";
import { patientCaller, staffCaller, testContext } from "@/server/testing/callers";
import { codeOf, errorShape, refusal } from "@/server/testing/errors";
import { STEP_UPS } from "@/server/testing/exercise-input";
import { captureStatements } from "@/server/testing/query-plans";
import { buildTwoClinicsWithAdminB, type TwoClinicsWithAdminB } from "@/server/testing/world";

/**
 * Issue 14: an exercise's figure travels from its row to every page that shows the exercise, and
 * a clinic can give its own exercise one, checked by the figure model first.
 */

/** A figure the model refuses for its own reasons (not the schema's): what the form must show. */
const SUNK = "sunk";
const SUNK_PROBLEM = "The foot goes through the floor in the end pose: raise the pelvis.";
vi.mock("@/lib/figure/check", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/figure/check")>();
  return {
    ...original,
    figureProblems: (figure: ExerciseFigure) =>
      figure.poses.some((p) => p.label === SUNK) ? [SUNK_PROBLEM] : original.figureProblems(figure),
  };
});

/**
 * Until the model's presets land, a figure its checks accept: standing (every joint at 0, the
 * pelvis a leg's length above the floor), then lifting the near knee.
 */
const FALLBACK: ExerciseFigure = {
  version: 1,
  view: "side",
  props: [],
  poses: [
    { label: "start", pelvis: { x: 0, y: 93 }, angles: {} },
    { label: "end", pelvis: { x: 0, y: 93 }, angles: { nearHip: 40, nearKnee: 60 } },
  ],
  working: "near",
};
const figureA: ExerciseFigure = figurePresets[0]?.figure ?? FALLBACK;
const figureB: ExerciseFigure = figurePresets[1]?.figure ?? { ...FALLBACK, working: "both" };

let t: TestDb;
let w: TwoClinicsWithAdminB;
afterAll(() => t.cleanup());
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinicsWithAdminB(t.db);
});

const admin = () => staffCaller(t.db, w.adminA);
const clinician = () => staffCaller(t.db, w.clinicianA);

/** The stored column, read on the system path. */
async function storedFigure(id: string) {
  const [row] = await readIn(t.db, (db) =>
    db.select({ figure: exercises.figure }).from(exercises).where(eq(exercises.id, id)).limit(1),
  );
  return row?.figure;
}

/** Every exercise's stored figure by id, to compare a whole list with. */
async function storedFigures() {
  const rows = await readIn(t.db, (db) =>
    db.select({ id: exercises.id, figure: exercises.figure }).from(exercises),
  );
  return new Map(rows.map((row) => [row.id, row.figure]));
}

/** Sets a shared exercise's figure, as the seed does from db/seed/figures.ts. */
function setSharedFigure(id: string, figure: ExerciseFigure | null) {
  return t.db.write(null, (tx) => tx.update(exercises).set({ figure }).where(eq(exercises.id, id)));
}

/** The code and field messages of a refused call, as the browser receives them. */
async function refused(call: Promise<unknown>) {
  const error = await refusal(call);
  const fieldErrors = errorShape(error).data.fieldErrors as Record<string, string[]> | null;
  return { code: error.code, fieldErrors };
}

describe("a clinic exercise's figure", () => {
  let id = "";

  it("is stored with the exercise, returned by the library and audited", async () => {
    id = (await admin().library.create({ ...STEP_UPS, name: "Figure squat", figure: figureA })).id;
    expect(await storedFigure(id)).toEqual(figureA);
    expect((await clinician().library.get({ exerciseId: id })).figure).toEqual(figureA);
    const listed = await clinician().library.list({ search: "figure squat" });
    expect(listed.results.map((r) => [r.id, r.figure])).toEqual([[id, figureA]]);
    const [event] = await readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "exercise.create"))),
    );
    expect(event?.after).toMatchObject({ figure: figureA });
  });

  it("changes and is removed through an edit, each change audited before and after", async () => {
    await admin().library.update({ exerciseId: id, exercise: { ...STEP_UPS, figure: figureB } });
    expect(await storedFigure(id)).toEqual(figureB);
    await admin().library.update({ exerciseId: id, exercise: { ...STEP_UPS, figure: null } });
    expect(await storedFigure(id)).toBeNull();
    expect((await clinician().library.get({ exerciseId: id })).figure).toBeNull();
    const updates = await readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "exercise.update")))
        .orderBy(auditEvents.seq),
    );
    expect(updates.map((e) => [e.before?.figure, e.after?.figure])).toEqual([
      [figureA, figureB],
      [figureB, null],
    ]);
  });

  it("is refused, with words saying what to do, when the figure cannot be read; nothing is stored", async () => {
    await admin().library.update({ exerciseId: id, exercise: { ...STEP_UPS, figure: figureA } });
    const onePose = { ...figureA, poses: figureA.poses.slice(0, 1) };
    const answer = await refused(
      admin().library.update({ exerciseId: id, exercise: { ...STEP_UPS, figure: onePose } }),
    );
    // The formatter keys a message by its top-level field: an edit's is "exercise".
    expect(answer).toEqual({ code: "BAD_REQUEST", fieldErrors: { exercise: [FIGURE_UNREADABLE] } });
    expect(await storedFigure(id)).toEqual(figureA);

    const before = (await clinician().library.list({})).total;
    const created = await refused(
      admin().library.create({
        ...STEP_UPS,
        name: "Never stored",
        figure: { ...figureA, view: "top" } as unknown as ExerciseFigure,
      }),
    );
    expect(created.fieldErrors).toEqual({ figure: [FIGURE_UNREADABLE] });
    expect((await clinician().library.list({})).total).toBe(before);
  });

  it("is refused with the figure model's own words when the model finds a problem", async () => {
    const sunk: ExerciseFigure = {
      ...figureA,
      poses: figureA.poses.map((p, i) => (i === 1 ? { ...p, label: SUNK } : p)),
    };
    const answer = await refused(
      admin().library.update({ exerciseId: id, exercise: { ...STEP_UPS, figure: sunk } }),
    );
    expect(answer.code).toBe("BAD_REQUEST");
    expect(answer.fieldErrors?.exercise?.[0]).toContain(SUNK_PROBLEM);
    expect(await storedFigure(id)).toEqual(figureA);
  });

  it("must be chosen or declined: a drawn figure without a movement is refused", async () => {
    const { figure: _figure, ...withoutFigure } = STEP_UPS;
    const answer = await refused(
      admin().library.create(withoutFigure as unknown as typeof STEP_UPS),
    );
    expect(answer.fieldErrors).toEqual({ figure: [FIGURE_NOT_CHOSEN] });
  });

  it("of another clinic's exercise behaves as a missing exercise", async () => {
    const update = staffCaller(t.db, w.adminB).library.update({
      exerciseId: id,
      exercise: { ...STEP_UPS, figure: figureB },
    });
    expect(await codeOf(update)).toBe("NOT_FOUND");
    expect(await codeOf(staffCaller(t.db, w.clinicianB).library.get({ exerciseId: id }))).toBe(
      "NOT_FOUND",
    );
    expect(await storedFigure(id)).toEqual(figureA);
  });

  it("cannot be set on a shared exercise, which stays read-only; a copy keeps its drawing", async () => {
    const bridge = await sharedExercise(t.db, "glute-bridge");
    await setSharedFigure(bridge.id, figureA);
    const update = admin().library.update({
      exerciseId: bridge.id,
      exercise: { ...STEP_UPS, figure: figureB },
    });
    expect(await codeOf(update)).toBe("CONFLICT");
    expect(await storedFigure(bridge.id)).toEqual(figureA);
    const copy = await admin().library.copyToClinic({ exerciseId: bridge.id });
    expect((await clinician().library.get({ exerciseId: copy.id })).figure).toEqual(figureA);
    await setSharedFigure(bridge.id, null);
  });
});

describe("every page's exercises carry their figure", () => {
  let bridgeId = "";
  // The world's program is a wall squat and then a glute bridge: here only the bridge is drawn,
  // whatever the seed gives them.
  beforeAll(async () => {
    bridgeId = (await sharedExercise(t.db, "glute-bridge")).id;
    await setSharedFigure(bridgeId, figureA);
    await setSharedFigure((await sharedExercise(t.db, "wall-squat")).id, null);
  });

  it("the patient's plan: each item its exercise's figure, or null", async () => {
    const { token } = await insertPatientLink(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      createdBy: w.clinicianA.id,
    });
    const plan = await patientCaller(t.db, token).plan.today();
    expect(plan.items.map((i) => i.figure)).toEqual([null, figureA]);
  });

  it("the plan and the handout name the leg the drawing highlights", async () => {
    const patient = await insertPatient(t.db, {
      clinicId: w.clinicA.id,
      primaryClinicianId: w.clinicianA.id,
    });
    const exercise = async (slug: string) => (await sharedExercise(t.db, slug)).id;
    await insertProgramVersion(t.db, {
      clinicId: w.clinicA.id,
      patientId: patient.id,
      authorId: w.clinicianA.id,
      items: [
        { exerciseId: await exercise("straight-leg-raise"), side: "right" },
        // Saved on one leg before sidedness existed: a together exercise is drawn on both.
        { exerciseId: await exercise("wall-squat"), side: "left" },
      ],
    });
    const { token } = await insertPatientLink(t.db, {
      clinicId: w.clinicA.id,
      patientId: patient.id,
      createdBy: w.clinicianA.id,
    });
    const plan = await patientCaller(t.db, token).plan.today();
    expect(plan.items.map((i) => i.side)).toEqual(["right", "both"]);
    const handout = await clinician().handout.get({ patientId: patient.id });
    expect(handout.program?.items.map((i) => i.side)).toEqual(["right", "both"]);
  });

  it("the handout, the patient record and the builder", async () => {
    const handout = await clinician().handout.get({ patientId: w.patientA.id });
    expect(handout.program?.items.map((i) => i.figure)).toEqual([null, figureA]);
    const record = await clinician().patients.get({ patientId: w.patientA.id });
    expect(record.program?.items.map((i) => i.exercise.figure)).toEqual([null, figureA]);
    const editing = await clinician().programs.forEditing({ patientId: w.patientA.id });
    expect(editing.items.map((i) => i.figure)).toEqual([null, figureA]);
  });

  it("the library, its search and the template editor's exercise list", async () => {
    const stored = await storedFigures();
    const list = await clinician().library.list({});
    expect(list.results.find((r) => r.id === bridgeId)?.figure).toEqual(figureA);
    expect(list.results.map((r) => r.figure)).toEqual(list.results.map((r) => stored.get(r.id)));
    const search = await clinician().library.list({ search: "bridge" });
    expect(search.results.find((r) => r.id === bridgeId)?.figure).toEqual(figureA);
    expect((await clinician().library.get({ exerciseId: bridgeId })).figure).toEqual(figureA);
    const options = await admin().templates.exerciseOptions();
    expect(options.find((o) => o.id === bridgeId)?.figure).toEqual(figureA);
    expect(options.map((o) => o.figure)).toEqual(options.map((o) => stored.get(o.id)));
  });

  it("template items, read and prefilled into a program", async () => {
    const [template] = await readIn(t.db, (db) =>
      db
        .select({ id: programTemplates.id })
        .from(programTemplates)
        .where(and(isNull(programTemplates.clinicId), eq(programTemplates.slug, "knee-nerve-pain")))
        .limit(1),
    );
    const read = await clinician().templates.get({ templateId: template!.id });
    const prefill = await clinician().templates.forProgram({ templateId: template!.id });
    const stored = await storedFigures();
    for (const items of [read.items, prefill.items]) {
      expect(items.find((i) => i.exerciseId === bridgeId)?.exerciseFigure).toEqual(figureA);
      expect(items.map((i) => i.exerciseFigure)).toEqual(
        items.map((i) => stored.get(i.exerciseId)),
      );
    }
  });

  it("a stored figure the model can no longer read shows as no drawing, not as a broken page", async () => {
    const stale = { ...figureA, poses: figureA.poses.slice(0, 1) };
    await setSharedFigure(bridgeId, stale);
    expect((await clinician().library.get({ exerciseId: bridgeId })).figure).toBeNull();
    const handout = await clinician().handout.get({ patientId: w.patientA.id });
    expect(handout.program?.items.map((i) => i.figure)).toEqual([null, null]);
    await setSharedFigure(bridgeId, figureA);
  });
});

/**
 * The figure is one more column on rows each page already reads: a program of six exercises costs
 * the same statements as a program of one, on the patient's page and the handout alike.
 */
describe.skipIf(testEngineKind() === "pg")("the read paths' statements", () => {
  it("do not grow with the number of exercises", async () => {
    const capture = captureStatements(t.file);
    try {
      const names = ["wall-squat", "glute-bridge", "clamshell", "calf-raises", "quadriceps-sets"];
      const ids = await Promise.all(names.map(async (s) => (await sharedExercise(t.db, s)).id));
      const counts = [];
      for (const size of [1, 6]) {
        const patient = await insertPatient(t.db, {
          clinicId: w.clinicA.id,
          primaryClinicianId: w.clinicianA.id,
        });
        await insertProgramVersion(t.db, {
          clinicId: w.clinicA.id,
          patientId: patient.id,
          authorId: w.clinicianA.id,
          items: Array.from({ length: size }, (_, i) => ({ exerciseId: ids[i % ids.length]! })),
        });
        const { token } = await insertPatientLink(t.db, {
          clinicId: w.clinicA.id,
          patientId: patient.id,
          createdBy: w.clinicianA.id,
        });
        const asPatient = createCaller(testContext(capture.db, { patientToken: token }));
        const asStaff = staffCaller(capture.db, w.clinicianA);
        const plan = await capture.as(`plan-${size}`, () => asPatient.plan.today());
        const handout = await capture.as(`handout-${size}`, () =>
          asStaff.handout.get({ patientId: patient.id }),
        );
        expect(plan.items).toHaveLength(size);
        expect(handout.program?.items).toHaveLength(size);
        const of = (label: string) => capture.statements.filter((s) => s.label === label);
        counts.push([of(`plan-${size}`).length, of(`handout-${size}`).length]);
        const items = of(`plan-${size}`).filter((s) => s.sql.includes('from "program_items"'));
        expect(items.some((s) => s.sql.includes('"exercises"."figure"'))).toBe(true);
      }
      expect(counts[1]).toEqual(counts[0]);
    } finally {
      await capture.close();
    }
  });
});
