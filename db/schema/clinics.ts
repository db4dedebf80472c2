import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, inList, timestamp } from "./columns";
import { ROLES } from "./enums";

export const clinics = sqliteTable(
  "clinics",
  {
    id: id(),
    name: text("name").notNull(),
    timeZone: text("time_zone").notNull(),
    phone: text("phone"),
    email: text("email"),
    /** What the patient's emergency advice tells them to call (999, 911, 112, 000, 111 …). */
    emergencyNumber: text("emergency_number").notNull().default("112"),
    createdAt: createdAt(),
  },
  () => [
    check(
      "clinics_emergency_number_check",
      sql`emergency_number glob '[0-9]*' and length(emergency_number) between 2 and 6`,
    ),
  ],
);

export const users = sqliteTable(
  "users",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** Bumped to end every session of this user at once (deactivation, "sign out everywhere"). */
    sessionVersion: integer("session_version").notNull().default(1),
    lastLoginAt: timestamp("last_login_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("users_clinic_idx").on(t.clinicId),
    check("users_role_check", sql.raw(inList("role", ROLES))),
    check("users_email_lower_check", sql`email = lower(email)`),
    check("users_session_version_check", sql`session_version >= 1`),
  ],
);
