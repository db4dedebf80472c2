import type { Role } from "@/db/schema/enums";
import type { ClinicData, PatientData } from "@/server/data/clinic-data";

/**
 * A signed-in staff member's view of the database: every service that reads or writes clinic data
 * takes this and reaches the database only through `data`, which is bound to the clinic, so
 * another clinic's ids behave like ids that do not exist.
 */
export interface ClinicScope {
  data: ClinicData;
  clinicId: string;
  userId: string;
  role: Role;
  ip: string | null;
}

/** A patient's view through their link: that one patient and nothing else. */
export interface PatientScope {
  data: PatientData;
  clinicId: string;
  patientId: string;
  linkId: string;
  ip: string | null;
}
