import { dbErrorKind } from "@/db/engine/errors";
import { clinics, users } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { hashPassword } from "@/server/auth/password";
import type { SystemData } from "@/server/data/clinic-data";
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
export async function describeInvitation(options: {
  system: SystemData;
  token: string;
  viewer: StaffSession | null;
  now?: Date;
}) {
  const { system } = options;
  const now = options.now ?? new Date();
  const invitation = await system.read((db) => findUsableToken(db, "invite", options.token, now));
  if (!invitation?.role) throw new InvalidLinkError();
  const clinic = system.forClinic(invitation.clinicId);
  const [row] = await clinic.read((db) =>
    db.select({ name: clinics.name }).from(clinics).where(clinic.clinicIs(clinics.id)).limit(1),
  );
  const { viewer } = options;
  const isOwner = viewer !== null && viewer.email === invitation.email;
  return {
    email: invitation.email,
    role: invitation.role,
    clinicName: row?.name ?? "",
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
 * in the same transaction that creates the user, so it works exactly once. The password is hashed
 * before the write opens: nothing slow may hold a write.
 */
export async function acceptInvitation(options: {
  system: SystemData;
  token: string;
  name: string;
  password: string;
  ip: string | null;
  now?: Date;
}) {
  const { system } = options;
  const now = options.now ?? new Date();
  const name = options.name.trim();
  const invitation = await system.read((db) => findUsableToken(db, "invite", options.token, now));
  if (!invitation?.role) throw new InvalidLinkError();
  const verdict = checkPassword(options.password, { email: invitation.email, name });
  if (!verdict.ok) throw new PasswordRejectedError(verdict.message);
  const passwordHash = await hashPassword(options.password);
  const role = invitation.role;
  const clinic = system.forClinic(invitation.clinicId);
  try {
    return await clinic.write(async (tx) => {
      await consumeToken(tx, invitation.id, now);
      const [user] = await tx
        .insert(users)
        .values(clinic.stamp({ email: invitation.email, name, role, passwordHash, createdAt: now }))
        .returning({ id: users.id, email: users.email });
      if (!user) throw new Error("user insert returned no row");
      await recordAudit(tx, {
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
    });
  } catch (error) {
    // The address has an account already, in this clinic or another. The unique index on the
    // email decides it, not a lookup: this clinic's view cannot see other clinics' accounts
    // (row-level security on PostgreSQL), and the index also settles two acceptances racing.
    // The whole write rolls back, so the link stays usable once the person has signed in.
    if (dbErrorKind(error) === "unique") throw new ConflictError(ACCOUNT_EXISTS_MESSAGE);
    throw error;
  }
}
