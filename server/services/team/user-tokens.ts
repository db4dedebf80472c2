import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
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
 * come back as null; callers turn that into the one constant message.
 */
export function findUsableToken(db: DbOrTx, kind: UserTokenKind, token: string, now: Date) {
  if (!looksLikeLinkToken(token)) return null;
  return (
    db
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
        and(
          eq(userTokens.tokenHash, hashLinkToken(token)),
          eq(userTokens.kind, kind),
          isUsable(now),
        ),
      )
      .get() ?? null
  );
}

/**
 * Marks a token used, only if it still is usable. Inside the caller's transaction this is what makes
 * a link single-use even when two requests race with the same token.
 */
export function consumeToken(tx: DbOrTx, tokenId: string, now: Date): void {
  const result = tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.id, tokenId), isUsable(now)))
    .run();
  if (result.changes !== 1) throw new InvalidLinkError();
}
