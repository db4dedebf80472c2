import type { Communication } from "@medplum/fhirtypes";
import type { MessageAuthorKind } from "@/db/schema/enums";
import { ref, resourceId } from "./ids";

export interface MessageInput {
  patientId: string;
  clinicId: string;
  message: {
    id: string;
    authorKind: MessageAuthorKind;
    authorUserId: string | null;
    body: string;
    sentAt: Date;
    readByPatientAt: Date | null;
    readByStaffAt: Date | null;
  };
}

/**
 * One message of the patient's conversation with the clinic: from the patient to the clinic, or
 * from a clinician to the patient, with when it was sent and when the other side first read it.
 */
export function toFhirCommunication(input: MessageInput): Communication {
  const { message } = input;
  const patient = ref("Patient", resourceId("Patient", input.patientId));
  const clinic = ref("Organization", resourceId("Organization", input.clinicId));
  const fromPatient = message.authorKind === "patient";
  const sender = fromPatient
    ? patient
    : message.authorUserId
      ? ref("Practitioner", resourceId("Practitioner", message.authorUserId))
      : clinic;
  const received = fromPatient ? message.readByStaffAt : message.readByPatientAt;
  return {
    resourceType: "Communication",
    id: resourceId("Communication", message.id),
    status: "completed",
    subject: patient,
    sent: message.sentAt.toISOString(),
    ...(received ? { received: received.toISOString() } : {}),
    sender,
    recipient: [fromPatient ? clinic : patient],
    payload: [{ contentString: message.body }],
  };
}
