import { z } from "zod";
import { GOAL_STATUSES } from "@/db/schema/enums";
import { ZGoalFields, ZGoalStatus } from "@/lib/schemas/goals-notes";
import {
  createGoal,
  listGoals,
  listMyGoals,
  setGoalStatus,
  updateGoal,
} from "@/server/services/goals/goals";
import { patientProcedure, router, staffProcedure } from "@/server/trpc";
import { ZId, ZIdOutput } from "./schemas";

export const ZListGoalsInput = z.object({ patientId: ZId });
export const ZCreateGoalInput = ZGoalFields.extend({ patientId: ZId });
export const ZUpdateGoalInput = ZGoalFields.extend({ goalId: ZId });
export const ZSetGoalStatusInput = z.object({ goalId: ZId, status: ZGoalStatus });

const ZGoalOutputFields = {
  id: z.string(),
  what: z.string(),
  measure: z.string(),
  target: z.string(),
  targetDay: z.string(),
  status: z.enum(GOAL_STATUSES),
  statusChangedAt: z.date(),
};

export const ZListGoalsOutput = z.object({
  goals: z.array(
    z.object({
      ...ZGoalOutputFields,
      psfsActivityId: z.string().nullable(),
      createdAt: z.date(),
      createdByName: z.string(),
    }),
  ),
});

/** The patient's own goals: no author, no link to other records. */
export const ZMyGoalsOutput = z.object({ goals: z.array(z.object(ZGoalOutputFields)) });

/** SMART goals set by the clinician with the patient (issue 15, part 2). */
export const goalsRouter = router({
  list: staffProcedure
    .input(ZListGoalsInput)
    .output(ZListGoalsOutput)
    .query(({ ctx, input }) => listGoals({ scope: ctx.scope, patientId: input.patientId })),
  create: staffProcedure
    .input(ZCreateGoalInput)
    .output(ZIdOutput)
    .mutation(({ ctx, input: { patientId, ...input } }) =>
      createGoal({ scope: ctx.scope, patientId, input }),
    ),
  update: staffProcedure
    .input(ZUpdateGoalInput)
    .output(ZIdOutput)
    .mutation(({ ctx, input: { goalId, ...input } }) =>
      updateGoal({ scope: ctx.scope, goalId, input }),
    ),
  setStatus: staffProcedure
    .input(ZSetGoalStatusInput)
    .output(ZIdOutput)
    .mutation(({ ctx, input }) =>
      setGoalStatus({ scope: ctx.scope, goalId: input.goalId, status: input.status }),
    ),
  mine: patientProcedure
    .output(ZMyGoalsOutput)
    .query(({ ctx }) => listMyGoals({ scope: ctx.patient })),
});
