import { eq, isNull, sql } from "drizzle-orm";
import { userTokens, users } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { hashPassword } from "@/server/auth/password";
import { generateLinkToken, hashLinkToken } from "@/server/auth/tokens";
import type { SystemData } from "@/server/data/clinic-data";
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
export async function createPasswordReset(options: {
  scope: ClinicScope;
  userId: string;
  now?: Date;
}) {
  const { scope } = options;
  const { data } = scope;
  const now = options.now ?? new Date();
  const token = generateLinkToken();
  const link = await data.write(
    async (tx) => {
      const target = await requireStaff(tx, scope, options.userId);
      if (!target.active) {
        throw new ConflictError(
          `${target.name}'s account is deactivated. Reactivate it before making a password reset link.`,
        );
      }
      await tx
        .update(userTokens)
        .set({ revokedAt: now })
        .where(
          data.mine(
            userTokens,
            eq(userTokens.userId, target.id),
            eq(userTokens.kind, "password_reset"),
            isNull(userTokens.usedAt),
            isNull(userTokens.revokedAt),
          ),
        );
      const [row] = await tx
        .insert(userTokens)
        .values(
          data.stamp({
            kind: "password_reset" as const,
            tokenHash: hashLinkToken(token),
            email: target.email,
            userId: target.id,
            createdBy: scope.userId,
            createdAt: now,
            expiresAt: passwordResetExpiry(now),
          }),
        )
        .returning({ id: userTokens.id, expiresAt: userTokens.expiresAt });
      if (!row) throw new Error("password reset insert returned no row");
      await recordAudit(tx, {
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
    // Read-then-write: two links made at once must not both stay live, and a deactivation at the
    // same moment must not be overtaken by a fresh link.
    { isolation: "serializable" },
  );
  return { id: link.id, token, expiresAt: link.expiresAt, name: link.name };
}

/**
 * The reset link's owner, only while the link and their account are both usable. The token is no
 * clinic's until it is found (the system path); the account is then read as that clinic's.
 */
async function findResetTarget(system: SystemData, token: string, now: Date) {
  const link = await system.read((db) => findUsableToken(db, "password_reset", token, now));
  if (!link?.userId) return null;
  const userId = link.userId;
  const clinic = system.forClinic(link.clinicId);
  const [user] = await clinic.read((db) =>
    db
      .select({
        id: users.id,
        clinicId: users.clinicId,
        name: users.name,
        email: users.email,
        active: users.active,
        sessionVersion: users.sessionVersion,
      })
      .from(users)
      .where(clinic.mine(users, eq(users.id, userId)))
      .limit(1),
  );
  if (!user?.active) return null;
  return { link, user, clinic };
}

/** What the reset page shows: whose password this link sets. */
export async function describePasswordReset(options: {
  system: SystemData;
  token: string;
  now?: Date;
}) {
  const found = await findResetTarget(options.system, options.token, options.now ?? new Date());
  if (!found) throw new InvalidLinkError();
  return { email: found.user.email, name: found.user.name };
}

/**
 * Sets a new password through a reset link. The link is used up, and the session version moves on
 * so every session opened with the old password ends. The password is hashed before the write:
 * Argon2 takes tens of milliseconds, and nothing slow may hold a write open.
 */
export async function resetPassword(options: {
  system: SystemData;
  token: string;
  password: string;
  ip: string | null;
  now?: Date;
}) {
  const now = options.now ?? new Date();
  const found = await findResetTarget(options.system, options.token, now);
  if (!found) throw new InvalidLinkError();
  const { link, user, clinic } = found;
  const verdict = checkPassword(options.password, { email: user.email, name: user.name });
  if (!verdict.ok) throw new PasswordRejectedError(verdict.message);
  const passwordHash = await hashPassword(options.password);
  return clinic.write(async (tx) => {
    await consumeToken(tx, link.id, now);
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(clinic.mine(users, eq(users.id, user.id), eq(users.active, true)))
      .returning({ sessionVersion: users.sessionVersion });
    if (!updated) throw new InvalidLinkError();
    await recordAudit(tx, {
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
  });
}
