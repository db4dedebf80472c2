import { count, eq, like } from "drizzle-orm";
import type { Db } from "@/db/engine/types";
import { exercises, programItems, programTemplates, templateItems } from "@/db/schema";
import type { ClinicData } from "@/server/data/clinic-data";
import { NotFoundError } from "../errors";
import { exerciseVisibleTo, templateVisibleTo } from "./visibility";

export type ExerciseRow = typeof exercises.$inferSelect;

/** An exercise the clinic can see (shared or its own), or NOT_FOUND. */
export async function requireVisibleExercise(
  db: Db,
  data: ClinicData,
  exerciseId: string,
): Promise<ExerciseRow> {
  const [row] = await db
    .select()
    .from(exercises)
    .where(exerciseVisibleTo(data, eq(exercises.id, exerciseId)))
    .limit(1);
  if (!row) throw new NotFoundError("That exercise");
  return row;
}

/** An exercise the clinic owns and may change; shared rows are refused by the caller's rule. */
export async function requireClinicExercise(
  db: Db,
  data: ClinicData,
  exerciseId: string,
): Promise<ExerciseRow> {
  const [row] = await db
    .select()
    .from(exercises)
    .where(data.mine(exercises, eq(exercises.id, exerciseId)))
    .limit(1);
  if (!row) throw new NotFoundError("That exercise");
  return row;
}

/**
 * How many of this clinic's program items, and of the templates it can see, use an exercise. Other
 * clinics' use of a shared exercise is theirs and is never counted here.
 */
export async function exerciseUsage(db: Db, data: ClinicData, exerciseId: string) {
  const [programs] = await db
    .select({ n: count() })
    .from(programItems)
    .where(data.mine(programItems, eq(programItems.exerciseId, exerciseId)));
  const [templates] = await db
    .select({ n: count() })
    .from(templateItems)
    .innerJoin(programTemplates, eq(programTemplates.id, templateItems.templateId))
    .where(templateVisibleTo(data, eq(templateItems.exerciseId, exerciseId)));
  return { programs: programs?.n ?? 0, templates: templates?.n ?? 0 };
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
    figure: row.figure,
    archived: row.archivedAt !== null,
  };
}

/** kebab-case from a name, unique among the clinic's own exercises. */
export async function uniqueSlug(db: Db, data: ClinicData, name: string): Promise<string> {
  const base =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "exercise";
  // Slugs and `base` are lower-case letters, digits and dashes only, so LIKE matches the same rows
  // on SQLite (case-insensitive) and PostgreSQL (case-sensitive), and has no wildcard to escape.
  const rows = await db
    .select({ slug: exercises.slug })
    .from(exercises)
    .where(data.mine(exercises, like(exercises.slug, `${base}%`)));
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
