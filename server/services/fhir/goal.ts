import type { Goal } from "@medplum/fhirtypes";
import type { GoalStatus } from "@/db/schema/enums";
import { dayInZone } from "@/server/domain/days";
import { GOAL_ACHIEVEMENT } from "./codes";
import { ref, resourceId } from "./ids";

export interface GoalInput {
  patientId: string;
  timeZone: string;
  goal: {
    id: string;
    what: string;
    measure: string;
    target: string;
    targetDay: string;
    status: GoalStatus;
    statusChangedAt: Date;
    createdBy: string;
    createdAt: Date;
  };
}

/** Our four statuses over FHIR's two axes: is the goal still pursued, and was it reached. */
const LIFECYCLE: Record<GoalStatus, Goal["lifecycleStatus"]> = {
  active: "active",
  met: "completed",
  not_met: "completed",
  dropped: "cancelled",
};
const ACHIEVEMENT: Partial<Record<GoalStatus, { code: string; display: string }>> = {
  met: { code: "achieved", display: "Achieved" },
  not_met: { code: "not-achieved", display: "Not Achieved" },
};

/**
 * A SMART goal: what the patient wants to do, how it is measured and the target, by when. Days are
 * the patient's own calendar days, as the record shows them.
 */
export function toFhirGoal(input: GoalInput): Goal {
  const { goal } = input;
  const achievement = ACHIEVEMENT[goal.status];
  return {
    resourceType: "Goal",
    id: resourceId("Goal", goal.id),
    lifecycleStatus: LIFECYCLE[goal.status],
    ...(achievement
      ? { achievementStatus: { coding: [{ system: GOAL_ACHIEVEMENT, ...achievement }] } }
      : {}),
    description: { text: goal.what },
    subject: ref("Patient", resourceId("Patient", input.patientId)),
    startDate: dayInZone(goal.createdAt, input.timeZone),
    target: [
      { measure: { text: goal.measure }, detailString: goal.target, dueDate: goal.targetDay },
    ],
    statusDate: dayInZone(goal.statusChangedAt, input.timeZone),
    expressedBy: ref("Practitioner", resourceId("Practitioner", goal.createdBy)),
  };
}
