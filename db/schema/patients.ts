import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clinics, users } from "./clinics";
import { createdAt, id, inList, timestamp } from "./columns";
import { CONDITIONS, PATIENT_STATUSES, SIDES } from "./enums";

export const patients = sqliteTable(
  "patients",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    primaryClinicianId: text("primary_clinician_id")
      .notNull()
      .references(() => users.id),
    displayName: text("display_name").notNull(),
    yearOfBirth: integer("year_of_birth").notNull(),
    condition: text("condition", { enum: CONDITIONS }).notNull(),
    affectedSide: text("affected_side", { enum: SIDES }).notNull(),
    status: text("status", { enum: PATIENT_STATUSES }).notNull().default("active"),
    timeZone: text("time_zone").notNull(),
    createdAt: createdAt(),
    dischargedAt: timestamp("discharged_at"),
  },
  (t) => [
    index("patients_clinic_idx").on(t.clinicId, t.status),
    index("patients_clinician_idx").on(t.primaryClinicianId),
    check("patients_condition_check", sql.raw(inList("condition", CONDITIONS))),
    check("patients_side_check", sql.raw(inList("affected_side", SIDES))),
    check("patients_status_check", sql.raw(inList("status", PATIENT_STATUSES))),
    check("patients_year_check", sql`year_of_birth between 1900 and 2100`),
    check("patients_name_check", sql`length(trim(display_name)) > 0`),
  ],
);

export const patientLinks = sqliteTable(
  "patient_links",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    /** SHA-256 of the token; the token itself is never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at").notNull(),
    revokedAt: timestamp("revoked_at"),
    lastUsedAt: timestamp("last_used_at"),
  },
  (t) => [index("patient_links_patient_idx").on(t.patientId)],
);
