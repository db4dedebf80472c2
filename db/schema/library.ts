import { sql } from "drizzle-orm";
import { check, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { clinics } from "./clinics";
import { createdAt, id, inList, timestamp } from "./columns";
import { BODY_REGIONS, CONDITIONS, EXERCISE_CATEGORIES, SIDEDNESS, type Condition } from "./enums";

/** One picture of an exercise, stored under data/media; the array order is the display order. */
export interface ExerciseMedia {
  id: string;
  /** File name inside the media directory (the id plus the extension of the re-encoded format). */
  file: string;
  mimeType: "image/png" | "image/jpeg" | "image/webp";
  width: number;
  height: number;
  alt: string;
}

/** Default dose columns shared by exercises, template items and program items. */
const doseColumns = (prefix: string) => ({
  sets: integer(`${prefix}sets`),
  reps: integer(`${prefix}reps`),
  holdSeconds: integer(`${prefix}hold_seconds`),
  restSeconds: integer(`${prefix}rest_seconds`),
  durationSeconds: integer(`${prefix}duration_seconds`),
  sessionsPerDay: integer(`${prefix}sessions_per_day`).notNull().default(1),
  daysPerWeek: integer(`${prefix}days_per_week`).notNull().default(7),
});

export function doseChecks(table: string, prefix: string) {
  const c = (name: string) => `${prefix}${name}`;
  return [
    check(`${table}_sets_check`, sql.raw(`${c("sets")} is null or ${c("sets")} >= 1`)),
    check(`${table}_reps_check`, sql.raw(`${c("reps")} is null or ${c("reps")} >= 1`)),
    check(
      `${table}_hold_check`,
      sql.raw(`${c("hold_seconds")} is null or ${c("hold_seconds")} >= 0`),
    ),
    check(
      `${table}_rest_check`,
      sql.raw(`${c("rest_seconds")} is null or ${c("rest_seconds")} >= 0`),
    ),
    check(
      `${table}_duration_check`,
      sql.raw(`${c("duration_seconds")} is null or ${c("duration_seconds")} >= 1`),
    ),
    check(`${table}_spd_check`, sql.raw(`${c("sessions_per_day")} between 1 and 10`)),
    check(`${table}_dpw_check`, sql.raw(`${c("days_per_week")} between 1 and 7`)),
  ];
}

export const exercises = sqliteTable(
  "exercises",
  {
    id: id(),
    /** Null for the shared library every clinic reads. */
    clinicId: text("clinic_id").references(() => clinics.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    category: text("category", { enum: EXERCISE_CATEGORIES }).notNull(),
    sidedness: text("sidedness", { enum: SIDEDNESS }).notNull().default("each_leg"),
    bodyRegion: text("body_region", { enum: BODY_REGIONS }).notNull(),
    targetStructure: text("target_structure").notNull(),
    summary: text("summary").notNull(),
    steps: text("steps", { mode: "json" }).$type<string[]>().notNull(),
    whatToFeel: text("what_to_feel").notNull(),
    stopIf: text("stop_if").notNull(),
    cautions: text("cautions", { mode: "json" }).$type<string[]>().notNull(),
    conditions: text("conditions", { mode: "json" }).$type<Condition[]>().notNull(),
    media: text("media", { mode: "json" }).$type<ExerciseMedia[]>().notNull().default([]),
    defaultSets: integer("default_sets"),
    defaultReps: integer("default_reps"),
    defaultHoldSeconds: integer("default_hold_seconds"),
    defaultRestSeconds: integer("default_rest_seconds"),
    defaultDurationSeconds: integer("default_duration_seconds"),
    defaultSessionsPerDay: integer("default_sessions_per_day").notNull().default(1),
    defaultDaysPerWeek: integer("default_days_per_week").notNull().default(7),
    /** The shared exercise this clinic copy was adapted from. */
    copiedFromId: text("copied_from_id"),
    archivedAt: timestamp("archived_at"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
  },
  (t) => [
    uniqueIndex("exercises_clinic_slug_idx").on(t.clinicId, t.slug),
    uniqueIndex("exercises_shared_slug_idx")
      .on(t.slug)
      .where(sql`clinic_id is null`),
    check("exercises_category_check", sql.raw(inList("category", EXERCISE_CATEGORIES))),
    check("exercises_region_check", sql.raw(inList("body_region", BODY_REGIONS))),
    check("exercises_sidedness_check", sql.raw(inList("sidedness", SIDEDNESS))),
    ...doseChecks("exercises", "default_"),
  ],
);

export const programTemplates = sqliteTable(
  "program_templates",
  {
    id: id(),
    clinicId: text("clinic_id").references(() => clinics.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    condition: text("condition", { enum: CONDITIONS }).notNull(),
    description: text("description").notNull(),
    archivedAt: timestamp("archived_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("templates_clinic_slug_idx").on(t.clinicId, t.slug),
    uniqueIndex("templates_shared_slug_idx")
      .on(t.slug)
      .where(sql`clinic_id is null`),
    check("templates_condition_check", sql.raw(inList("condition", CONDITIONS))),
  ],
);

export const templateItems = sqliteTable(
  "template_items",
  {
    id: id(),
    templateId: text("template_id")
      .notNull()
      .references(() => programTemplates.id),
    exerciseId: text("exercise_id")
      .notNull()
      .references(() => exercises.id),
    position: integer("position").notNull(),
    ...doseColumns(""),
    notes: text("notes"),
  },
  (t) => [
    uniqueIndex("template_items_position_idx").on(t.templateId, t.position),
    ...doseChecks("template_items", ""),
  ],
);

export { doseColumns };
