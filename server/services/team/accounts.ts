import { eq, isNull, sql } from "drizzle-orm";
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
 * "The clinic keeps an active admin" and "no active patient is left without a clinician" are read
 * and then written: on PostgreSQL two admins demoting each other at the same moment could both
 * see the other one still there. Serializable makes the second of them start again and see the
 * first one's change (SQLite's single writer already runs them one after the other).
 */
const READ_THEN_WRITE = { isolation: "serializable" } as const;

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
  return scope.data.write(async (tx) => {
    const target = await requireStaff(tx, scope, options.userId);
    if (target.role === role) return { id: target.id, role };
    const verdict = checkKeepsAnAdmin({
      name: target.name,
      before: target,
      after: { role, active: target.active },
      activeAdmins: await countActiveAdmins(tx, scope),
    });
    if (!verdict.ok) throw new ConflictError(verdict.message);
    await tx
      .update(users)
      .set({ role })
      .where(scope.data.mine(users, eq(users.id, target.id)));
    await recordAudit(tx, {
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
  }, READ_THEN_WRITE);
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
  return scope.data.write(async (tx) => {
    const target = await requireStaff(tx, scope, options.userId);
    if (!target.active) return { id: target.id, active: false, patientsReassigned: 0 };
    const verdict = checkKeepsAnAdmin({
      name: target.name,
      before: target,
      after: { role: target.role, active: false },
      activeAdmins: await countActiveAdmins(tx, scope),
    });
    if (!verdict.ok) throw new ConflictError(verdict.message);
    const patientsReassigned = await handOverPatients(tx, {
      scope,
      from: target,
      assignments: options.assignments ?? [],
      requireAll: true,
      now,
    });
    await tx
      .update(users)
      .set({ active: false, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(scope.data.mine(users, eq(users.id, target.id)));
    await tx
      .update(userTokens)
      .set({ revokedAt: now })
      .where(
        scope.data.mine(
          userTokens,
          eq(userTokens.userId, target.id),
          eq(userTokens.kind, "password_reset"),
          isNull(userTokens.usedAt),
          isNull(userTokens.revokedAt),
        ),
      );
    await recordAudit(tx, {
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
  }, READ_THEN_WRITE);
}

/** Lets a deactivated person sign in again. Sessions ended by the deactivation stay ended. */
export function reactivateUser(options: { scope: ClinicScope; userId: string; now?: Date }) {
  const { scope } = options;
  const now = options.now ?? new Date();
  return scope.data.write(async (tx) => {
    const target = await requireStaff(tx, scope, options.userId);
    if (target.active) return { id: target.id, active: true };
    // Only a row still inactive is changed, so two reactivations at once record one event.
    const changed = await tx
      .update(users)
      .set({ active: true })
      .where(scope.data.mine(users, eq(users.id, target.id), eq(users.active, false)))
      .returning({ id: users.id });
    if (changed.length === 0) return { id: target.id, active: true };
    await recordAudit(tx, {
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
  });
}
