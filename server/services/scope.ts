import type { Db } from "@/db/client";
import type { Role } from "@/db/schema/enums";

/**
 * A signed-in staff member's view of the database: every service that reads or writes clinic data
 * takes this and filters by `clinicId`, so another clinic's ids behave like ids that do not exist.
 */
export interface ClinicScope {
  db: Db;
  clinicId: string;
  userId: string;
  role: Role;
  ip: string | null;
}

/** A patient's view through their link: that one patient and nothing else. */
export interface PatientScope {
  db: Db;
  clinicId: string;
  patientId: string;
  linkId: string;
  ip: string | null;
}
