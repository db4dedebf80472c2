import { asc, eq } from "drizzle-orm";
import { patients } from "@/db/schema";
import type { Assignment } from "@/server/domain/reassignment";
import type { ClinicScope } from "../scope";
import { handOverPatients } from "./hand-over";
import { requireStaff } from "./staff";

/** Hands some or all of a clinician's active patients to colleagues, in one transaction. */
export async function reassignPatients(options: {
  scope: ClinicScope;
  fromUserId: string;
  assignments: readonly Assignment[];
  now?: Date;
}) {
  const { scope } = options;
  const now = options.now ?? new Date();
  const moved = await scope.data.write(
    async (tx) => {
      const from = await requireStaff(tx, scope, options.fromUserId);
      return handOverPatients(tx, {
        scope,
        from,
        assignments: options.assignments,
        requireAll: false,
        now,
      });
    },
    // Read-then-write: a colleague deactivated meanwhile must not receive a patient.
    { isolation: "serializable" },
  );
  return { moved };
}

/** A team member's active patients, for choosing who takes each one over. */
export function listCaseload(options: { scope: ClinicScope; userId: string }) {
  const { scope } = options;
  return scope.data.read(async (db) => {
    await requireStaff(db, scope, options.userId);
    return db
      .select({ id: patients.id, displayName: patients.displayName, condition: patients.condition })
      .from(patients)
      .where(
        scope.data.mine(
          patients,
          eq(patients.primaryClinicianId, options.userId),
          eq(patients.status, "active"),
        ),
      )
      .orderBy(asc(patients.displayName));
  });
}
