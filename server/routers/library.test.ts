import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { and, eq, isNull } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertProgramVersion, readIn, sharedExercise } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, exercises } from "@/db/schema";
import type { ExerciseInput } from "@/lib/schemas/exercise-input";
import { STEP_UPS } from "@/server/testing/exercise-input";
import {
  readExerciseImageForPatient,
  readExerciseImageForStaff,
} from "@/server/services/library/exercise-media";
import { patientScope, staffScope } from "@/server/data/scopes";
import { claimsFor, testContext } from "@/server/testing/callers";
import { errorCode } from "@/server/testing/errors";
import { buildTwoClinics } from "@/server/testing/world";
import { createCaller } from "@/server/root";

let t: TestDb;
const mediaDir = mkdtempSync(path.join(tmpdir(), "rehabit-media-"));
afterAll(async () => {
  await t.cleanup();
  rmSync(mediaDir, { recursive: true, force: true });
});
let w: Awaited<ReturnType<typeof buildTwoClinics>>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

/** One exercise row as stored, read on the system path. */
const exerciseRow = async (id: string) => {
  const [row] = await readIn(t.db, (db) =>
    db.select().from(exercises).where(eq(exercises.id, id)).limit(1),
  );
  return row;
};

const as = (user: Parameters<typeof claimsFor>[0]) =>
  createCaller(testContext(t.db, { claims: claimsFor(user), mediaDir }));

const valid = STEP_UPS;

async function picture(format: "png" | "jpeg" | "webp"): Promise<Uint8Array<ArrayBuffer>> {
  const base = sharp({
    create: { width: 40, height: 30, channels: 3, background: "#3366aa" },
  }).withMetadata({ exif: { IFD0: { Artist: "Secret Name" } } });
  return new Uint8Array(
    await (
      format === "png" ? base.png() : format === "jpeg" ? base.jpeg() : base.webp()
    ).toBuffer(),
  );
}

function form(exerciseId: string, bytes: Uint8Array<ArrayBuffer>, name = "photo.png") {
  const data = new FormData();
  data.set("exerciseId", exerciseId);
  data.set("alt", "Starting position");
  data.set("file", new Blob([bytes]), name);
  return data;
}

describe("the shared library", () => {
  it("is seeded with every exercise family and a default dose", async () => {
    const { results, counts } = await as(w.clinicianA).library.list({});
    expect(results.length).toBeGreaterThanOrEqual(24);
    expect(counts.category.neural_glide).toBe(4);
    expect(counts.category.cardio).toBeGreaterThanOrEqual(1);
    const glide = await as(w.clinicianA).library.get({
      exerciseId: (await sharedExercise(t.db, "sciatic-nerve-glide-seated")).id,
    });
    expect(glide.defaults.reps).toBe(10);
    expect(glide.sidedness).toBe("each_leg");
    expect(glide.doseText).toBe("10 times, each leg in turn, twice a day, every day");
    const squat = await as(w.clinicianA).library.get({
      exerciseId: (await sharedExercise(t.db, "wall-squat")).id,
    });
    expect(squat.frequencyText).toBe("both legs together, once a day, 4 days a week");
    const picked = await as(w.clinicianA).library.list({ search: "wall squat" });
    expect(picked.results.map((r) => [r.name, r.sidedness])).toEqual([["Wall squat", "together"]]);
  });

  it("searches name, target and steps, every word, and counts each filter's matches", async () => {
    const byName = await as(w.clinicianA).library.list({ search: "clamshell" });
    expect(byName.results.map((r) => r.name)).toEqual(["Clamshell"]);
    const byTarget = await as(w.clinicianA).library.list({ search: "femoral nerve" });
    expect(byTarget.results.some((r) => r.targetStructure === "Femoral nerve")).toBe(true);
    const filtered = await as(w.clinicianA).library.list({
      category: "neural_glide",
      condition: "sciatica_knee_pain",
    });
    expect(
      filtered.results.every(
        (r) => r.category === "neural_glide" && r.conditions.includes("sciatica_knee_pain"),
      ),
    ).toBe(true);
    // The category counts ignore the category filter itself but apply the condition filter.
    const sciatica = await as(w.clinicianA).library.list({ condition: "sciatica_knee_pain" });
    expect(filtered.counts.category.strengthening).toBe(
      sciatica.results.filter((r) => r.category === "strengthening").length,
    );
    expect(filtered.total).toBe(filtered.counts.category.neural_glide);
  });
});

describe("clinic exercises", () => {
  let id = "";

  it("lets an admin create one, validated, and audits it", async () => {
    await expect(as(w.adminA).library.create({ ...valid, name: " ", steps: [] })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "BAD_REQUEST",
    );
    // How it is done is required: the same zod schema as the form.
    const { sidedness: _sidedness, ...withoutSidedness } = valid;
    const missing = await as(w.adminA)
      .library.create(withoutSidedness as ExerciseInput)
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(TRPCError);
    expect((missing as TRPCError).code).toBe("BAD_REQUEST");
    id = (await as(w.adminA).library.create(valid)).id;
    const created = await as(w.clinicianA).library.get({ exerciseId: id });
    expect(created.origin).toBe("clinic");
    expect(created.sidedness).toBe("one_leg");
    expect(created.doseText).toBe(
      "2 sets of 10, rest 1 minute between sets, the affected leg, once a day, 4 days a week",
    );
    const events = await readIn(t.db, (db) =>
      db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(auditEvents.seq),
    );
    expect(events[0]?.action).toBe("exercise.create");
    expect(events[0]?.after).toMatchObject({ name: valid.name, sidedness: "one_leg" });
  });

  it("is invisible to another clinic, exactly like a missing id", async () => {
    const other = await as(w.clinicianB).library.get({ exerciseId: id }).catch(errorCode);
    expect(other).toBe("NOT_FOUND");
    expect((await as(w.clinicianB).library.list({ search: "step-ups" })).results).toHaveLength(0);
    expect(
      await as(w.clinicianB).library.update({ exerciseId: id, exercise: valid }).catch(errorCode),
    ).toBe("FORBIDDEN");
  });

  it("refuses every change from a clinician", async () => {
    const c = as(w.clinicianA);
    const shared = (await sharedExercise(t.db, "clamshell")).id;
    // Each call made only when awaited: a refusal settling before its turn would go unhandled.
    for (const attempt of [
      () => c.library.create(valid),
      () => c.library.update({ exerciseId: id, exercise: valid }),
      () => c.library.copyToClinic({ exerciseId: shared }),
      () => c.library.setArchived({ exerciseId: id, archived: true }),
      () => c.library.delete({ exerciseId: id }),
    ]) {
      expect(await attempt().catch(errorCode)).toBe("FORBIDDEN");
    }
  });

  it("records before and after when edited", async () => {
    await as(w.adminA).library.update({
      exerciseId: id,
      exercise: { ...valid, defaultReps: 12, sidedness: "each_leg" },
    });
    const [event] = await readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "exercise.update")))
        .limit(1),
    );
    expect(event?.before).toMatchObject({ defaultReps: 10, sidedness: "one_leg" });
    expect(event?.after).toMatchObject({ defaultReps: 12, sidedness: "each_leg" });
    const updated = await as(w.clinicianA).library.get({ exerciseId: id });
    expect(updated.frequencyText).toBe("each leg in turn, once a day, 4 days a week");
  });

  it("copies a shared exercise into the clinic and leaves the original as it was", async () => {
    const original = await sharedExercise(t.db, "wall-squat");
    expect(
      await as(w.adminA)
        .library.update({ exerciseId: original.id, exercise: valid })
        .catch(errorCode),
    ).toBe("CONFLICT");
    const copy = await as(w.adminA).library.copyToClinic({ exerciseId: original.id });
    // The copy is done the same way as the original until the clinic says otherwise.
    expect((await as(w.adminA).library.get({ exerciseId: copy.id })).sidedness).toBe("together");
    await as(w.adminA).library.update({
      exerciseId: copy.id,
      exercise: { ...valid, name: "Wall squat (our way)" },
    });
    expect(await sharedExercise(t.db, "wall-squat")).toEqual(original);
    const row = await exerciseRow(copy.id);
    expect(row?.clinicId).toBe(w.clinicA.id);
    expect(row?.copiedFromId).toBe(original.id);
  });

  it("archives: gone from search by default, still readable, and marked in programs", async () => {
    const { version } = await insertProgramVersion(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      authorId: w.clinicianA.id,
      items: [{ exerciseId: id, sets: 1, reps: 5 }],
    });
    expect(await as(w.adminA).library.delete({ exerciseId: id }).catch(errorCode)).toBe("CONFLICT");
    await as(w.adminA).library.setArchived({ exerciseId: id, archived: true });
    expect((await as(w.adminA).library.list({ search: "step-ups" })).results).toHaveLength(0);
    expect(
      (await as(w.adminA).library.list({ search: "step-ups", includeArchived: true })).results[0]
        ?.archived,
    ).toBe(true);
    expect((await as(w.adminA).library.get({ exerciseId: id })).archived).toBe(true);
    const patient = await as(w.clinicianA).patients.get({ patientId: w.patientA.id });
    expect(patient.program?.version.id).toBe(version.id);
    expect(patient.program?.items.find((i) => i.exercise.id === id)?.exercise.archived).toBe(true);
    await as(w.adminA).library.setArchived({ exerciseId: id, archived: false });
    expect((await as(w.adminA).library.list({ search: "step-ups" })).results).toHaveLength(1);
  });

  it("deletes an exercise nothing uses", async () => {
    const unused = await as(w.adminA).library.create({ ...valid, name: "Unused drill" });
    await as(w.adminA).library.delete({ exerciseId: unused.id });
    expect(await as(w.adminA).library.get({ exerciseId: unused.id }).catch(errorCode)).toBe(
      "NOT_FOUND",
    );
  });
});

describe("pictures", () => {
  let exerciseId = "";
  beforeAll(async () => {
    exerciseId = (await as(w.adminA).library.create({ ...valid, name: "Picture test" })).id;
  });

  it("accepts PNG, JPEG and WebP, re-encoded without their metadata", async () => {
    for (const format of ["png", "jpeg", "webp"] as const) {
      await as(w.adminA).library.addImage(form(exerciseId, await picture(format)));
    }
    const stored = (await as(w.adminA).library.get({ exerciseId })).media;
    expect(stored).toHaveLength(3);
    const row = (await exerciseRow(exerciseId))!;
    for (const m of row.media) {
      const meta = await sharp(path.join(mediaDir, m.file)).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.width).toBe(40);
    }
  });

  it("refuses a renamed non-image, by its content", async () => {
    const fake = new TextEncoder().encode("%PDF-1.7 this is not a picture at all");
    const error = await as(w.adminA)
      .library.addImage(form(exerciseId, fake, "holiday.png"))
      .catch((e: TRPCError) => e);
    expect(errorCode(error)).toBe("CONFLICT");
    expect((error as TRPCError).message).toMatch(/not a PNG, JPEG or WebP/);
    const damaged = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect(await as(w.adminA).library.addImage(form(exerciseId, damaged)).catch(errorCode)).toBe(
      "CONFLICT",
    );
  });

  it("refuses a picture over 5 MB", async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(await as(w.adminA).library.addImage(form(exerciseId, big)).catch(errorCode)).toBe(
      "BAD_REQUEST",
    );
  });

  it("reorders and removes, deleting the file", async () => {
    const before = (await as(w.adminA).library.get({ exerciseId })).media.map((m) => m.id);
    await as(w.adminA).library.reorderImages({ exerciseId, order: [...before].reverse() });
    expect((await as(w.adminA).library.get({ exerciseId })).media.map((m) => m.id)).toEqual(
      [...before].reverse(),
    );
    expect(
      await as(w.adminA)
        .library.reorderImages({ exerciseId, order: before.slice(1) })
        .catch(errorCode),
    ).toBe("CONFLICT");
    const filesBefore = readdirSync(mediaDir).length;
    await as(w.adminA).library.removeImage({ exerciseId, imageId: before[0]! });
    expect(readdirSync(mediaDir).length).toBe(filesBefore - 1);
  });

  it("serves a picture to the clinic's staff and to patients whose program includes it, no one else", async () => {
    const [image] = (await as(w.adminA).library.get({ exerciseId })).media;
    const staff = (user: typeof w.clinicianA) =>
      staffScope(
        t.db,
        {
          userId: user.id,
          clinicId: user.clinicId,
          clinicName: "",
          role: user.role,
          name: user.name,
          email: user.email,
        },
        null,
      );
    expect(
      await readExerciseImageForStaff({
        scope: staff(w.clinicianA),
        mediaDir,
        exerciseId,
        imageId: image!.id,
      }),
    ).not.toBeNull();
    expect(
      await readExerciseImageForStaff({
        scope: staff(w.clinicianB),
        mediaDir,
        exerciseId,
        imageId: image!.id,
      }),
    ).toBeNull();
    const patient = (p: typeof w.patientA) =>
      patientScope(t.db, { clinicId: p.clinicId, patientId: p.id, linkId: "l" }, null);
    expect(
      await readExerciseImageForPatient({
        scope: patient(w.patientA),
        mediaDir,
        exerciseId,
        imageId: image!.id,
      }),
    ).toBeNull();
    await insertProgramVersion(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      authorId: w.clinicianA.id,
      items: [{ exerciseId, sets: 1, reps: 5 }],
    });
    const served = await readExerciseImageForPatient({
      scope: patient(w.patientA),
      mediaDir,
      exerciseId,
      imageId: image!.id,
    });
    expect(served?.mimeType).toMatch(/^image\//);
    expect(
      await readExerciseImageForPatient({
        scope: patient(w.patientB),
        mediaDir,
        exerciseId,
        imageId: image!.id,
      }),
    ).toBeNull();
  });

  it("answers a missing file with nothing rather than an error", async () => {
    const row = (await exerciseRow(exerciseId))!;
    rmSync(path.join(mediaDir, row.media[0]!.file));
    expect(existsSync(path.join(mediaDir, row.media[0]!.file))).toBe(false);
    const scope = staffScope(
      t.db,
      {
        userId: w.adminA.id,
        clinicId: w.clinicA.id,
        clinicName: w.clinicA.name,
        role: "admin",
        name: w.adminA.name,
        email: w.adminA.email,
      },
      null,
    );
    expect(
      await readExerciseImageForStaff({ scope, mediaDir, exerciseId, imageId: row.media[0]!.id }),
    ).toBeNull();
  });

  it("keeps shared exercises free of clinic pictures", async () => {
    const [shared] = await readIn(t.db, (db) =>
      db
        .select()
        .from(exercises)
        .where(and(isNull(exercises.clinicId), eq(exercises.slug, "clamshell")))
        .limit(1),
    );
    expect(
      await as(w.adminA)
        .library.addImage(form(shared!.id, await picture("png")))
        .catch(errorCode),
    ).toBe("NOT_FOUND");
  });
});
