import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import type { ExerciseFigure } from "../../lib/figure/types";
import type { ClinicTables } from "./clinics";
import { createdAt, inList } from "./columns";
import {
  BAND_COLOURS,
  BODY_REGIONS,
  CONDITIONS,
  DOSE_SIDES,
  EXERCISE_CATEGORIES,
  SIDEDNESS,
  type Condition,
} from "./enums";

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
export const doseColumns = (d: Dialect, prefix: string) => ({
  sets: d.int(`${prefix}sets`),
  reps: d.int(`${prefix}reps`),
  holdSeconds: d.int(`${prefix}hold_seconds`),
  restSeconds: d.int(`${prefix}rest_seconds`),
  durationSeconds: d.int(`${prefix}duration_seconds`),
  sessionsPerDay: d.int(`${prefix}sessions_per_day`).notNull().default(1),
  daysPerWeek: d.int(`${prefix}days_per_week`).notNull().default(7),
});

export function doseChecks(d: Dialect, table: string, prefix: string) {
  const c = (name: string) => `${prefix}${name}`;
  return [
    d.check(`${table}_sets_check`, sql.raw(`${c("sets")} is null or ${c("sets")} >= 1`)),
    d.check(`${table}_reps_check`, sql.raw(`${c("reps")} is null or ${c("reps")} >= 1`)),
    d.check(
      `${table}_hold_check`,
      sql.raw(`${c("hold_seconds")} is null or ${c("hold_seconds")} >= 0`),
    ),
    d.check(
      `${table}_rest_check`,
      sql.raw(`${c("rest_seconds")} is null or ${c("rest_seconds")} >= 0`),
    ),
    d.check(
      `${table}_duration_check`,
      sql.raw(`${c("duration_seconds")} is null or ${c("duration_seconds")} >= 1`),
    ),
    d.check(`${table}_spd_check`, sql.raw(`${c("sessions_per_day")} between 1 and 10`)),
    d.check(`${table}_dpw_check`, sql.raw(`${c("days_per_week")} between 1 and 7`)),
  ];
}

export function defineLibraryTables(d: Dialect, { clinics }: Pick<ClinicTables, "clinics">) {
  const exercises = d.table(
    "exercises",
    {
      id: d.id(),
      /** Null for the shared library every clinic reads. */
      clinicId: d.ref("clinic_id").references(() => clinics.id),
      slug: d.text("slug").notNull(),
      name: d.text("name").notNull(),
      category: d.enumText("category", EXERCISE_CATEGORIES).notNull(),
      sidedness: d.enumText("sidedness", SIDEDNESS).notNull().default("each_leg"),
      bodyRegion: d.enumText("body_region", BODY_REGIONS).notNull(),
      targetStructure: d.text("target_structure").notNull(),
      summary: d.text("summary").notNull(),
      steps: d.json<string[]>("steps").notNull(),
      whatToFeel: d.text("what_to_feel").notNull(),
      stopIf: d.text("stop_if").notNull(),
      cautions: d.json<string[]>("cautions").notNull(),
      conditions: d.json<Condition[]>("conditions").notNull(),
      media: d.json<ExerciseMedia[]>("media").notNull().default([]),
      /** The drawn movement (issue 14); null when the exercise has none (photos may still show). */
      figure: d.json<ExerciseFigure>("figure"),
      defaultSets: d.int("default_sets"),
      defaultReps: d.int("default_reps"),
      defaultHoldSeconds: d.int("default_hold_seconds"),
      defaultRestSeconds: d.int("default_rest_seconds"),
      defaultDurationSeconds: d.int("default_duration_seconds"),
      defaultSessionsPerDay: d.int("default_sessions_per_day").notNull().default(1),
      defaultDaysPerWeek: d.int("default_days_per_week").notNull().default(7),
      /** The shared exercise this clinic copy was adapted from. */
      copiedFromId: d.ref("copied_from_id"),
      archivedAt: d.timestamp("archived_at"),
      createdAt: createdAt(d),
      updatedAt: d.timestamp("updated_at"),
    },
    (t) => [
      d.uniqueIndex("exercises_clinic_slug_idx").on(t.clinicId, t.slug),
      d
        .uniqueIndex("exercises_shared_slug_idx")
        .on(t.slug)
        .where(sql`clinic_id is null`),
      d.check("exercises_category_check", sql.raw(inList("category", EXERCISE_CATEGORIES))),
      d.check("exercises_region_check", sql.raw(inList("body_region", BODY_REGIONS))),
      d.check("exercises_sidedness_check", sql.raw(inList("sidedness", SIDEDNESS))),
      ...doseChecks(d, "exercises", "default_"),
      ...d.tenantPolicies("exercises", "clinic_id", { sharedRows: true }),
    ],
  );

  const programTemplates = d.table(
    "program_templates",
    {
      id: d.id(),
      clinicId: d.ref("clinic_id").references(() => clinics.id),
      slug: d.text("slug").notNull(),
      name: d.text("name").notNull(),
      condition: d.enumText("condition", CONDITIONS).notNull(),
      description: d.text("description").notNull(),
      archivedAt: d.timestamp("archived_at"),
      createdAt: createdAt(d),
    },
    (t) => [
      d.uniqueIndex("templates_clinic_slug_idx").on(t.clinicId, t.slug),
      d
        .uniqueIndex("templates_shared_slug_idx")
        .on(t.slug)
        .where(sql`clinic_id is null`),
      d.check("templates_condition_check", sql.raw(inList("condition", CONDITIONS))),
      ...d.tenantPolicies("program_templates", "clinic_id", { sharedRows: true }),
    ],
  );

  const templateItems = d.table(
    "template_items",
    {
      id: d.id(),
      templateId: d
        .ref("template_id")
        .notNull()
        .references(() => programTemplates.id),
      exerciseId: d
        .ref("exercise_id")
        .notNull()
        .references(() => exercises.id),
      position: d.int("position").notNull(),
      ...doseColumns(d, ""),
      /** A program's sides, or "affected" for the patient's affected side (lib/schemas/dose.ts). */
      side: d.enumText("side", DOSE_SIDES).notNull().default("both"),
      loadKg: d.double("load_kg"),
      bandColour: d.enumText("band_colour", BAND_COLOURS),
      notes: d.text("notes"),
    },
    (t) => [
      d.uniqueIndex("template_items_position_idx").on(t.templateId, t.position),
      ...doseChecks(d, "template_items", ""),
      d.check("template_items_side_check", sql.raw(inList("side", DOSE_SIDES))),
      d.check(
        "template_items_band_check",
        sql.raw(`band_colour is null or ${inList("band_colour", BAND_COLOURS)}`),
      ),
      d.check("template_items_load_check", sql`load_kg is null or load_kg >= 0`),
      d.check("template_items_one_load_check", sql`load_kg is null or band_colour is null`),
    ],
  );

  return { exercises, programTemplates, templateItems };
}

export type LibraryTables = ReturnType<typeof defineLibraryTables>;
