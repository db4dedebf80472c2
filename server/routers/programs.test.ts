import { TRPCError } from "@trpc/server";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPatient, insertUser, readIn, sharedExercise } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, patientLinks, programItems, programVersions } from "@/db/schema";
import type { Tx } from "@/db/engine/types";
import type { ProgramItemInput, SaveProgramVersionDraft } from "@/lib/schemas/program";
import { patientCaller, staffCaller } from "@/server/testing/callers";
import { codeOf, errorCode } from "@/server/testing/errors";
import { buildTwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(() => t.cleanup());
let w: Awaited<ReturnType<typeof buildTwoClinics>>;
let colleague: Awaited<ReturnType<typeof insertUser>>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
  colleague = await insertUser(t.db, {
    clinicId: w.clinicA.id,
    role: "clinician",
    name: "Colleague",
  });
});

/** What the database said when it refused a write (drizzle wraps it in "Failed query: …"). */
async function refusalOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return "accepted";
  } catch (error) {
    const said: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) said.push(e.message);
    return said.join(" / ");
  }
}

async function item(slug: string, over: Partial<ProgramItemInput> = {}): Promise<ProgramItemInput> {
  return {
    exerciseId: (await sharedExercise(t.db, slug)).id,
    sets: 2,
    reps: 10,
    holdSeconds: null,
    restSeconds: null,
    durationSeconds: null,
    sessionsPerDay: 1,
    daysPerWeek: 5,
    side: "both",
    loadKg: null,
    bandColour: null,
    notes: null,
    ...over,
  };
}

describe("program versions", () => {
  let patientId = "";

  it("saves version 1 as the initial version for a new patient", async () => {
    const created = await staffCaller(t.db, w.clinicianA).patients.create({
      displayName: "Vera Version",
      yearOfBirth: 1980,
      condition: "medial_knee_pain",
      affectedSide: "right",
      timeZone: "Europe/London",
      primaryClinicianId: w.clinicianA.id,
    });
    patientId = created.id;
    const saved = await staffCaller(t.db, w.clinicianA).programs.saveVersion({
      patientId,
      baseVersionNumber: null,
      reason: "progress",
      note: null,
      painLimit: 5,
      items: [await item("wall-squat"), await item("adductor-squeeze", { holdSeconds: 5 })],
    });
    expect(saved.number).toBe(1);
    const [version] = await readIn(t.db, (db) =>
      db.select().from(programVersions).where(eq(programVersions.id, saved.versionId)),
    );
    expect(version?.reason).toBe("initial");
  });

  it("saves a progression as version 2 and keeps version 1 exactly as it was", async () => {
    const firstVersions = () =>
      readIn(t.db, (db) =>
        db
          .select()
          .from(programItems)
          .innerJoin(programVersions, eq(programVersions.id, programItems.versionId))
          .where(and(eq(programVersions.number, 1), eq(programVersions.clinicId, w.clinicA.id)))
          .orderBy(asc(programItems.versionId), asc(programItems.position)),
      );
    const v1Items = await firstVersions();
    expect(v1Items.length).toBeGreaterThan(0);
    const saved = await staffCaller(t.db, w.clinicianA).programs.saveVersion({
      patientId,
      baseVersionNumber: 1,
      reason: "progress",
      note: "Settled well",
      painLimit: 4,
      items: [await item("wall-squat", { reps: 12 }), await item("glute-bridge")],
    });
    expect(saved.number).toBe(2);
    expect(await firstVersions()).toEqual(v1Items);
    const history = await staffCaller(t.db, w.clinicianA).programs.history({ patientId });
    expect(history.map((v) => [v.number, v.reason])).toEqual([
      [2, "progress"],
      [1, "initial"],
    ]);
    expect(history[0]?.changes).toEqual([
      "Added Glute bridge",
      "Removed Inner thigh (adductor) squeeze",
      "Wall squat: reps 10 → 12",
      "Pain limit 5 → 4",
    ]);
    expect(history[0]?.authorName).toBe(w.clinicianA.name);
  });

  it("never rewrites a saved version, even by hand", async () => {
    const byHand = (change: (tx: Tx) => Promise<unknown>) => refusalOf(t.db.write(null, change));
    const inA = w.clinicA.id;
    expect(
      await byHand((tx) =>
        tx.update(programItems).set({ reps: 1 }).where(eq(programItems.clinicId, inA)),
      ),
    ).toMatch(/program items are immutable/);
    expect(
      await byHand((tx) =>
        tx.update(programVersions).set({ painLimit: 9 }).where(eq(programVersions.clinicId, inA)),
      ),
    ).toMatch(/program versions are immutable/);
    expect(
      await byHand((tx) => tx.delete(programVersions).where(eq(programVersions.clinicId, inA))),
    ).toMatch(/program versions are immutable/);
    expect(
      await byHand((tx) => tx.delete(programItems).where(eq(programItems.clinicId, inA))),
    ).toMatch(/program items are immutable/);
  });

  it("tells the second of two clinicians saving at once, and writes nothing for them", async () => {
    const mine = staffCaller(t.db, w.clinicianA);
    const theirs = staffCaller(t.db, colleague);
    const draft = {
      patientId,
      baseVersionNumber: 2,
      reason: "hold" as const,
      note: null,
      painLimit: 4,
      items: [await item("wall-squat", { reps: 12 })],
    };
    const first = await theirs.programs.saveVersion(draft);
    expect(first.number).toBe(3);
    const second = await mine.programs
      .saveVersion({ ...draft, items: [await item("clamshell")] })
      .catch((e: TRPCError) => e);
    expect(errorCode(second)).toBe("CONFLICT");
    expect((second as TRPCError).message).toMatch(/saved version 3 .* while you were editing/);
    expect((await mine.programs.history({ patientId })).map((v) => v.number)).toEqual([3, 2, 1]);
  });

  it("shows the patient the version in force", async () => {
    const link = await staffCaller(t.db, w.clinicianA).patientLinks.create({ patientId });
    const plan = await patientCaller(t.db, link.token).plan.today();
    expect(plan.items.map((i) => i.sessionText)).toEqual(["2 sets of 12"]);
  });

  it("validates every dose with a message per field", async () => {
    const error = await staffCaller(t.db, w.clinicianA)
      .programs.saveVersion({
        patientId,
        baseVersionNumber: 3,
        reason: "edit",
        note: null,
        painLimit: 11,
        items: [await item("wall-squat", { sets: 0, loadKg: 2, bandColour: "red" })],
      })
      .catch((e: TRPCError) => e);
    expect(errorCode(error)).toBe("BAD_REQUEST");
  });

  it("keeps another clinic out, as if the patient did not exist", async () => {
    const draft = {
      patientId,
      baseVersionNumber: 3,
      reason: "edit" as const,
      note: null,
      painLimit: 5,
      items: [await item("wall-squat")],
    };
    expect(await staffCaller(t.db, w.clinicianB).programs.saveVersion(draft).catch(errorCode)).toBe(
      "NOT_FOUND",
    );
    expect(
      await staffCaller(t.db, w.clinicianB).programs.history({ patientId }).catch(errorCode),
    ).toBe("NOT_FOUND");
  });

  it("refuses a new archived exercise but keeps one already in the program", async () => {
    const exerciseId = (
      await staffCaller(t.db, w.adminA).library.copyToClinic({
        exerciseId: (await sharedExercise(t.db, "clamshell")).id,
      })
    ).id;
    await staffCaller(t.db, w.adminA).library.setArchived({ exerciseId, archived: true });
    const draft = {
      patientId,
      baseVersionNumber: 3,
      reason: "edit" as const,
      note: null,
      painLimit: 5,
      items: [{ ...(await item("wall-squat")), exerciseId }],
    };
    expect(await staffCaller(t.db, w.clinicianA).programs.saveVersion(draft).catch(errorCode)).toBe(
      "CONFLICT",
    );
  });
});

describe("patients", () => {
  it("adds a patient with the clinic's time zone and the adding clinician by default", async () => {
    const defaults = await staffCaller(t.db, w.clinicianA).patients.newDefaults();
    expect(defaults.timeZone).toBe("Europe/London");
    expect(defaults.primaryClinicianId).toBe(w.clinicianA.id);
    expect(defaults.clinicians.map((c) => c.id)).not.toContain(w.clinicianB.id);
  });

  it("finds patients by name ignoring case, with % and _ taken literally, in the clinic only", async () => {
    for (const displayName of ["Zed Upper", "Percy 100% Pat", "Una under_score"]) {
      await insertPatient(t.db, {
        clinicId: w.clinicA.id,
        primaryClinicianId: w.clinicianA.id,
        displayName,
      });
    }
    await insertPatient(t.db, {
      clinicId: w.clinicB.id,
      primaryClinicianId: w.clinicianB.id,
      displayName: "Zed Elsewhere",
    });
    const names = async (search: string) =>
      (
        await staffCaller(t.db, w.clinicianA).patients.list({
          filters: { mine: false, status: "all", search },
        })
      ).rows.map((r) => r.displayName);
    expect(await names("zED")).toEqual(["Zed Upper"]);
    expect(await names("%")).toEqual(["Percy 100% Pat"]);
    expect(await names("_")).toEqual(["Una under_score"]);
    expect(await names("0%")).toEqual(["Percy 100% Pat"]);
    expect(await names("R_S")).toEqual(["Una under_score"]);
  });

  it("validates every field with a clear message", async () => {
    const error = await staffCaller(t.db, w.clinicianA)
      .patients.create({
        displayName: " ",
        yearOfBirth: 1850,
        condition: "runners_knee",
        affectedSide: "left",
        timeZone: "Mars/Base",
        primaryClinicianId: w.clinicianA.id,
      })
      .catch((e: TRPCError) => e);
    expect(errorCode(error)).toBe("BAD_REQUEST");
    expect(JSON.stringify((error as TRPCError).cause)).toMatch(/1900 or later/);
  });

  it("cannot give a patient another clinic's clinician", async () => {
    const attempt = staffCaller(t.db, w.clinicianA).patients.create({
      displayName: "X",
      yearOfBirth: 1990,
      condition: "runners_knee",
      affectedSide: "left",
      timeZone: "UTC",
      primaryClinicianId: w.clinicianB.id,
    });
    expect(await attempt.catch(errorCode)).toBe("NOT_FOUND");
  });

  it("discharges (ending the program and every link, keeping history) and re-admits", async () => {
    const p = await insertPatient(t.db, {
      clinicId: w.clinicA.id,
      primaryClinicianId: w.clinicianA.id,
      displayName: "Dora Discharge",
    });
    const staff = staffCaller(t.db, w.clinicianA);
    await staff.programs.saveVersion({
      patientId: p.id,
      baseVersionNumber: null,
      reason: "initial",
      note: null,
      painLimit: 5,
      items: [await item("wall-squat")],
    });
    const link = await staff.patientLinks.create({ patientId: p.id });
    await staff.patients.discharge({ patientId: p.id });
    await expect(patientCaller(t.db, link.token).plan.today()).rejects.toSatisfy(
      (e: unknown) => errorCode(e) === "UNAUTHORIZED",
    );
    const links = await readIn(t.db, (db) =>
      db.select().from(patientLinks).where(eq(patientLinks.patientId, p.id)),
    );
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((l) => l.revokedAt)).toBe(true);
    const record = await staff.patients.get({ patientId: p.id });
    expect(record.patient.status).toBe("discharged");
    expect(record.program).toBeNull();
    expect((await staff.programs.history({ patientId: p.id })).map((v) => v.number)).toEqual([1]);
    expect(
      await staff.programs
        .saveVersion({
          patientId: p.id,
          baseVersionNumber: null,
          reason: "initial",
          note: null,
          painLimit: 5,
          items: [await item("wall-squat")],
        })
        .catch(errorCode),
    ).toBe("CONFLICT");

    await staff.patients.readmit({ patientId: p.id });
    const fresh = await staff.programs.saveVersion({
      patientId: p.id,
      baseVersionNumber: null,
      reason: "initial",
      note: null,
      painLimit: 5,
      items: [await item("glute-bridge")],
    });
    expect(fresh.number).toBe(1);
    expect((await staff.programs.history({ patientId: p.id })).length).toBe(2);
    const actions = (
      await readIn(t.db, (db) =>
        db
          .select({ action: auditEvents.action })
          .from(auditEvents)
          .where(eq(auditEvents.patientId, p.id)),
      )
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["patient.discharge", "patient.readmit", "program_version.create"]),
    );
  });
});

describe("saves at the same moment", () => {
  it("lets exactly one of two saves from the same version through, and tells the other", async () => {
    const patient = await insertPatient(t.db, {
      clinicId: w.clinicA.id,
      primaryClinicianId: w.clinicianA.id,
      displayName: "Sam Simultaneous",
    });
    const draft = async (slug: string, base: number | null) => ({
      patientId: patient.id,
      baseVersionNumber: base,
      reason: base === null ? ("initial" as const) : ("edit" as const),
      note: null,
      painLimit: 5,
      items: [await item(slug)],
    });
    const mine = staffCaller(t.db, w.clinicianA);
    const theirs = staffCaller(t.db, colleague);
    // Both from nothing (the first program), then both from version 1, each draft a change.
    const rounds = [
      [null, "wall-squat", "glute-bridge"],
      [1, "clamshell", "calf-raises"],
    ] as const;
    for (const [base, one, other] of rounds) {
      const [a, b] = [await draft(one, base), await draft(other, base)];
      const codes = await Promise.all([
        codeOf(mine.programs.saveVersion(a)),
        codeOf(theirs.programs.saveVersion(b)),
      ]);
      expect(codes.sort()).toEqual(["CONFLICT", "OK"]);
    }
    expect((await mine.programs.history({ patientId: patient.id })).map((v) => v.number)).toEqual([
      2, 1,
    ]);
  });

  it("discharges once when two clinicians discharge at the same moment", async () => {
    const patient = await insertPatient(t.db, {
      clinicId: w.clinicA.id,
      primaryClinicianId: w.clinicianA.id,
      displayName: "Dan Double",
    });
    const codes = await Promise.all([
      codeOf(staffCaller(t.db, w.clinicianA).patients.discharge({ patientId: patient.id })),
      codeOf(staffCaller(t.db, colleague).patients.discharge({ patientId: patient.id })),
    ]);
    expect(codes.sort()).toEqual(["CONFLICT", "OK"]);
    const discharges = await readIn(t.db, (db) =>
      db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(
          and(eq(auditEvents.patientId, patient.id), eq(auditEvents.action, "patient.discharge")),
        ),
    );
    expect(discharges).toHaveLength(1);
  });
});

describe("sides", () => {
  let patientId = "";
  const save = (items: ProgramItemInput[], base: number | null = null) =>
    staffCaller(t.db, w.clinicianA).programs.saveVersion({
      patientId,
      baseVersionNumber: base,
      reason: base === null ? "initial" : "edit",
      note: null,
      painLimit: 5,
      items,
    });

  beforeAll(async () => {
    patientId = (
      await insertPatient(t.db, {
        clinicId: w.clinicA.id,
        primaryClinicianId: w.clinicianA.id,
        displayName: "Lena Leftknee",
        affectedSide: "left",
      })
    ).id;
  });

  it("refuses a together exercise on one leg, naming the exercise and what to do", async () => {
    const error = await save([await item("wall-squat", { side: "left" })]).catch((e: unknown) => e);
    expect(errorCode(error)).toBe("CONFLICT");
    expect((error as TRPCError).message).toBe(
      "Wall squat is done with both legs together, so it cannot be set to the left leg only. Set its side to both and save again.",
    );
  });

  it("refuses a note that names a different side, and says what to fix", async () => {
    const error = await save([
      await item("wall-squat"),
      await item("hamstring-stretch", { side: "left", notes: "Each leg." }),
    ]).catch((e: unknown) => e);
    expect(errorCode(error)).toBe("CONFLICT");
    expect((error as TRPCError).message).toBe(
      "Hamstring stretch: the note says “each leg” but the patient is told “left leg”. Change the note or the side so they say the same.",
    );
    const right = await save([
      await item("quadriceps-sets", { side: "right", notes: "Left first" }),
    ])
      .then(() => "saved")
      .catch(errorCode);
    expect(right).toBe("CONFLICT");
    // Nothing was written by the refused saves.
    expect((await staffCaller(t.db, w.clinicianA).programs.history({ patientId })).length).toBe(0);
  });

  it("saves what agrees and every view reads the same side in the same words", async () => {
    await save([
      await item("wall-squat", { notes: "Keep both feet flat" }),
      await item("hamstring-stretch", { notes: "Each leg." }),
      await item("quadriceps-sets", { side: "left" }),
    ]);
    const staff = staffCaller(t.db, w.clinicianA);
    const handout = await staff.handout.get({ patientId });
    expect(handout.program?.items.map((i) => i.frequencyText)).toEqual([
      "both legs together, once a day, 5 days a week",
      "each leg in turn, once a day, 5 days a week",
      "left leg, once a day, 5 days a week",
    ]);
    const link = await staff.patientLinks.create({ patientId });
    const plan = await patientCaller(t.db, link.token).plan.today();
    expect(plan.items.map((i) => i.doseText)).toEqual(
      handout.program?.items.map((i) => i.doseText),
    );
    const editing = await staff.programs.forEditing({ patientId });
    expect(editing.items.map((i) => [i.name, i.sidedness, i.side])).toEqual([
      ["Wall squat", "together", "both"],
      ["Hamstring stretch", "each_leg", "both"],
      ["Quadriceps sets (thigh squeeze)", "one_leg", "left"],
    ]);
  });

  it("gives the builder each template exercise's sidedness", async () => {
    const templates = await staffCaller(t.db, w.clinicianA).templates.list({
      page: 1,
      pageSize: 100,
      filters: { includeArchived: false },
    });
    const medial = templates.rows.find((r) => r.name === "Pain on the inside of the knee")!;
    const draft = await staffCaller(t.db, w.clinicianA).templates.forProgram({
      templateId: medial.id,
    });
    expect(draft.items.map((i) => [i.exerciseName, i.exerciseSidedness])).toEqual([
      ["Inner thigh (adductor) stretch, sitting", "each_leg"],
      ["Wall slides (lying)", "one_leg"],
      ["Controlled knee bends", "together"],
      ["Inner thigh (adductor) squeeze", "together"],
      ["Kneeling leg extension", "each_leg"],
      ["Gentle exercise bike", "together"],
    ]);
    const other = await staffCaller(t.db, w.clinicianB)
      .templates.forProgram({ templateId: "0".repeat(36) })
      .catch(errorCode);
    expect(other).toBe("NOT_FOUND");
  });
});

describe("saving with nothing changed", () => {
  it("makes no version, says so, and writes nothing, not even an audit row", async () => {
    const patient = await insertPatient(t.db, {
      clinicId: w.clinicA.id,
      primaryClinicianId: w.clinicianA.id,
      displayName: "Nora Nochange",
      affectedSide: "right",
    });
    const staff = staffCaller(t.db, w.clinicianA);
    const items = [
      await item("wall-squat", { loadKg: 2.5 }),
      await item("quadriceps-sets", { side: "affected", notes: "Slowly." }),
    ];
    const first = await staff.programs.saveVersion({
      patientId: patient.id,
      baseVersionNumber: null,
      reason: "initial",
      note: null,
      painLimit: 4,
      items,
    });
    expect(first).toMatchObject({ number: 1, unchanged: false });
    // "The affected leg" was stored as this patient's right leg.
    const editing = await staff.programs.forEditing({ patientId: patient.id });
    expect(editing.items.map((i) => i.side)).toEqual(["both", "right"]);

    const audited = async () =>
      (
        await readIn(t.db, (db) =>
          db.select().from(auditEvents).where(eq(auditEvents.patientId, patient.id)),
        )
      ).filter((e) => e.action === "program_version.create").length;
    const again = (over: Partial<SaveProgramVersionDraft>) =>
      staff.programs.saveVersion({
        patientId: patient.id,
        baseVersionNumber: 1,
        reason: "hold",
        note: "Reviewed, no change.",
        painLimit: 4,
        items,
        ...over,
      });
    // The same draft, with the side as sent or as stored, and a note that is only spaces.
    for (const same of [
      items,
      [items[0]!, { ...items[1]!, side: "right" as const }],
      [{ ...items[0]!, notes: "  " }, items[1]!],
    ]) {
      expect(await again({ items: same })).toEqual({
        versionId: first.versionId,
        number: 1,
        unchanged: true,
      });
    }
    expect((await staff.programs.history({ patientId: patient.id })).length).toBe(1);
    expect(await audited()).toBe(1);

    // Any real change is a new version: a dose, the order, the pain limit.
    expect(await again({ items: [items[0]!, { ...items[1]!, reps: 12 }] })).toMatchObject({
      number: 2,
      unchanged: false,
    });
    const two = [items[0]!, { ...items[1]!, reps: 12 }];
    expect(
      await again({ baseVersionNumber: 2, items: [two[1]!, two[0]!] }).then((r) => r.number),
    ).toBe(3);
    expect(
      await again({ baseVersionNumber: 3, items: [two[1]!, two[0]!], painLimit: 3 }).then(
        (r) => r.number,
      ),
    ).toBe(4);
    expect(await audited()).toBe(4);
  });
});
