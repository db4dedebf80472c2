import { and, asc, eq } from "drizzle-orm";
import { patients } from "@/db/schema";
import type { Assignment } from "@/server/domain/reassignment";
import type { ClinicScope } from "../scope";
import { handOverPatients } from "./hand-over";
import { requireStaff } from "./staff";

/** Hands some or all of a clinician's active patients to colleagues, in one transaction. */
export function reassignPatients(options: {
  scope: ClinicScope;
  fromUserId: string;
  assignments: readonly Assignment[];
  now?: Date;
}) {
  const { scope } = options;
  const now = options.now ?? new Date();
  const moved = scope.db.transaction(
    (tx) => {
      const from = requireStaff(tx, scope, options.fromUserId);
      return handOverPatients(tx, {
        scope,
        from,
        assignments: options.assignments,
        requireAll: false,
        now,
      });
    },
    { behavior: "immediate" },
  );
  return { moved };
}

/** A team member's active patients, for choosing who takes each one over. */
export function listCaseload(options: { scope: ClinicScope; userId: string }) {
  const { scope } = options;
  requireStaff(scope.db, scope, options.userId);
  return scope.db
    .select({ id: patients.id, displayName: patients.displayName, condition: patients.condition })
    .from(patients)
    .where(
      and(
        eq(patients.clinicId, scope.clinicId),
        eq(patients.primaryClinicianId, options.userId),
        eq(patients.status, "active"),
      ),
    )
    .orderBy(asc(patients.displayName))
    .all();
}
