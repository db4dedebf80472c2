import { eq } from "drizzle-orm";
import { patients, users } from "@/db/schema";
import type { Db } from "@/db/engine/types";
import { minePrepared, type ClinicData } from "@/server/data/clinic-data";
import { NotFoundError } from "../errors";
import { perConnection, placeholder as p } from "../prepared";
import { getCurrentProgram } from "../programs/get-current-program";
import type { ClinicScope } from "../scope";

/**
 * The patient and their primary clinician's name in one query (the record page's first read), so
 * not requirePatient: the same clinic filter and the same NOT_FOUND. Prepared once per connection.
 */
const statements = perConnection((db) => ({
  patient: db
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
    .where(minePrepared(patients, eq(patients.id, p("patientId"))))
    .limit(1)
    .prepare("patient_record"),
}));

/**
 * The patient with their primary clinician's name, in the caller's read; undefined when the
 * patient is not this clinic's. The record page and the discharge summary start from it.
 */
export async function readPatientWithClinician(db: Db, data: ClinicData, patientId: string) {
  const [patient] = await statements(db).patient.execute(data.bind({ patientId }));
  return patient;
}

/**
 * One patient of the scope's clinic with the program in force. Opening a record is audited, by
 * the procedure's read middleware (decision 021): any clinician of the clinic may open it, and the
 * trail shows who did.
 */
export async function getPatient(options: { scope: ClinicScope; patientId: string }) {
  const { scope, patientId } = options;
  const { data } = scope;
  return data.read(async (db) => {
    const patient = await readPatientWithClinician(db, data, patientId);
    if (!patient) throw new NotFoundError("That patient");
    const program = await getCurrentProgram({ db, clinicId: data.clinicId, patientId });
    return { patient, program };
  });
}
