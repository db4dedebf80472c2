import { eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/engine/types";
import { patients, users } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { checkReassignment, type Assignment } from "@/server/domain/reassignment";
import { ConflictError, NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";
import { activeColleagueIds, activePatientIdsOf } from "./staff";

/**
 * Moves patients from one clinician to colleagues inside the caller's transaction, one audit event
 * per patient (so each patient's trail shows who took over). With `requireAll`, every active
 * patient must be handed over or nothing is written. The checks read before they write: the
 * caller's write must be serializable.
 */
export async function handOverPatients(
  tx: Tx,
  options: {
    scope: ClinicScope;
    from: { id: string; name: string };
    assignments: readonly Assignment[];
    requireAll: boolean;
    now: Date;
  },
): Promise<number> {
  const { scope, from, assignments, now } = options;
  const { data } = scope;
  const targetIds = [...new Set(assignments.map((a) => a.toUserId))];
  if (targetIds.length > 0) {
    const known = await tx
      .select({ id: users.id })
      .from(users)
      .where(data.mine(users, inArray(users.id, targetIds)));
    if (known.length !== targetIds.length) throw new NotFoundError("That colleague");
  }
  const verdict = checkReassignment({
    fromUserId: from.id,
    fromName: from.name,
    activePatientIds: await activePatientIdsOf(tx, scope, from.id),
    activeColleagueIds: await activeColleagueIds(tx, scope, from.id),
    assignments,
    requireAll: options.requireAll,
  });
  if (!verdict.ok) throw new ConflictError(verdict.message);
  for (const a of assignments) {
    await tx
      .update(patients)
      .set({ primaryClinicianId: a.toUserId })
      .where(
        data.mine(patients, eq(patients.id, a.patientId), eq(patients.primaryClinicianId, from.id)),
      );
    await recordAudit(tx, {
      clinicId: scope.clinicId,
      actorKind: "user",
      actorId: scope.userId,
      action: "patient.reassign",
      entityType: "patient",
      entityId: a.patientId,
      patientId: a.patientId,
      before: { primaryClinicianId: from.id },
      after: { primaryClinicianId: a.toUserId },
      ip: scope.ip,
      at: now,
    });
  }
  return assignments.length;
}
