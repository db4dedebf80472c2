import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import type { ClinicTables } from "./clinics";
import { createdAt, inList } from "./columns";
import { CONDITIONS, PATIENT_STATUSES, SIDES } from "./enums";

export function definePatientTables(d: Dialect, { clinics, users }: ClinicTables) {
  const patients = d.table(
    "patients",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      primaryClinicianId: d
        .ref("primary_clinician_id")
        .notNull()
        .references(() => users.id),
      displayName: d.text("display_name").notNull(),
      yearOfBirth: d.int("year_of_birth").notNull(),
      condition: d.enumText("condition", CONDITIONS).notNull(),
      affectedSide: d.enumText("affected_side", SIDES).notNull(),
      status: d.enumText("status", PATIENT_STATUSES).notNull().default("active"),
      timeZone: d.text("time_zone").notNull(),
      createdAt: createdAt(d),
      dischargedAt: d.timestamp("discharged_at"),
    },
    (t) => [
      d.index("patients_clinic_idx").on(t.clinicId, t.status),
      d.index("patients_clinician_idx").on(t.primaryClinicianId),
      d.check("patients_condition_check", sql.raw(inList("condition", CONDITIONS))),
      d.check("patients_side_check", sql.raw(inList("affected_side", SIDES))),
      d.check("patients_status_check", sql.raw(inList("status", PATIENT_STATUSES))),
      d.check("patients_year_check", sql`year_of_birth between 1900 and 2100`),
      d.check("patients_name_check", sql`length(trim(display_name)) > 0`),
      ...d.tenantPolicies("patients", "clinic_id"),
    ],
  );

  const patientLinks = d.table(
    "patient_links",
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
      /** SHA-256 of the token; the token itself is never stored. */
      tokenHash: d.text("token_hash").notNull().unique(),
      createdBy: d
        .ref("created_by")
        .notNull()
        .references(() => users.id),
      createdAt: createdAt(d),
      expiresAt: d.timestamp("expires_at").notNull(),
      revokedAt: d.timestamp("revoked_at"),
      lastUsedAt: d.timestamp("last_used_at"),
    },
    (t) => [
      d.index("patient_links_patient_idx").on(t.patientId),
      ...d.tenantPolicies("patient_links", "clinic_id"),
    ],
  );

  return { patients, patientLinks };
}

export type PatientTables = ReturnType<typeof definePatientTables>;
