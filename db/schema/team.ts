import { sql } from "drizzle-orm";
import { check, index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clinics, users } from "./clinics";
import { createdAt, id, inList, timestamp } from "./columns";
import { ROLES, USER_TOKEN_KINDS } from "./enums";

/**
 * Single-use links for joining a clinic (invite) and for setting a new password (reset). Like
 * patient links, only the token's hash is stored.
 */
export const userTokens = sqliteTable(
  "user_tokens",
  {
    id: id(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    kind: text("kind", { enum: USER_TOKEN_KINDS }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** Invite: the address invited. Reset: the user's address when the link was made. */
    email: text("email").notNull(),
    /** Invite only: the role the new account gets. */
    role: text("role", { enum: ROLES }),
    /** Reset only: whose password the link sets. */
    userId: text("user_id").references(() => users.id),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at").notNull(),
    usedAt: timestamp("used_at"),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [
    index("user_tokens_clinic_idx").on(t.clinicId, t.kind),
    check("user_tokens_kind_check", sql.raw(inList("kind", USER_TOKEN_KINDS))),
    check("user_tokens_role_check", sql.raw(`role is null or ${inList("role", ROLES)}`)),
    check(
      "user_tokens_shape_check",
      sql`(kind = 'invite' and role is not null) or (kind = 'password_reset' and user_id is not null)`,
    ),
  ],
);
