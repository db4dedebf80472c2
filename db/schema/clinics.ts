import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import { createdAt, inList } from "./columns";
import { ROLES } from "./enums";

export function defineClinicTables(d: Dialect) {
  const clinics = d.table(
    "clinics",
    {
      id: d.id(),
      name: d.text("name").notNull(),
      timeZone: d.text("time_zone").notNull(),
      phone: d.text("phone"),
      email: d.text("email"),
      /** What the patient's emergency advice tells them to call (999, 911, 112, 000, 111 …). */
      emergencyNumber: d.text("emergency_number").notNull().default("112"),
      createdAt: createdAt(d),
    },
    () => [
      d.check(
        "clinics_emergency_number_check",
        sql`${d.fragments.startsWithDigit("emergency_number")} and length(emergency_number) between 2 and 6`,
      ),
    ],
  );

  const users = d.table(
    "users",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      email: d.text("email").notNull().unique(),
      name: d.text("name").notNull(),
      role: d.enumText("role", ROLES).notNull(),
      passwordHash: d.text("password_hash").notNull(),
      active: d.bool("active").notNull().default(true),
      /** Bumped to end every session of this user at once (deactivation, "sign out everywhere"). */
      sessionVersion: d.int("session_version").notNull().default(1),
      lastLoginAt: d.timestamp("last_login_at"),
      createdAt: createdAt(d),
    },
    (t) => [
      d.index("users_clinic_idx").on(t.clinicId),
      d.check("users_role_check", sql.raw(inList("role", ROLES))),
      d.check("users_email_lower_check", sql`email = lower(email)`),
      d.check("users_session_version_check", sql`session_version >= 1`),
      ...d.tenantPolicies("users", "clinic_id"),
    ],
  );

  return { clinics, users };
}

export type ClinicTables = ReturnType<typeof defineClinicTables>;
