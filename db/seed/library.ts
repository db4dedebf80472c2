import { and, eq, isNull } from "drizzle-orm";
import type { Engine } from "../engine/types";
import { exercises, programTemplates, templateItems } from "../schema";
import type { ExerciseFigure } from "../../lib/figure/types";
import { seedExercises } from "./exercises";
import { seedFigures } from "./figures";
import type { SeedDosage } from "./library-types";
import { seedTemplates } from "./templates";

function doseColumns(d: SeedDosage) {
  return {
    sets: d.sets ?? null,
    reps: d.reps ?? null,
    holdSeconds: d.holdSeconds ?? null,
    restSeconds: d.restSeconds ?? null,
    durationSeconds: d.durationSeconds ?? null,
    sessionsPerDay: d.sessionsPerDay,
    daysPerWeek: d.daysPerWeek,
  };
}

/**
 * Loads the shared library and templates from the data files. Safe to run on every start: rows are
 * matched by slug and brought up to date (sidedness and figure included, so a database made before
 * those columns existed gets each exercise's own), never duplicated; clinic rows are never touched.
 * `figures` is the drawings by slug (the data file's, unless a test passes its own); an exercise
 * without one gets null, so a drawing taken out of the file disappears from the library too.
 */
export async function seedLibrary(
  db: Engine,
  options: { figures?: Partial<Record<string, ExerciseFigure>> } = {},
): Promise<{ exercises: number; templates: number }> {
  const figures = options.figures ?? seedFigures;
  // The system path: the shared rows belong to no clinic. Serializable, because each row is
  // looked up by slug before it is written: of two servers starting together on PostgreSQL, the
  // second is retried once the first has committed, and then finds every row and updates it.
  await db.write(
    null,
    async (tx) => {
      const idBySlug = new Map<string, string>();
      for (const e of seedExercises) {
        const d = e.dosage;
        const values = {
          name: e.name,
          category: e.category,
          sidedness: e.sidedness,
          bodyRegion: e.bodyRegion,
          targetStructure: e.targetStructure,
          summary: e.summary,
          steps: e.steps,
          whatToFeel: e.whatToFeel,
          stopIf: e.stopIf,
          cautions: e.cautions,
          conditions: e.conditions,
          figure: figures[e.slug] ?? null,
          defaultSets: d.sets ?? null,
          defaultReps: d.reps ?? null,
          defaultHoldSeconds: d.holdSeconds ?? null,
          defaultRestSeconds: d.restSeconds ?? null,
          defaultDurationSeconds: d.durationSeconds ?? null,
          defaultSessionsPerDay: d.sessionsPerDay,
          defaultDaysPerWeek: d.daysPerWeek,
        } satisfies Partial<typeof exercises.$inferInsert>;
        const [existing] = await tx
          .select({ id: exercises.id })
          .from(exercises)
          .where(and(isNull(exercises.clinicId), eq(exercises.slug, e.slug)))
          .limit(1);
        if (existing) {
          await tx.update(exercises).set(values).where(eq(exercises.id, existing.id));
          idBySlug.set(e.slug, existing.id);
        } else {
          const [row] = await tx
            .insert(exercises)
            .values({ ...values, slug: e.slug, clinicId: null })
            .returning({ id: exercises.id });
          idBySlug.set(e.slug, row!.id);
        }
      }
      const sidednessBySlug = new Map(seedExercises.map((e) => [e.slug, e.sidedness]));
      for (const t of seedTemplates) {
        const values = {
          name: t.name,
          condition: t.condition,
          description: t.description,
        } satisfies Partial<typeof programTemplates.$inferInsert>;
        const [existing] = await tx
          .select({ id: programTemplates.id })
          .from(programTemplates)
          .where(and(isNull(programTemplates.clinicId), eq(programTemplates.slug, t.slug)))
          .limit(1);
        let templateId: string;
        if (existing) {
          templateId = existing.id;
          await tx.update(programTemplates).set(values).where(eq(programTemplates.id, templateId));
          // Template items are copied into programs, never referenced, so replacing them is safe.
          await tx.delete(templateItems).where(eq(templateItems.templateId, templateId));
        } else {
          const [row] = await tx
            .insert(programTemplates)
            .values({ ...values, slug: t.slug, clinicId: null })
            .returning({ id: programTemplates.id });
          templateId = row!.id;
        }
        const items = t.items.map((item, position) => {
          const exerciseId = idBySlug.get(item.exerciseSlug);
          if (!exerciseId)
            throw new Error(`Template ${t.slug} names unknown exercise ${item.exerciseSlug}`);
          // A one-leg exercise is done on the patient's affected leg, the others on both legs,
          // unless the data file names a side (the template editor's default, too).
          const oneLeg = sidednessBySlug.get(item.exerciseSlug) === "one_leg";
          return {
            templateId,
            exerciseId,
            position,
            notes: item.notes ?? null,
            ...doseColumns(item.dosage),
            side: item.side ?? (oneLeg ? ("affected" as const) : ("both" as const)),
            loadKg: item.loadKg ?? null,
            bandColour: item.bandColour ?? null,
          };
        });
        if (items.length > 0) await tx.insert(templateItems).values(items);
      }
    },
    { isolation: "serializable" },
  );
  return { exercises: seedExercises.length, templates: seedTemplates.length };
}
