import { and, asc, eq, isNull } from "drizzle-orm";
import { clinics, userTokens, users } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import { recordAudit } from "@/server/audit";
import { generateLinkToken, hashLinkToken } from "@/server/auth/tokens";
import { ConflictError, NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";
import { sendInvitationEmail } from "./invitation-email";
import { normaliseEmail } from "./staff";
import { invitationExpiry, isUsable } from "./user-tokens";

export const EMAIL_TAKEN_MESSAGE =
  "That email address already has a Rehabit account, so it cannot be invited again. Each person needs their own address.";

/**
 * Invites someone to the clinic with a single-use link that works for 7 days. The token is returned
 * once, for the admin to copy, and emailed when SMTP is set up; only its hash is stored. An expired
 * invitation to the same address is replaced, so the pending list shows each person once. An
 * address with an account at another clinic gets the very same answer and audit row as a new one;
 * only the email to the invitee (which the admin does not see) explains the situation.
 */
export async function inviteStaff(options: {
  scope: ClinicScope;
  email: string;
  role: Role;
  now?: Date;
  send?: typeof sendInvitationEmail;
}) {
  const { scope, role } = options;
  const email = normaliseEmail(options.email);
  const now = options.now ?? new Date();
  const token = generateLinkToken();
  const invitation = scope.db.transaction(
    (tx) => {
      const taken = tx
        .select({ clinicId: users.clinicId })
        .from(users)
        .where(eq(users.email, email))
        .get();
      // Only a member of this very clinic is refused: the admin can see them in the team anyway.
      // An account at another clinic must not be revealed, so that address is invited like any
      // other, and the invited person is told how to resolve it (decision 019).
      if (taken?.clinicId === scope.clinicId) throw new ConflictError(EMAIL_TAKEN_MESSAGE);
      const waiting = tx
        .select({ id: userTokens.id })
        .from(userTokens)
        .where(
          and(
            eq(userTokens.clinicId, scope.clinicId),
            eq(userTokens.kind, "invite"),
            eq(userTokens.email, email),
            isUsable(now),
          ),
        )
        .get();
      if (waiting) {
        throw new ConflictError(
          "An invitation to that email is already waiting. Revoke it below if you need a new link.",
        );
      }
      const replaced = tx
        .update(userTokens)
        .set({ revokedAt: now })
        .where(
          and(
            eq(userTokens.clinicId, scope.clinicId),
            eq(userTokens.kind, "invite"),
            eq(userTokens.email, email),
            isNull(userTokens.usedAt),
            isNull(userTokens.revokedAt),
          ),
        )
        .returning({ id: userTokens.id })
        .all();
      for (const old of replaced) {
        recordAudit(tx, {
          clinicId: scope.clinicId,
          actorKind: "user",
          actorId: scope.userId,
          action: "invitation.revoke",
          entityType: "invitation",
          entityId: old.id,
          before: { email },
          after: { reason: "expired and replaced by a new invitation" },
          ip: scope.ip,
          at: now,
        });
      }
      const row = tx
        .insert(userTokens)
        .values({
          clinicId: scope.clinicId,
          kind: "invite",
          tokenHash: hashLinkToken(token),
          email,
          role,
          createdBy: scope.userId,
          createdAt: now,
          expiresAt: invitationExpiry(now),
        })
        .returning({ id: userTokens.id, expiresAt: userTokens.expiresAt })
        .get();
      recordAudit(tx, {
        clinicId: scope.clinicId,
        actorKind: "user",
        actorId: scope.userId,
        action: "invitation.create",
        entityType: "invitation",
        entityId: row.id,
        after: { email, role, expiresAt: row.expiresAt.toISOString() },
        ip: scope.ip,
        at: now,
      });
      return { ...row, hasAccountElsewhere: taken !== undefined };
    },
    { behavior: "immediate" },
  );
  const sender = scope.db
    .select({ clinicName: clinics.name, inviterName: users.name })
    .from(users)
    .innerJoin(clinics, eq(clinics.id, users.clinicId))
    .where(eq(users.id, scope.userId))
    .get();
  const send = options.send ?? sendInvitationEmail;
  const emailStatus = await send({
    to: email,
    clinicName: sender?.clinicName ?? "your clinic",
    inviterName: sender?.inviterName ?? "Your clinic admin",
    role,
    token,
    expiresAt: invitation.expiresAt,
    hasAccountElsewhere: invitation.hasAccountElsewhere,
  });
  // The same fields whether or not the address has an account elsewhere: the admin cannot tell.
  return { id: invitation.id, email, role, expiresAt: invitation.expiresAt, token, emailStatus };
}

/** Stops an invitation from working. Revoking twice changes nothing; an accepted one cannot be. */
export function revokeInvitation(options: {
  scope: ClinicScope;
  invitationId: string;
  now?: Date;
}) {
  const { scope } = options;
  const now = options.now ?? new Date();
  return scope.db.transaction(
    (tx) => {
      const invitation = tx
        .select({
          id: userTokens.id,
          email: userTokens.email,
          usedAt: userTokens.usedAt,
          revokedAt: userTokens.revokedAt,
        })
        .from(userTokens)
        .where(
          and(
            eq(userTokens.id, options.invitationId),
            eq(userTokens.clinicId, scope.clinicId),
            eq(userTokens.kind, "invite"),
          ),
        )
        .get();
      if (!invitation) throw new NotFoundError("That invitation");
      if (invitation.usedAt) {
        throw new ConflictError(
          "That invitation has already been accepted. Deactivate the account instead if needed.",
        );
      }
      if (invitation.revokedAt) return { id: invitation.id, revokedAt: invitation.revokedAt };
      tx.update(userTokens)
        .set({ revokedAt: now })
        .where(and(eq(userTokens.id, invitation.id), isNull(userTokens.revokedAt)))
        .run();
      recordAudit(tx, {
        clinicId: scope.clinicId,
        actorKind: "user",
        actorId: scope.userId,
        action: "invitation.revoke",
        entityType: "invitation",
        entityId: invitation.id,
        before: { email: invitation.email },
        ip: scope.ip,
        at: now,
      });
      return { id: invitation.id, revokedAt: now };
    },
    { behavior: "immediate" },
  );
}

/**
 * Invitations not yet accepted or revoked, oldest first, including expired ones (flagged) so the
 * admin sees who still needs a fresh link. Nothing that could rebuild a token leaves here.
 */
export function listInvitations(options: { scope: ClinicScope; now?: Date }) {
  const { scope } = options;
  const now = options.now ?? new Date();
  return scope.db
    .select({
      id: userTokens.id,
      email: userTokens.email,
      role: userTokens.role,
      createdAt: userTokens.createdAt,
      expiresAt: userTokens.expiresAt,
      invitedByName: users.name,
    })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.createdBy))
    .where(
      and(
        eq(userTokens.clinicId, scope.clinicId),
        eq(userTokens.kind, "invite"),
        isNull(userTokens.usedAt),
        isNull(userTokens.revokedAt),
      ),
    )
    .orderBy(asc(userTokens.createdAt))
    .all()
    .map((i) => ({
      ...i,
      // The table's CHECK constraint gives every invitation a role; this only narrows the type.
      role: i.role ?? "clinician",
      expired: i.expiresAt <= now,
    }));
}
