import { asc, eq, isNull } from "drizzle-orm";
import { clinics, userTokens, users } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import { recordAudit } from "@/server/audit";
import { generateLinkToken, hashLinkToken } from "@/server/auth/tokens";
import type { SystemData } from "@/server/data/clinic-data";
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
 *
 * `system` answers one question this clinic's view cannot: whether the address has an account at
 * another clinic (decision 019). Nothing of that account reaches the admin.
 */
export async function inviteStaff(options: {
  scope: ClinicScope;
  system: SystemData;
  email: string;
  role: Role;
  now?: Date;
  send?: typeof sendInvitationEmail;
}) {
  const { scope, role } = options;
  const { data } = scope;
  const email = normaliseEmail(options.email);
  const now = options.now ?? new Date();
  const token = generateLinkToken();
  const [account] = await options.system.read((db) =>
    db.select({ clinicId: users.clinicId }).from(users).where(eq(users.email, email)).limit(1),
  );
  const invitation = await data.write(
    async (tx) => {
      const [member] = await tx
        .select({ id: users.id })
        .from(users)
        .where(data.mine(users, eq(users.email, email)))
        .limit(1);
      // Only a member of this very clinic is refused: the admin can see them in the team anyway.
      // An account at another clinic must not be revealed, so that address is invited like any
      // other, and the invited person is told how to resolve it (decision 019).
      if (member) throw new ConflictError(EMAIL_TAKEN_MESSAGE);
      const [waiting] = await tx
        .select({ id: userTokens.id })
        .from(userTokens)
        .where(
          data.mine(
            userTokens,
            eq(userTokens.kind, "invite"),
            eq(userTokens.email, email),
            isUsable(now),
          ),
        )
        .limit(1);
      if (waiting) {
        throw new ConflictError(
          "An invitation to that email is already waiting. Revoke it below if you need a new link.",
        );
      }
      const replaced = await tx
        .update(userTokens)
        .set({ revokedAt: now })
        .where(
          data.mine(
            userTokens,
            eq(userTokens.kind, "invite"),
            eq(userTokens.email, email),
            isNull(userTokens.usedAt),
            isNull(userTokens.revokedAt),
          ),
        )
        .returning({ id: userTokens.id });
      for (const old of replaced) {
        await recordAudit(tx, {
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
      const [row] = await tx
        .insert(userTokens)
        .values(
          data.stamp({
            kind: "invite" as const,
            tokenHash: hashLinkToken(token),
            email,
            role,
            createdBy: scope.userId,
            createdAt: now,
            expiresAt: invitationExpiry(now),
          }),
        )
        .returning({ id: userTokens.id, expiresAt: userTokens.expiresAt });
      if (!row) throw new Error("invitation insert returned no row");
      await recordAudit(tx, {
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
      return row;
    },
    // Read-then-write: two invitations to one address sent at the same moment must not both wait.
    { isolation: "serializable" },
  );
  const [sender] = await data.read((db) =>
    db
      .select({ clinicName: clinics.name, inviterName: users.name })
      .from(users)
      .innerJoin(clinics, data.clinicIs(clinics.id))
      .where(data.mine(users, eq(users.id, scope.userId)))
      .limit(1),
  );
  // The email goes out after the commit: sending never holds a write open.
  const send = options.send ?? sendInvitationEmail;
  const emailStatus = await send({
    to: email,
    clinicName: sender?.clinicName ?? "your clinic",
    inviterName: sender?.inviterName ?? "Your clinic admin",
    role,
    token,
    expiresAt: invitation.expiresAt,
    // Not a member here (the write refused that), so an account found is another clinic's.
    hasAccountElsewhere: account !== undefined,
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
  const { data } = scope;
  const now = options.now ?? new Date();
  return data.write(
    async (tx) => {
      const [invitation] = await tx
        .select({
          id: userTokens.id,
          email: userTokens.email,
          usedAt: userTokens.usedAt,
          revokedAt: userTokens.revokedAt,
        })
        .from(userTokens)
        .where(
          data.mine(
            userTokens,
            eq(userTokens.id, options.invitationId),
            eq(userTokens.kind, "invite"),
          ),
        )
        .limit(1);
      if (!invitation) throw new NotFoundError("That invitation");
      if (invitation.usedAt) {
        throw new ConflictError(
          "That invitation has already been accepted. Deactivate the account instead if needed.",
        );
      }
      if (invitation.revokedAt) return { id: invitation.id, revokedAt: invitation.revokedAt };
      await tx
        .update(userTokens)
        .set({ revokedAt: now })
        .where(
          data.mine(userTokens, eq(userTokens.id, invitation.id), isNull(userTokens.revokedAt)),
        );
      await recordAudit(tx, {
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
      // Read-then-write: a revocation or an acceptance at the same moment is seen, not overwritten.
    },
    { isolation: "serializable" },
  );
}

/**
 * Invitations not yet accepted or revoked, oldest first, including expired ones (flagged) so the
 * admin sees who still needs a fresh link. Nothing that could rebuild a token leaves here.
 */
export async function listInvitations(options: { scope: ClinicScope; now?: Date }) {
  const { scope } = options;
  const { data } = scope;
  const now = options.now ?? new Date();
  const rows = await data.read((db) =>
    db
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
        data.mine(
          userTokens,
          eq(userTokens.kind, "invite"),
          isNull(userTokens.usedAt),
          isNull(userTokens.revokedAt),
        ),
      )
      .orderBy(asc(userTokens.createdAt), asc(userTokens.id)),
  );
  return rows.map((i) => ({
    ...i,
    // The table's CHECK constraint gives every invitation a role; this only narrows the type.
    role: i.role ?? "clinician",
    expired: i.expiresAt <= now,
  }));
}
