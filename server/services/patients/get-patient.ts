import { and, eq } from "drizzle-orm";
import { patients, users } from "@/db/schema";
import { NotFoundError } from "../errors";
import { getCurrentProgram } from "../programs/get-current-program";
import type { ClinicScope } from "../scope";

/**
 * One patient of the scope's clinic with the program in force. Opening a record is audited, by
 * the procedure's read middleware (decision 021): any clinician of the clinic may open it, and the
 * trail shows who did.
 */
export function getPatient(options: { scope: ClinicScope; patientId: string }) {
  const { scope, patientId } = options;
  const patient = scope.db
    .select({
      id: patients.id,
      displayName: patients.displayName,
      yearOfBirth: patients.yearOfBirth,
      condition: patients.condition,
      affectedSide: patients.affectedSide,
      status: patients.status,
      timeZone: patients.timeZone,
      primaryClinicianId: patients.primaryClinicianId,
      primaryClinicianName: users.name,
    })
    .from(patients)
    .innerJoin(users, eq(users.id, patients.primaryClinicianId))
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, scope.clinicId)))
    .get();
  if (!patient) throw new NotFoundError("That patient");
  const program = getCurrentProgram({ db: scope.db, clinicId: scope.clinicId, patientId });
  return { patient, program };
}
