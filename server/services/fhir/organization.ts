import type { ContactPoint, Organization } from "@medplum/fhirtypes";
import { resourceId } from "./ids";

export interface ClinicInput {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
}

/** The clinic that keeps the record, with the contact details it shows its patients. */
export function toFhirOrganization(clinic: ClinicInput): Organization {
  const telecom: ContactPoint[] = [];
  if (clinic.phone) telecom.push({ system: "phone", value: clinic.phone, use: "work" });
  if (clinic.email) telecom.push({ system: "email", value: clinic.email, use: "work" });
  return {
    resourceType: "Organization",
    id: resourceId("Organization", clinic.id),
    active: true,
    name: clinic.name,
    ...(telecom.length > 0 ? { telecom } : {}),
  };
}
