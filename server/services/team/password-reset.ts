import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userTokens, users } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { hashPassword } from "@/server/auth/password";
import { generateLinkToken, hashLinkToken } from "@/server/auth/tokens";
import { checkPassword } from "@/server/domain/password-policy";
import { ConflictError } from "../errors";
import type { ClinicScope } from "../scope";
import { InvalidLinkError, PasswordRejectedError } from "./errors";
import { requireStaff } from "./staff";
import { consumeToken, findUsableToken, passwordResetExpiry } from "./user-tokens";

/**
 * Makes a single-use link (24 hours) for a colleague to set a new password, shown once for the admin
 * to pass on. The current password keeps working until the link is used; an earlier unused link for
 * the same person stops working, so only the newest one is ever live.
 */
export function createPasswordReset(options: { scope: ClinicScope; userId: string; now?: Date }) {
  const { scope } = options;
  const now = options.now ?? new Date();
  const token = generateLinkToken();
  const link = scope.db.transaction(
    (tx) => {
      const target = requireStaff(tx, scope, options.userId);
      if (!target.active) {
        throw new ConflictError(
          `${target.name}'s account is deactivated. Reactivate it before making a password reset link.`,
        );
      }
      tx.update(userTokens)
        .set({ revokedAt: now })
        .where(
          and(
            eq(userTokens.userId, target.id),
            eq(userTokens.kind, "password_reset"),
            isNull(userTokens.usedAt),
            isNull(userTokens.revokedAt),
          ),
        )
        .run();
      const row = tx
        .insert(userTokens)
        .values({
          clinicId: scope.clinicId,
          kind: "password_reset",
          tokenHash: hashLinkToken(token),
          email: target.email,
          userId: target.id,
          createdBy: scope.userId,
          createdAt: now,
          expiresAt: passwordResetExpiry(now),
        })
        .returning({ id: userTokens.id, expiresAt: userTokens.expiresAt })
        .get();
      recordAudit(tx, {
        clinicId: scope.clinicId,
        actorKind: "user",
        actorId: scope.userId,
        action: "password_reset.create",
        entityType: "user",
        entityId: target.id,
        after: { resetLinkId: row.id, expiresAt: row.expiresAt.toISOString() },
        ip: scope.ip,
        at: now,
      });
      return { ...row, name: target.name };
    },
    { behavior: "immediate" },
  );
  return { id: link.id, token, expiresAt: link.expiresAt, name: link.name };
}

/** The reset link's owner, only while the link and their account are both usable. */
function findResetTarget(db: Db, token: string, now: Date) {
  const link = findUsableToken(db, "password_reset", token, now);
  if (!link?.userId) return null;
  const user = db
    .select({
      id: users.id,
      clinicId: users.clinicId,
      name: users.name,
      email: users.email,
      active: users.active,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(and(eq(users.id, link.userId), eq(users.clinicId, link.clinicId)))
    .get();
  if (!user?.active) return null;
  return { link, user };
}

/** What the reset page shows: whose password this link sets. */
export function describePasswordReset(options: { db: Db; token: string; now?: Date }) {
  const found = findResetTarget(options.db, options.token, options.now ?? new Date());
  if (!found) throw new InvalidLinkError();
  return { email: found.user.email, name: found.user.name };
}

/**
 * Sets a new password through a reset link. The link is used up, and the session version moves on
 * so every session opened with the old password ends.
 */
export async function resetPassword(options: {
  db: Db;
  token: string;
  password: string;
  ip: string | null;
  now?: Date;
}) {
  const { db } = options;
  const now = options.now ?? new Date();
  const found = findResetTarget(db, options.token, now);
  if (!found) throw new InvalidLinkError();
  const { link, user } = found;
  const verdict = checkPassword(options.password, { email: user.email, name: user.name });
  if (!verdict.ok) throw new PasswordRejectedError(verdict.message);
  const passwordHash = await hashPassword(options.password);
  return db.transaction(
    (tx) => {
      consumeToken(tx, link.id, now);
      const updated = tx
        .update(users)
        .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(and(eq(users.id, user.id), eq(users.active, true)))
        .returning({ sessionVersion: users.sessionVersion })
        .get();
      if (!updated) throw new InvalidLinkError();
      recordAudit(tx, {
        clinicId: user.clinicId,
        actorKind: "user",
        actorId: user.id,
        action: "password_reset.use",
        entityType: "user",
        entityId: user.id,
        before: { sessionVersion: updated.sessionVersion - 1 },
        after: { resetLinkId: link.id, sessionVersion: updated.sessionVersion },
        ip: options.ip,
        at: now,
      });
      return { email: user.email };
    },
    { behavior: "immediate" },
  );
}
