import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import type { ClinicTables } from "./clinics";
import { createdAt, inList } from "./columns";
import { ROLES, USER_TOKEN_KINDS } from "./enums";

export function defineTeamTables(d: Dialect, { clinics, users }: ClinicTables) {
  /**
   * Single-use links for joining a clinic (invite) and for setting a new password (reset). Like
   * patient links, only the token's hash is stored.
   */
  const userTokens = d.table(
    "user_tokens",
    {
      id: d.id(),
      clinicId: d
        .ref("clinic_id")
        .notNull()
        .references(() => clinics.id),
      kind: d.enumText("kind", USER_TOKEN_KINDS).notNull(),
      tokenHash: d.text("token_hash").notNull().unique(),
      /** Invite: the address invited. Reset: the user's address when the link was made. */
      email: d.text("email").notNull(),
      /** Invite only: the role the new account gets. */
      role: d.enumText("role", ROLES),
      /** Reset only: whose password the link sets. */
      userId: d.ref("user_id").references(() => users.id),
      createdBy: d
        .ref("created_by")
        .notNull()
        .references(() => users.id),
      createdAt: createdAt(d),
      expiresAt: d.timestamp("expires_at").notNull(),
      usedAt: d.timestamp("used_at"),
      revokedAt: d.timestamp("revoked_at"),
    },
    (t) => [
      d.index("user_tokens_clinic_idx").on(t.clinicId, t.kind),
      d.check("user_tokens_kind_check", sql.raw(inList("kind", USER_TOKEN_KINDS))),
      d.check("user_tokens_role_check", sql.raw(`role is null or ${inList("role", ROLES)}`)),
      d.check(
        "user_tokens_shape_check",
        sql`(kind = 'invite' and role is not null) or (kind = 'password_reset' and user_id is not null)`,
      ),
      ...d.tenantPolicies("user_tokens", "clinic_id"),
    ],
  );

  return { userTokens };
}
