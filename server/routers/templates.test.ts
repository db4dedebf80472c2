import { and, desc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIn, sharedExercise, writeIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, exercises, programTemplates, templateItems } from "@/db/schema";
import { staffCaller } from "@/server/testing/callers";
import { errorShape, refusal } from "@/server/testing/errors";
import { buildTwoClinicsWithAdminB, type TwoClinicsWithAdminB } from "@/server/testing/world";
import type { TemplateDraftInput } from "./templates-schemas";

let t: TestDb;
afterAll(async () => {
  await t.cleanup();
});
let w: TwoClinicsWithAdminB;
/** The shared exercises the drafts use, by slug. */
const shared: Record<"quadriceps-sets" | "glute-bridge", string> = {
  "quadriceps-sets": "",
  "glute-bridge": "",
};
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinicsWithAdminB(t.db);
  for (const slug of ["quadriceps-sets", "glute-bridge"] as const) {
    shared[slug] = (await sharedExercise(t.db, slug)).id;
  }
});

const adminA = () => staffCaller(t.db, w.adminA);
const clinicianA = () => staffCaller(t.db, w.clinicianA);

async function sharedTemplateId(slug: string) {
  const [row] = await readIn(t.db, (db) =>
    db
      .select({ id: programTemplates.id })
      .from(programTemplates)
      .where(and(isNull(programTemplates.clinicId), eq(programTemplates.slug, slug)))
      .limit(1),
  );
  if (!row) throw new Error(`no shared template ${slug}`);
  return row.id;
}

/** Every audit event about one entity, in the order they were written. */
function eventsOf(entityId: string, action?: string) {
  return readIn(t.db, (db) =>
    db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityId, entityId),
          action ? eq(auditEvents.action, action) : undefined,
        ),
      )
      .orderBy(auditEvents.seq),
  );
}

const itemsOf = (templateId: string) =>
  readIn(t.db, (db) =>
    db
      .select()
      .from(templateItems)
      .where(eq(templateItems.templateId, templateId))
      .orderBy(templateItems.position),
  );

function draft(overrides: Partial<TemplateDraftInput> = {}): TemplateDraftInput {
  return {
    name: "Quads first",
    condition: "runners_knee",
    description: "Thigh strength before anything else.",
    items: [
      {
        exerciseId: shared["quadriceps-sets"],
        sets: 3,
        reps: 10,
        holdSeconds: 5,
        restSeconds: null,
        durationSeconds: null,
        sessionsPerDay: 1,
        daysPerWeek: 7,
        notes: "Press the back of the knee down.",
      },
      {
        exerciseId: shared["glute-bridge"],
        sets: 2,
        reps: 12,
        holdSeconds: null,
        restSeconds: 60,
        durationSeconds: null,
        sessionsPerDay: 1,
        daysPerWeek: 3,
        notes: null,
      },
    ],
    ...overrides,
  };
}

/** A clinic's own exercise, inserted directly (the library screens are another area). */
async function insertClinicExercise(clinicId: string, slug: string, archived = false) {
  const [row] = await writeIn(t.db, (tx) =>
    tx
      .insert(exercises)
      .values({
        clinicId,
        slug,
        name: `Clinic exercise ${slug}`,
        category: "strengthening",
        bodyRegion: "knee",
        targetStructure: "Quadriceps",
        summary: "A clinic's own exercise.",
        steps: ["Do it."],
        whatToFeel: "Work in the thigh.",
        stopIf: "Sharp pain.",
        cautions: [],
        conditions: ["runners_knee"],
        defaultSets: 4,
        defaultReps: 6,
        defaultSessionsPerDay: 1,
        defaultDaysPerWeek: 2,
        archivedAt: archived ? new Date() : null,
      })
      .returning(),
  );
  return row!;
}

describe("reading templates", () => {
  it("lists the four shared templates and the clinic's own, never another clinic's", async () => {
    const own = await adminA().templates.create(draft({ name: "Clinic A plan" }));
    const theirs = await staffCaller(t.db, w.adminB).templates.create(
      draft({ name: "Clinic B plan" }),
    );
    const list = await clinicianA().templates.list({});
    const ids = list.rows.map((r) => r.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(theirs.id);
    expect(list.rows.filter((r) => r.shared)).toHaveLength(4);
    const mine = list.rows.find((r) => r.id === own.id);
    expect(mine).toMatchObject({ shared: false, archived: false, itemCount: 2 });
    const runners = list.rows.find((r) => r.name.startsWith("Runner's knee"));
    expect(runners).toMatchObject({ shared: true, condition: "runners_knee", itemCount: 5 });
  });

  it("filters by condition", async () => {
    const list = await clinicianA().templates.list({ filters: { condition: "medial_knee_pain" } });
    expect(list.rows.length).toBeGreaterThan(0);
    expect(list.rows.every((r) => r.condition === "medial_knee_pain")).toBe(true);
  });

  it("reads a shared template's items in order with each dose in plain words", async () => {
    const detail = await clinicianA().templates.get({
      templateId: await sharedTemplateId("runners-knee"),
    });
    expect(detail.shared).toBe(true);
    expect(detail.items.map((i) => i.position)).toEqual([0, 1, 2, 3, 4]);
    expect(detail.items[0]).toMatchObject({
      exerciseName: expect.any(String),
      durationSeconds: 90,
      side: "both",
      doseText: "for 1 min 30 s, each leg in turn, once a day, 5 days a week",
      notes: "Each leg.",
    });
    // A one-leg exercise reads "the affected leg" until a patient is known.
    expect(detail.items[2]).toMatchObject({
      exerciseSidedness: "one_leg",
      side: "affected",
      doseText: "3 sets of 10, hold 5 s, the affected leg, once a day, every day",
    });
  });

  it("answers another clinic's template exactly like one that does not exist", async () => {
    const theirs = await staffCaller(t.db, w.adminB).templates.create(draft({ name: "Secret" }));
    const missing = "0190f000-0000-7000-8000-000000000000";
    for (const templateId of [theirs.id, missing]) {
      const errors = await Promise.all([
        refusal(adminA().templates.get({ templateId })),
        refusal(adminA().templates.forProgram({ templateId })),
        refusal(adminA().templates.update({ templateId, ...draft() })),
        refusal(adminA().templates.copy({ templateId })),
        refusal(adminA().templates.archive({ templateId })),
        refusal(adminA().templates.unarchive({ templateId })),
      ]);
      expect(errors.map((e) => e.code)).toEqual(Array(6).fill("NOT_FOUND"));
      expect(new Set(errors.map((e) => e.message))).toEqual(
        new Set(["That template was not found."]),
      );
    }
    const after = await staffCaller(t.db, w.adminB).templates.get({ templateId: theirs.id });
    expect(after).toMatchObject({ name: "Secret", archived: false });
  });

  it("gives the program builder every dose column of every item", async () => {
    const templateId = await sharedTemplateId("medial-knee-pain");
    const forProgram = await clinicianA().templates.forProgram({ templateId });
    expect(forProgram.items).toHaveLength(6);
    const { exerciseFigure: _drawing, ...first } = forProgram.items[0]!;
    expect(first).toEqual({
      position: 0,
      exerciseId: expect.any(String),
      exerciseName: expect.any(String),
      exerciseArchived: false,
      exerciseSidedness: "each_leg",
      sets: 1,
      reps: 2,
      holdSeconds: 30,
      restSeconds: null,
      durationSeconds: null,
      sessionsPerDay: 1,
      daysPerWeek: 7,
      side: "both",
      loadKg: null,
      bandColour: null,
      notes: "Do both sides.",
    });
    expect(forProgram.items[1]).toMatchObject({ exerciseSidedness: "one_leg", side: "affected" });
    expect(forProgram.items[5]).toMatchObject({ durationSeconds: 600, daysPerWeek: 5 });
  });
});

describe("who may change templates", () => {
  it("refuses every write to a clinician with FORBIDDEN", async () => {
    const own = await adminA().templates.create(draft());
    const templateId = own.id;
    const errors = await Promise.all([
      refusal(clinicianA().templates.create(draft())),
      refusal(clinicianA().templates.update({ templateId, ...draft({ name: "Changed" }) })),
      refusal(clinicianA().templates.copy({ templateId })),
      refusal(clinicianA().templates.archive({ templateId })),
      refusal(clinicianA().templates.unarchive({ templateId })),
      refusal(clinicianA().templates.exerciseOptions()),
    ]);
    expect(errors.map((e) => e.code)).toEqual(Array(6).fill("FORBIDDEN"));
    const after = await clinicianA().templates.get({ templateId });
    expect(after).toMatchObject({ name: "Quads first", archived: false });
  });

  it("keeps shared templates read-only, with a clear message", async () => {
    const templateId = await sharedTemplateId("knee-nerve-pain");
    const before = await adminA().templates.get({ templateId });
    const errors = await Promise.all([
      refusal(adminA().templates.update({ templateId, ...draft() })),
      refusal(adminA().templates.archive({ templateId })),
      refusal(adminA().templates.unarchive({ templateId })),
    ]);
    expect(errors.map((e) => e.code)).toEqual(["CONFLICT", "CONFLICT", "CONFLICT"]);
    expect(errors[0]?.message).toMatch(/Shared templates cannot be changed\. Copy it/);
    expect(await adminA().templates.get({ templateId })).toEqual(before);
  });
});

describe("creating a template", () => {
  it("saves the items in order and audits the creation", async () => {
    const created = await adminA().templates.create(draft({ name: "  Padded name  " }));
    const detail = await adminA().templates.get({ templateId: created.id });
    expect(detail).toMatchObject({ name: "Padded name", shared: false, condition: "runners_knee" });
    expect(detail.items.map((i) => i.doseText)).toEqual([
      "3 sets of 10, hold 5 s, each leg in turn, once a day, every day",
      "2 sets of 12, rest 1 minute between sets, both legs together, once a day, 3 days a week",
    ]);
    const events = await eventsOf(created.id);
    expect(events.map((e) => e.action)).toEqual(["program_template.create"]);
    expect(events[0]?.actorId).toBe(w.adminA.id);
    expect(events[0]?.after).toMatchObject({
      name: "Padded name",
      items: [{ sets: 3 }, { sets: 2 }],
    });
  });

  it("sends a message per field when the draft is invalid", async () => {
    const base = draft();
    const error = await refusal(
      adminA().templates.create({
        ...base,
        name: "   ",
        items: [{ ...base.items[0]!, sets: 0, daysPerWeek: 8 }],
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    const shape = errorShape(error);
    expect(shape.message).toMatch(/fields need fixing/);
    expect(shape.data.fieldErrors).toEqual({
      name: ["Give the template a name."],
      items: ["Sets must be at least 1.", "Days a week can be at most 7."],
    });
  });

  it("needs at least one exercise and a known condition", async () => {
    const error = await refusal(
      adminA().templates.create({ ...draft(), items: [], condition: "ankle" as "runners_knee" }),
    );
    expect(errorShape(error).data.fieldErrors).toEqual({
      condition: ["Choose the condition this template is for."],
      items: ["Add at least one exercise."],
    });
  });

  it("refuses a name over 120 characters and a fractional or negative dose", async () => {
    const base = draft();
    const error = await refusal(
      adminA().templates.create({
        ...base,
        name: "x".repeat(121),
        items: [{ ...base.items[0]!, reps: 2.5, holdSeconds: -1, durationSeconds: 0 }],
      }),
    );
    expect(errorShape(error).data.fieldErrors).toEqual({
      name: ["Keep the name to 120 characters or fewer."],
      items: [
        "Reps must be a whole number.",
        "Hold cannot be negative.",
        "Duration must be at least 1 second.",
      ],
    });
  });

  it("accepts the clinic's own exercises and refuses another clinic's or an archived one", async () => {
    const ownExercise = await insertClinicExercise(w.clinicA.id, "own-squat");
    const foreignExercise = await insertClinicExercise(w.clinicB.id, "their-squat");
    const retired = await insertClinicExercise(w.clinicA.id, "retired-squat", true);
    const item = draft().items[0]!;

    const ok = await adminA().templates.create(
      draft({ items: [{ ...item, exerciseId: ownExercise.id }] }),
    );
    const detail = await adminA().templates.get({ templateId: ok.id });
    expect(detail.items[0]?.exerciseName).toBe("Clinic exercise own-squat");

    const foreign = await refusal(
      adminA().templates.create(draft({ items: [{ ...item, exerciseId: foreignExercise.id }] })),
    );
    expect(foreign.code).toBe("NOT_FOUND");
    const archived = await refusal(
      adminA().templates.create(draft({ items: [{ ...item, exerciseId: retired.id }] })),
    );
    expect(archived.code).toBe("CONFLICT");
    expect(archived.message).toMatch(/has been archived/);
  });

  it("offers the shared and own exercises that are not archived, with their default dose", async () => {
    const options = await adminA().templates.exerciseOptions();
    const names = options.map((o) => o.name);
    expect(names).toContain("Clinic exercise own-squat");
    expect(names).not.toContain("Clinic exercise their-squat");
    expect(names).not.toContain("Clinic exercise retired-squat");
    expect(options.find((o) => o.name === "Clinic exercise own-squat")).toMatchObject({
      shared: false,
      defaults: { sets: 4, reps: 6, sessionsPerDay: 1, daysPerWeek: 2, holdSeconds: null },
    });
    const quads = options.find((o) => o.id === shared["quadriceps-sets"]);
    expect(quads?.defaults).toMatchObject({ sets: 3, reps: 10, holdSeconds: 5 });
  });
});

describe("copying a template", () => {
  it("makes a clinic template from a shared one and leaves the original unchanged", async () => {
    const templateId = await sharedTemplateId("runners-knee");
    const original = await adminA().templates.get({ templateId });
    const originalRows = await itemsOf(templateId);

    const copy = await adminA().templates.copy({ templateId });
    expect(copy.id).not.toBe(templateId);
    const copied = await adminA().templates.get({ templateId: copy.id });
    expect(copied).toMatchObject({
      name: `${original.name} (copy)`,
      condition: original.condition,
      description: original.description,
      shared: false,
      archived: false,
    });
    const doseOf = (items: typeof original.items) => items.map(({ id: _id, ...rest }) => rest);
    expect(doseOf(copied.items)).toEqual(doseOf(original.items));

    await adminA().templates.update({
      templateId: copy.id,
      ...draft({ name: "Our runner's knee" }),
    });
    expect(await adminA().templates.get({ templateId })).toEqual(original);
    expect(await itemsOf(templateId)).toEqual(originalRows);

    const [row] = await readIn(t.db, (db) =>
      db
        .select({ clinicId: programTemplates.clinicId })
        .from(programTemplates)
        .where(eq(programTemplates.id, copy.id)),
    );
    expect(row?.clinicId).toBe(w.clinicA.id);
    const [event] = await eventsOf(copy.id, "program_template.copy");
    expect(event?.after).toMatchObject({ copiedFromId: templateId, copiedFromShared: true });
  });

  it("copies a clinic template too, and two copies get distinct slugs", async () => {
    const own = await adminA().templates.create(draft({ name: "Twice copied" }));
    const first = await adminA().templates.copy({ templateId: own.id });
    const second = await adminA().templates.copy({ templateId: own.id });
    const slugs = (
      await readIn(t.db, (db) =>
        db
          .select({ slug: programTemplates.slug })
          .from(programTemplates)
          .where(eq(programTemplates.clinicId, w.clinicA.id)),
      )
    ).map((r) => r.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    const names = await Promise.all(
      [first, second].map(async (c) => (await adminA().templates.get({ templateId: c.id })).name),
    );
    expect(names).toEqual(["Twice copied (copy)", "Twice copied (copy)"]);
  });
});

describe("editing and archiving", () => {
  it("replaces the items in one change and audits before and after", async () => {
    const created = await adminA().templates.create(draft({ name: "To edit" }));
    const base = draft();
    const reordered = [{ ...base.items[1]!, sets: 4 }, base.items[0]!];
    await adminA().templates.update({
      templateId: created.id,
      ...base,
      name: "Edited",
      condition: "medial_knee_pain",
      items: reordered,
    });
    const detail = await adminA().templates.get({ templateId: created.id });
    expect(detail).toMatchObject({ name: "Edited", condition: "medial_knee_pain" });
    expect(detail.items.map((i) => [i.position, i.exerciseId, i.sets])).toEqual([
      [0, base.items[1]!.exerciseId, 4],
      [1, base.items[0]!.exerciseId, 3],
    ]);
    const [event] = await eventsOf(created.id, "program_template.update");
    expect(event).toMatchObject({
      actorKind: "user",
      actorId: w.adminA.id,
      clinicId: w.clinicA.id,
    });
    expect(event?.before).toMatchObject({
      name: "To edit",
      condition: "runners_knee",
      items: [{ exerciseId: base.items[0]!.exerciseId }, { exerciseId: base.items[1]!.exerciseId }],
    });
    expect(event?.after).toMatchObject({
      name: "Edited",
      condition: "medial_knee_pain",
      items: [{ exerciseId: base.items[1]!.exerciseId, sets: 4 }, { sets: 3 }],
    });
  });

  it("leaves the template whole when the new items are refused", async () => {
    const created = await adminA().templates.create(draft({ name: "Stays whole" }));
    const before = await adminA().templates.get({ templateId: created.id });
    const missing = { ...draft().items[0]!, exerciseId: "0190f000-0000-7000-8000-00000000beef" };
    const error = await refusal(
      adminA().templates.update({ templateId: created.id, ...draft({ items: [missing] }) }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(await adminA().templates.get({ templateId: created.id })).toEqual(before);
  });

  it("keeps an exercise archived after it was added, so the rest can still be edited", async () => {
    const later = await insertClinicExercise(w.clinicA.id, "archived-later");
    const item = { ...draft().items[0]!, exerciseId: later.id };
    const created = await adminA().templates.create(draft({ items: [item] }));
    await writeIn(t.db, (tx) =>
      tx.update(exercises).set({ archivedAt: new Date() }).where(eq(exercises.id, later.id)),
    );
    await adminA().templates.update({
      templateId: created.id,
      ...draft({ name: "Renamed", items: [{ ...item, reps: 8 }] }),
    });
    const detail = await adminA().templates.get({ templateId: created.id });
    expect(detail.items[0]).toMatchObject({ exerciseArchived: true, reps: 8 });
  });

  it("hides an archived template from the default list but still reads it", async () => {
    const created = await adminA().templates.create(draft({ name: "Retiring" }));
    await adminA().templates.archive({ templateId: created.id });

    const list = await clinicianA().templates.list({});
    expect(list.rows.map((r) => r.id)).not.toContain(created.id);
    const all = await clinicianA().templates.list({ filters: { includeArchived: true } });
    expect(all.rows.find((r) => r.id === created.id)).toMatchObject({ archived: true });
    const detail = await clinicianA().templates.get({ templateId: created.id });
    expect(detail).toMatchObject({
      name: "Retiring",
      archived: true,
      archivedAt: expect.any(Date),
    });

    const edit = await refusal(
      adminA().templates.update({ templateId: created.id, ...draft({ name: "No" }) }),
    );
    expect(edit.code).toBe("CONFLICT");
    expect(edit.message).toMatch(/Unarchive it/);

    await adminA().templates.unarchive({ templateId: created.id });
    const back = await clinicianA().templates.list({});
    expect(back.rows.map((r) => r.id)).toContain(created.id);

    const actions = (
      await readIn(t.db, (db) =>
        db
          .select({ action: auditEvents.action })
          .from(auditEvents)
          .where(eq(auditEvents.entityId, created.id))
          .orderBy(desc(auditEvents.at), desc(auditEvents.id)),
      )
    ).map((e) => e.action);
    expect(actions).toEqual([
      "program_template.unarchive",
      "program_template.archive",
      "program_template.create",
    ]);
  });

  it("records nothing when archiving a template that is already archived", async () => {
    const created = await adminA().templates.create(draft({ name: "Archived once" }));
    await adminA().templates.archive({ templateId: created.id });
    await adminA().templates.archive({ templateId: created.id });
    const events = await eventsOf(created.id, "program_template.archive");
    expect(events).toHaveLength(1);
    expect(events[0]?.before).toEqual({ archivedAt: null });
    expect(events[0]?.after).toEqual({ archivedAt: expect.any(String) });
  });
});
