import { and, eq, isNull, sql } from "drizzle-orm";
import { userTokens, users } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import { recordAudit } from "@/server/audit";
import { checkKeepsAnAdmin } from "@/server/domain/last-admin";
import type { Assignment } from "@/server/domain/reassignment";
import { ConflictError } from "../errors";
import type { ClinicScope } from "../scope";
import { handOverPatients } from "./hand-over";
import { countActiveAdmins, requireStaff } from "./staff";

/**
 * Makes someone an admin or a clinician. The role is read from the database on every request, so
 * the change applies to open sessions at once without ending them.
 */
export function changeRole(options: {
  scope: ClinicScope;
  userId: string;
  role: Role;
  now?: Date;
}) {
  const { scope, role } = options;
  const now = options.now ?? new Date();
  return scope.db.transaction(
    (tx) => {
      const target = requireStaff(tx, scope, options.userId);
      if (target.role === role) return { id: target.id, role };
      const verdict = checkKeepsAnAdmin({
        name: target.name,
        before: target,
        after: { role, active: target.active },
        activeAdmins: countActiveAdmins(tx, scope.clinicId),
      });
      if (!verdict.ok) throw new ConflictError(verdict.message);
      tx.update(users)
        .set({ role })
        .where(and(eq(users.id, target.id), eq(users.clinicId, scope.clinicId)))
        .run();
      recordAudit(tx, {
        clinicId: scope.clinicId,
        actorKind: "user",
        actorId: scope.userId,
        action: "user.change_role",
        entityType: "user",
        entityId: target.id,
        before: { role: target.role },
        after: { role },
        ip: scope.ip,
        at: now,
      });
      return { id: target.id, role };
    },
    { behavior: "immediate" },
  );
}

/**
 * Deactivates an account and ends every open session of it at once (the session version moves on).
 * Their active patients go to the colleagues chosen in `assignments`, in the same transaction; the
 * call is refused if any active patient would be left without a clinician, or if it would leave the
 * clinic without an active admin. Unused password reset links of the person stop working too.
 */
export function deactivateUser(options: {
  scope: ClinicScope;
  userId: string;
  assignments?: readonly Assignment[];
  now?: Date;
}) {
  const { scope } = options;
  const now = options.now ?? new Date();
  return scope.db.transaction(
    (tx) => {
      const target = requireStaff(tx, scope, options.userId);
      if (!target.active) return { id: target.id, active: false, patientsReassigned: 0 };
      const verdict = checkKeepsAnAdmin({
        name: target.name,
        before: target,
        after: { role: target.role, active: false },
        activeAdmins: countActiveAdmins(tx, scope.clinicId),
      });
      if (!verdict.ok) throw new ConflictError(verdict.message);
      const patientsReassigned = handOverPatients(tx, {
        scope,
        from: target,
        assignments: options.assignments ?? [],
        requireAll: true,
        now,
      });
      tx.update(users)
        .set({ active: false, sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(and(eq(users.id, target.id), eq(users.clinicId, scope.clinicId)))
        .run();
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
      recordAudit(tx, {
        clinicId: scope.clinicId,
        actorKind: "user",
        actorId: scope.userId,
        action: "user.deactivate",
        entityType: "user",
        entityId: target.id,
        before: { active: true, sessionVersion: target.sessionVersion },
        after: {
          active: false,
          sessionVersion: target.sessionVersion + 1,
          patientsReassigned,
        },
        ip: scope.ip,
        at: now,
      });
      return { id: target.id, active: false, patientsReassigned };
    },
    { behavior: "immediate" },
  );
}

/** Lets a deactivated person sign in again. Sessions ended by the deactivation stay ended. */
export function reactivateUser(options: { scope: ClinicScope; userId: string; now?: Date }) {
  const { scope } = options;
  const now = options.now ?? new Date();
  return scope.db.transaction(
    (tx) => {
      const target = requireStaff(tx, scope, options.userId);
      if (target.active) return { id: target.id, active: true };
      tx.update(users)
        .set({ active: true })
        .where(and(eq(users.id, target.id), eq(users.clinicId, scope.clinicId)))
        .run();
      recordAudit(tx, {
        clinicId: scope.clinicId,
        actorKind: "user",
        actorId: scope.userId,
        action: "user.reactivate",
        entityType: "user",
        entityId: target.id,
        before: { active: false },
        after: { active: true },
        ip: scope.ip,
        at: now,
      });
      return { id: target.id, active: true };
    },
    { behavior: "immediate" },
  );
}
