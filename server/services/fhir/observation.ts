import type { Observation } from "@medplum/fhirtypes";
import type { PainContext } from "@/db/schema/enums";
import {
  OBSERVATION_CATEGORY,
  PAIN_CONTEXT_DISPLAY,
  PAIN_CONTEXT_SYSTEM,
  PAIN_SEVERITY_CODE,
} from "./codes";
import { ref, resourceId } from "./ids";

export interface PainObservationInput {
  patientId: string;
  report: { id: string; context: PainContext; score: number };
  checkIn: { submittedAt: Date; versionId: string | null; note: string | null };
}

/**
 * One pain score as the patient reported it: LOINC 72514-3 with the score, when it was sent, the
 * plan in force then, and when the pain was felt (on waking, during exercise ...) as a component,
 * so two scores of one day are never read as the same measurement.
 */
export function toFhirPainObservation(input: PainObservationInput): Observation {
  const { report, checkIn } = input;
  const patient = ref("Patient", resourceId("Patient", input.patientId));
  const context = PAIN_CONTEXT_DISPLAY[report.context];
  return {
    resourceType: "Observation",
    id: resourceId("Observation", report.id),
    ...(checkIn.versionId
      ? { basedOn: [ref("CarePlan", resourceId("CarePlan", checkIn.versionId))] }
      : {}),
    status: "final",
    category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: "survey", display: "Survey" }] }],
    code: { coding: [{ ...PAIN_SEVERITY_CODE }], text: "Pain severity (0-10)" },
    subject: patient,
    effectiveDateTime: checkIn.submittedAt.toISOString(),
    performer: [patient],
    valueInteger: report.score,
    ...(checkIn.note ? { note: [{ text: checkIn.note }] } : {}),
    component: [
      {
        code: { text: "When the pain was felt" },
        valueCodeableConcept: {
          coding: [{ system: PAIN_CONTEXT_SYSTEM, code: report.context, display: context }],
          text: context,
        },
      },
    ],
  };
}
