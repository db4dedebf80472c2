import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { clinics, users } from "./clinics";
import { createdAt, id, inList, timestamp } from "./columns";
import { BAND_COLOURS, PROGRAM_STATUSES, SIDES, VERSION_REASONS } from "./enums";
import { doseChecks, doseColumns, exercises } from "./library";
import { patients } from "./patients";

export const programs = sqliteTable(
  "programs",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    status: text("status", { enum: PROGRAM_STATUSES }).notNull().default("active"),
    createdAt: createdAt(),
    endedAt: timestamp("ended_at"),
  },
  (t) => [
    index("programs_patient_idx").on(t.patientId),
    uniqueIndex("programs_one_active_idx")
      .on(t.patientId)
      .where(sql`status = 'active'`),
    check("programs_status_check", sql.raw(inList("status", PROGRAM_STATUSES))),
  ],
);

/** Immutable once saved: a change of dose is a new version, never an update. */
export const programVersions = sqliteTable(
  "program_versions",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id),
    number: integer("number").notNull(),
    reason: text("reason", { enum: VERSION_REASONS }).notNull(),
    note: text("note"),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    effectiveFrom: timestamp("effective_from").notNull(),
    painLimit: integer("pain_limit").notNull().default(5),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("program_versions_number_idx").on(t.programId, t.number),
    check("program_versions_reason_check", sql.raw(inList("reason", VERSION_REASONS))),
    check("program_versions_pain_limit_check", sql`pain_limit between 0 and 10`),
    check("program_versions_number_check", sql`number >= 1`),
  ],
);

export const programItems = sqliteTable(
  "program_items",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    versionId: text("version_id")
      .notNull()
      .references(() => programVersions.id),
    exerciseId: text("exercise_id")
      .notNull()
      .references(() => exercises.id),
    position: integer("position").notNull(),
    ...doseColumns(""),
    side: text("side", { enum: SIDES }).notNull().default("both"),
    loadKg: real("load_kg"),
    bandColour: text("band_colour", { enum: BAND_COLOURS }),
    notes: text("notes"),
  },
  (t) => [
    uniqueIndex("program_items_position_idx").on(t.versionId, t.position),
    check("program_items_side_check", sql.raw(inList("side", SIDES))),
    check(
      "program_items_band_check",
      sql.raw(`band_colour is null or ${inList("band_colour", BAND_COLOURS)}`),
    ),
    check("program_items_load_check", sql`load_kg is null or load_kg >= 0`),
    check("program_items_one_load_check", sql`load_kg is null or band_colour is null`),
    ...doseChecks("program_items", ""),
  ],
);
