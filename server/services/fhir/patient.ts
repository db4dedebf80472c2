import type { Patient } from "@medplum/fhirtypes";
import type { Side } from "@/db/schema/enums";
import { ref, resourceId, uuidIdentifier } from "./ids";

export interface PatientInput {
  id: string;
  clinicId: string;
  displayName: string;
  yearOfBirth: number;
  status: "active" | "discharged";
  affectedSide: Side;
}

/**
 * The patient as Rehabit knows them: the name the clinic uses (one text, never split into given
 * and family names we do not have), the year of birth (FHIR dates may be a year alone), whether the
 * record is open, and the clinic that keeps it.
 */
export function toFhirPatient(patient: PatientInput): Patient {
  return {
    resourceType: "Patient",
    id: resourceId("Patient", patient.id),
    identifier: [uuidIdentifier(patient.id)],
    active: patient.status === "active",
    name: [{ use: "usual", text: patient.displayName }],
    birthDate: String(patient.yearOfBirth),
    managingOrganization: ref("Organization", resourceId("Organization", patient.clinicId)),
  };
}
