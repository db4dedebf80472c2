import type { Condition } from "@medplum/fhirtypes";
import type { Condition as ConditionCode, Side } from "@/db/schema/enums";
import { CONDITION_LABELS } from "@/lib/labels";
import { CONDITION_CLINICAL } from "./codes";
import { ref, resourceId } from "./ids";

export interface ConditionInput {
  patientId: string;
  condition: ConditionCode;
  affectedSide: Side;
  status: "active" | "discharged";
  createdAt: Date;
}

const SIDE_SITE: Record<Side, string> = {
  left: "Left knee",
  right: "Right knee",
  both: "Both knees",
};

/**
 * What the patient is treated for, as the record names it (text only: our four conditions have no
 * one-to-one SNOMED CT concept we have checked; decision 031). Discharge closes the episode, not
 * necessarily the condition, so a discharged patient's condition says "inactive", not "resolved".
 */
export function toFhirCondition(input: ConditionInput): Condition {
  const clinical = input.status === "active" ? "active" : "inactive";
  return {
    resourceType: "Condition",
    id: conditionId(input.patientId),
    clinicalStatus: { coding: [{ system: CONDITION_CLINICAL, code: clinical }] },
    code: { text: CONDITION_LABELS[input.condition] },
    bodySite: [{ text: SIDE_SITE[input.affectedSide] }],
    subject: ref("Patient", resourceId("Patient", input.patientId)),
    recordedDate: input.createdAt.toISOString(),
  };
}

/** The Condition has no row of its own: its id is derived from the patient's. */
export function conditionId(patientId: string): string {
  return resourceId("Condition", patientId, true);
}
