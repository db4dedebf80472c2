import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { patients, users } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { checkReassignment, type Assignment } from "@/server/domain/reassignment";
import { ConflictError, NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";
import { activeColleagueIds, activePatientIdsOf } from "./staff";

/**
 * Moves patients from one clinician to colleagues inside the caller's transaction, one audit event
 * per patient (so each patient's trail shows who took over). With `requireAll`, every active
 * patient must be handed over or nothing is written.
 */
export function handOverPatients(
  tx: DbOrTx,
  options: {
    scope: ClinicScope;
    from: { id: string; name: string };
    assignments: readonly Assignment[];
    requireAll: boolean;
    now: Date;
  },
): number {
  const { scope, from, assignments, now } = options;
  const targetIds = [...new Set(assignments.map((a) => a.toUserId))];
  if (targetIds.length > 0) {
    const known = tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.clinicId, scope.clinicId), inArray(users.id, targetIds)))
      .all();
    if (known.length !== targetIds.length) throw new NotFoundError("That colleague");
  }
  const verdict = checkReassignment({
    fromUserId: from.id,
    fromName: from.name,
    activePatientIds: activePatientIdsOf(tx, scope.clinicId, from.id),
    activeColleagueIds: activeColleagueIds(tx, scope.clinicId, from.id),
    assignments,
    requireAll: options.requireAll,
  });
  if (!verdict.ok) throw new ConflictError(verdict.message);
  for (const a of assignments) {
    tx.update(patients)
      .set({ primaryClinicianId: a.toUserId })
      .where(
        and(
          eq(patients.id, a.patientId),
          eq(patients.clinicId, scope.clinicId),
          eq(patients.primaryClinicianId, from.id),
        ),
      )
      .run();
    recordAudit(tx, {
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
