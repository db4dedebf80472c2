import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, users } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { hashPassword } from "@/server/auth/password";
import { checkPassword } from "@/server/domain/password-policy";
import type { StaffSession } from "../auth/staff-session";
import { ConflictError } from "../errors";
import { InvalidLinkError, PasswordRejectedError } from "./errors";
import { consumeToken, findUsableToken } from "./user-tokens";

/**
 * What the invitation page shows before the person chooses a name and password. Whether the
 * address already has an account is told only to that account's owner, signed in (`viewer`):
 * the admin who invited holds the same link, and must learn nothing from it (decision 019).
 */
export function describeInvitation(options: {
  db: Db;
  token: string;
  viewer: StaffSession | null;
  now?: Date;
}) {
  const now = options.now ?? new Date();
  const invitation = findUsableToken(options.db, "invite", options.token, now);
  if (!invitation?.role) throw new InvalidLinkError();
  const clinic = options.db
    .select({ name: clinics.name })
    .from(clinics)
    .where(eq(clinics.id, invitation.clinicId))
    .get();
  const { viewer } = options;
  const isOwner = viewer !== null && viewer.email === invitation.email;
  return {
    email: invitation.email,
    role: invitation.role,
    clinicName: clinic?.name ?? "",
    expiresAt: invitation.expiresAt,
    existingAccount: isOwner
      ? { clinicName: viewer.clinicName, sameClinic: viewer.clinicId === invitation.clinicId }
      : null,
  };
}

export const ACCOUNT_EXISTS_MESSAGE =
  "This email address already has a Rehabit account, so this invitation cannot create another. Sign in to that account first, then open this link again to see what you can do.";

/**
 * Turns an invitation into an account: the invited address becomes the login. The link is used up
 * in the same transaction that creates the user, so it works exactly once.
 */
export async function acceptInvitation(options: {
  db: Db;
  token: string;
  name: string;
  password: string;
  ip: string | null;
  now?: Date;
}) {
  const { db } = options;
  const now = options.now ?? new Date();
  const name = options.name.trim();
  const invitation = findUsableToken(db, "invite", options.token, now);
  if (!invitation?.role) throw new InvalidLinkError();
  const verdict = checkPassword(options.password, { email: invitation.email, name });
  if (!verdict.ok) throw new PasswordRejectedError(verdict.message);
  const passwordHash = await hashPassword(options.password);
  const role = invitation.role;
  return db.transaction(
    (tx) => {
      consumeToken(tx, invitation.id, now);
      const taken = tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, invitation.email))
        .get();
      if (taken) throw new ConflictError(ACCOUNT_EXISTS_MESSAGE);
      const user = tx
        .insert(users)
        .values({
          clinicId: invitation.clinicId,
          email: invitation.email,
          name,
          role,
          passwordHash,
          createdAt: now,
        })
        .returning({ id: users.id, email: users.email })
        .get();
      recordAudit(tx, {
        clinicId: invitation.clinicId,
        actorKind: "user",
        actorId: user.id,
        action: "invitation.accept",
        entityType: "user",
        entityId: user.id,
        after: { invitationId: invitation.id, email: user.email, name, role },
        ip: options.ip,
        at: now,
      });
      return { email: user.email };
    },
    { behavior: "immediate" },
  );
}
