import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/engine/types";
import { userTokens } from "@/db/schema";
import type { UserTokenKind } from "@/db/schema/enums";
import { hashLinkToken, looksLikeLinkToken } from "@/server/auth/tokens";
import { InvalidLinkError } from "./errors";

export const INVITATION_DAYS = 7;
export const PASSWORD_RESET_HOURS = 24;
const HOUR_MS = 3_600_000;

export const invitationExpiry = (now: Date) =>
  new Date(now.getTime() + INVITATION_DAYS * 24 * HOUR_MS);
export const passwordResetExpiry = (now: Date) =>
  new Date(now.getTime() + PASSWORD_RESET_HOURS * HOUR_MS);

/** Unused, not revoked and not expired at `now`. */
export const isUsable = (now: Date) =>
  and(isNull(userTokens.usedAt), isNull(userTokens.revokedAt), gt(userTokens.expiresAt, now));

/**
 * The token's row if it can still be used. Malformed, unknown, used, revoked and expired tokens all
 * come back as null; callers turn that into the one constant message. A token is no clinic's until
 * it is found, so callers read this on the system path.
 */
export async function findUsableToken(db: Db, kind: UserTokenKind, token: string, now: Date) {
  if (!looksLikeLinkToken(token)) return null;
  const [row] = await db
    .select({
      id: userTokens.id,
      clinicId: userTokens.clinicId,
      email: userTokens.email,
      role: userTokens.role,
      userId: userTokens.userId,
      expiresAt: userTokens.expiresAt,
    })
    .from(userTokens)
    .where(
      and(eq(userTokens.tokenHash, hashLinkToken(token)), eq(userTokens.kind, kind), isUsable(now)),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Marks a token used, only if it still is usable. Inside the caller's transaction this is what makes
 * a link single-use even when two requests race with the same token: the update re-checks the row
 * as it is when it runs (on PostgreSQL, after the other request's commit), so only one of them
 * changes it.
 */
export async function consumeToken(tx: Tx, tokenId: string, now: Date): Promise<void> {
  const used = await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.id, tokenId), isUsable(now)))
    .returning({ id: userTokens.id });
  if (used.length !== 1) throw new InvalidLinkError();
}
