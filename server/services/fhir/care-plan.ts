import type { CarePlan } from "@medplum/fhirtypes";
import type { VersionReason } from "@/db/schema/enums";
import { REASON_LABELS } from "@/lib/labels";
import { conditionId } from "./condition";
import { ref, resourceId } from "./ids";

export interface CarePlanInput {
  patientId: string;
  version: {
    id: string;
    number: number;
    reason: VersionReason;
    note: string | null;
    painLimit: number;
    effectiveFrom: Date;
    createdAt: Date;
    authorId: string;
  };
  /** The version this one replaced, in the same program. */
  previousVersionId: string | null;
  /**
   * When this version stopped being the plan: the next version's start, or the program's end for
   * its last version; null while it is the plan in force.
   */
  endedAt: Date | null;
  /** The program items of this version, in their order: each a ServiceRequest of the Bundle. */
  itemIds: string[];
}

/**
 * One CarePlan per program version (versions are immutable once saved): the version in force is
 * "active", every earlier one "completed", each `replaces` the one before it, so the chain of
 * versions and why each changed survives the move to another system.
 */
export function toFhirCarePlan(input: CarePlanInput): CarePlan {
  const { version } = input;
  const description = [
    `${REASON_LABELS[version.reason]}${version.note ? `: ${version.note}` : "."}`,
    `Pain limit during exercise: ${version.painLimit}/10.`,
  ].join(" ");
  return {
    resourceType: "CarePlan",
    id: resourceId("CarePlan", version.id),
    status: input.endedAt === null ? "active" : "completed",
    intent: "plan",
    title: `Home exercise program, version ${version.number}`,
    description,
    subject: ref("Patient", resourceId("Patient", input.patientId)),
    period: {
      start: version.effectiveFrom.toISOString(),
      ...(input.endedAt ? { end: input.endedAt.toISOString() } : {}),
    },
    created: version.createdAt.toISOString(),
    author: ref("Practitioner", resourceId("Practitioner", version.authorId)),
    addresses: [ref("Condition", conditionId(input.patientId))],
    ...(input.previousVersionId
      ? { replaces: [ref("CarePlan", resourceId("CarePlan", input.previousVersionId))] }
      : {}),
    ...(input.itemIds.length > 0
      ? {
          activity: input.itemIds.map((id) => ({
            reference: ref("ServiceRequest", resourceId("ServiceRequest", id)),
          })),
        }
      : {}),
  };
}
