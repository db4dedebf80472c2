import type { CodeableConcept, ServiceRequest, Timing } from "@medplum/fhirtypes";
import type { BandColour, Side, Sidedness } from "@/db/schema/enums";
import { describeDose, describeHowOften, sideWords, type Dose } from "@/server/domain/dosage";
import { ref, resourceId } from "./ids";

export interface ServiceRequestInput {
  patientId: string;
  versionId: string;
  authorId: string;
  createdAt: Date;
  /** Whether the item's version is the plan in force. */
  inForce: boolean;
  item: {
    id: string;
    position: number;
    sets: number | null;
    reps: number | null;
    holdSeconds: number | null;
    restSeconds: number | null;
    durationSeconds: number | null;
    sessionsPerDay: number;
    daysPerWeek: number;
    side: Side;
    loadKg: number | null;
    bandColour: BandColour | null;
    notes: string | null;
  };
  exercise: { name: string; sidedness: Sidedness };
}

/**
 * How often, as a FHIR Timing: sessions a day on every day, or sessions a week when the exercise
 * rests on some days (a Timing cannot say "twice a day on five days of seven" in one repeat).
 */
export function doseTiming(dose: Pick<Dose, "sessionsPerDay" | "daysPerWeek">): Timing {
  const repeat =
    dose.daysPerWeek === 7
      ? { frequency: dose.sessionsPerDay, period: 1, periodUnit: "d" as const }
      : { frequency: dose.sessionsPerDay * dose.daysPerWeek, period: 1, periodUnit: "wk" as const };
  return { repeat, code: { text: describeHowOften(dose) } };
}

/**
 * The parts of one session FHIR has no element for (sets, repetitions, hold, rest, load), each a
 * coded-by-text detail of the order, so a reader gets them one by one as well as in the sentence.
 */
export function doseDetails(item: ServiceRequestInput["item"]): CodeableConcept[] {
  const details: string[] = [];
  if (item.sets !== null) details.push(`Sets: ${item.sets}`);
  if (item.reps !== null) details.push(`Repetitions per set: ${item.reps}`);
  if (item.holdSeconds) details.push(`Hold: ${item.holdSeconds} s`);
  if (item.durationSeconds) details.push(`Duration: ${item.durationSeconds} s`);
  if (item.restSeconds) details.push(`Rest between sets: ${item.restSeconds} s`);
  if (item.loadKg !== null) details.push(`Load: ${item.loadKg} kg`);
  if (item.bandColour !== null) details.push(`Resistance band: ${item.bandColour}`);
  return details.map((text) => ({ text }));
}

/**
 * One exercise of a program version, as the clinician's order to the patient: what (the exercise's
 * name), how often (a Timing), how much (the session's details and the whole dose in the words the
 * patient reads), which side, and the clinician's notes.
 */
export function toFhirServiceRequest(input: ServiceRequestInput): ServiceRequest {
  const { item, exercise } = input;
  const dose: Dose = { ...item };
  const instruction = [describeDose(dose, exercise.sidedness), item.notes].filter(Boolean);
  const details = doseDetails(item);
  return {
    resourceType: "ServiceRequest",
    id: resourceId("ServiceRequest", item.id),
    basedOn: [ref("CarePlan", resourceId("CarePlan", input.versionId))],
    status: input.inForce ? "active" : "completed",
    intent: "order",
    code: { text: exercise.name },
    ...(details.length > 0 ? { orderDetail: details } : {}),
    subject: ref("Patient", resourceId("Patient", input.patientId)),
    occurrenceTiming: doseTiming(item),
    authoredOn: input.createdAt.toISOString(),
    requester: ref("Practitioner", resourceId("Practitioner", input.authorId)),
    bodySite: [{ text: sideWords(item.side, exercise.sidedness) }],
    patientInstruction: instruction.join(". "),
  };
}
