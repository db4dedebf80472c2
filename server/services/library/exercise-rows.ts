import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { exercises, programItems, programTemplates, templateItems } from "@/db/schema";
import { NotFoundError } from "../errors";
import { exerciseVisibleTo } from "./visibility";

export type ExerciseRow = typeof exercises.$inferSelect;

/** An exercise the clinic can see (shared or its own), or NOT_FOUND. */
export function requireVisibleExercise(
  db: DbOrTx,
  clinicId: string,
  exerciseId: string,
): ExerciseRow {
  const row = db
    .select()
    .from(exercises)
    .where(and(eq(exercises.id, exerciseId), exerciseVisibleTo(clinicId)))
    .get();
  if (!row) throw new NotFoundError("That exercise");
  return row;
}

/** An exercise the clinic owns and may change; shared rows are refused by the caller's rule. */
export function requireClinicExercise(
  db: DbOrTx,
  clinicId: string,
  exerciseId: string,
): ExerciseRow {
  const row = db
    .select()
    .from(exercises)
    .where(and(eq(exercises.id, exerciseId), eq(exercises.clinicId, clinicId)))
    .get();
  if (!row) throw new NotFoundError("That exercise");
  return row;
}

/**
 * How many of this clinic's program items, and of the templates it can see, use an exercise. Other
 * clinics' use of a shared exercise is theirs and is never counted here.
 */
export function exerciseUsage(db: DbOrTx, clinicId: string, exerciseId: string) {
  const programs =
    db.get<{ n: number }>(
      sql`select count(*) as n from ${programItems} where ${programItems.exerciseId} = ${exerciseId} and ${programItems.clinicId} = ${clinicId}`,
    )?.n ?? 0;
  const templates =
    db.get<{ n: number }>(
      sql`select count(*) as n from ${templateItems} join ${programTemplates} on ${programTemplates.id} = ${templateItems.templateId}
          where ${templateItems.exerciseId} = ${exerciseId} and (${programTemplates.clinicId} = ${clinicId} or ${programTemplates.clinicId} is null)`,
    )?.n ?? 0;
  return { programs, templates };
}

/** The content columns an audit event records, without media bytes or ids. */
export function auditView(row: ExerciseRow) {
  return {
    name: row.name,
    category: row.category,
    sidedness: row.sidedness,
    bodyRegion: row.bodyRegion,
    targetStructure: row.targetStructure,
    summary: row.summary,
    steps: row.steps,
    whatToFeel: row.whatToFeel,
    stopIf: row.stopIf,
    cautions: row.cautions,
    conditions: row.conditions,
    defaultSets: row.defaultSets,
    defaultReps: row.defaultReps,
    defaultHoldSeconds: row.defaultHoldSeconds,
    defaultRestSeconds: row.defaultRestSeconds,
    defaultDurationSeconds: row.defaultDurationSeconds,
    defaultSessionsPerDay: row.defaultSessionsPerDay,
    defaultDaysPerWeek: row.defaultDaysPerWeek,
    media: row.media.map((m) => m.id),
    archived: row.archivedAt !== null,
  };
}

/** kebab-case from a name, unique among the clinic's own exercises. */
export function uniqueSlug(db: DbOrTx, clinicId: string, name: string): string {
  const base =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "exercise";
  const taken = new Set(
    db
      .select({ slug: exercises.slug })
      .from(exercises)
      .where(and(eq(exercises.clinicId, clinicId), sql`${exercises.slug} like ${`${base}%`}`))
      .all()
      .map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
