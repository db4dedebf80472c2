import { eq } from "drizzle-orm";
import { patients, users } from "@/db/schema";
import { NotFoundError } from "../errors";
import { getCurrentProgram } from "../programs/get-current-program";
import type { ClinicScope } from "../scope";

/**
 * One patient of the scope's clinic with the program in force. Opening a record is audited, by
 * the procedure's read middleware (decision 021): any clinician of the clinic may open it, and the
 * trail shows who did.
 */
export async function getPatient(options: { scope: ClinicScope; patientId: string }) {
  const { scope, patientId } = options;
  const { data } = scope;
  return data.read(async (db) => {
    // The patient and their primary clinician's name in one query (the record page's first
    // read), so not requirePatient: the same clinic filter and the same NOT_FOUND.
    const [patient] = await db
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
      .where(data.mine(patients, eq(patients.id, patientId)))
      .limit(1);
    if (!patient) throw new NotFoundError("That patient");
    const program = await getCurrentProgram({ db, clinicId: data.clinicId, patientId });
    return { patient, program };
  });
}
