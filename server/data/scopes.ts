import type { Engine } from "@/db/engine/types";
import type { StaffSession } from "@/server/services/auth/staff-session";
import type { ClinicScope, PatientScope } from "@/server/services/scope";
import { clinicData, patientData } from "./clinic-data";

/** A signed-in staff member's scope: the tRPC tiers and the picture route build it alike. */
export function staffScope(engine: Engine, session: StaffSession, ip: string | null): ClinicScope {
  return {
    data: clinicData(engine, session.clinicId),
    clinicId: session.clinicId,
    userId: session.userId,
    role: session.role,
    ip,
  };
}

/** A patient's scope through their link. */
export function patientScope(
  engine: Engine,
  link: { clinicId: string; patientId: string; linkId: string },
  ip: string | null,
): PatientScope {
  return {
    data: patientData(engine, link.clinicId, link.patientId),
    clinicId: link.clinicId,
    patientId: link.patientId,
    linkId: link.linkId,
    ip,
  };
}
