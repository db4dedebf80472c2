import type { Practitioner } from "@medplum/fhirtypes";
import { resourceId } from "./ids";

export interface StaffInput {
  id: string;
  name: string;
}

/**
 * A clinician named by the record (a program's author, a note's, a message's). Only the name: the
 * sign-in address is an account detail, not part of the patient's record.
 */
export function toFhirPractitioner(user: StaffInput): Practitioner {
  return {
    resourceType: "Practitioner",
    id: resourceId("Practitioner", user.id),
    name: [{ text: user.name }],
  };
}
