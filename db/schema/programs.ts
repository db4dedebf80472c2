import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import type { ClinicTables } from "./clinics";
import { createdAt, inList } from "./columns";
import { BAND_COLOURS, PROGRAM_STATUSES, SIDES, VERSION_REASONS } from "./enums";
import { doseChecks, doseColumns, type LibraryTables } from "./library";
import type { PatientTables } from "./patients";

export function defineProgramTables(
  d: Dialect,
  {
    clinics,
    users,
    patients,
    exercises,
  }: ClinicTables & Pick<PatientTables, "patients"> & Pick<LibraryTables, "exercises">,
) {
  const programs = d.table(
    "programs",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      patientId: d
        .ref("patient_id")
        .notNull()
        .references(() => patients.id),
      status: d.enumText("status", PROGRAM_STATUSES).notNull().default("active"),
      createdAt: createdAt(d),
      endedAt: d.timestamp("ended_at"),
    },
    (t) => [
      d.index("programs_patient_idx").on(t.patientId),
      d
        .uniqueIndex("programs_one_active_idx")
        .on(t.patientId)
        .where(sql`status = 'active'`),
      d.check("programs_status_check", sql.raw(inList("status", PROGRAM_STATUSES))),
      ...d.tenantPolicies("programs", "clinic_id"),
    ],
  );

  /** Immutable once saved: a change of dose is a new version, never an update. */
  const programVersions = d.table(
    "program_versions",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      programId: d
        .ref("program_id")
        .notNull()
        .references(() => programs.id),
      number: d.int("number").notNull(),
      reason: d.enumText("reason", VERSION_REASONS).notNull(),
      note: d.text("note"),
      authorId: d
        .ref("author_id")
        .notNull()
        .references(() => users.id),
      effectiveFrom: d.timestamp("effective_from").notNull(),
      painLimit: d.int("pain_limit").notNull().default(5),
      createdAt: createdAt(d),
    },
    (t) => [
      d.uniqueIndex("program_versions_number_idx").on(t.programId, t.number),
      d.check("program_versions_reason_check", sql.raw(inList("reason", VERSION_REASONS))),
      d.check("program_versions_pain_limit_check", sql`pain_limit between 0 and 10`),
      d.check("program_versions_number_check", sql`number >= 1`),
      ...d.tenantPolicies("program_versions", "clinic_id"),
    ],
  );

  const programItems = d.table(
    "program_items",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      versionId: d
        .ref("version_id")
        .notNull()
        .references(() => programVersions.id),
      exerciseId: d
        .ref("exercise_id")
        .notNull()
        .references(() => exercises.id),
      position: d.int("position").notNull(),
      ...doseColumns(d, ""),
      side: d.enumText("side", SIDES).notNull().default("both"),
      loadKg: d.double("load_kg"),
      bandColour: d.enumText("band_colour", BAND_COLOURS),
      notes: d.text("notes"),
    },
    (t) => [
      d.uniqueIndex("program_items_position_idx").on(t.versionId, t.position),
      d.check("program_items_side_check", sql.raw(inList("side", SIDES))),
      d.check(
        "program_items_band_check",
        sql.raw(`band_colour is null or ${inList("band_colour", BAND_COLOURS)}`),
      ),
      d.check("program_items_load_check", sql`load_kg is null or load_kg >= 0`),
      d.check("program_items_one_load_check", sql`load_kg is null or band_colour is null`),
      ...doseChecks(d, "program_items", ""),
      ...d.tenantPolicies("program_items", "clinic_id"),
    ],
  );

  return { programs, programVersions, programItems };
}

export type ProgramTables = ReturnType<typeof defineProgramTables>;
