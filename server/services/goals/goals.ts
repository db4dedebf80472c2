import { asc, eq, ne } from "drizzle-orm";
import type { Db, Tx } from "@/db/engine/types";
import { goals, measureActivities, users } from "@/db/schema";
import type { GoalStatus } from "@/db/schema/enums";
import type { GoalFields } from "@/lib/schemas/goals-notes";
import { recordAudit } from "@/server/audit";
import { ConflictError, NotFoundError } from "../errors";
import type { ClinicScope, PatientScope } from "../scope";

/** What the trail keeps of a goal: its state and dates, never the words the patient chose. */
const auditView = (g: typeof goals.$inferSelect) => ({
  status: g.status,
  targetDay: g.targetDay,
  psfsActivityId: g.psfsActivityId,
});

async function audit(
  tx: Tx,
  scope: ClinicScope,
  action: string,
  goal: typeof goals.$inferSelect,
  before: typeof goals.$inferSelect | null,
) {
  await recordAudit(tx, {
    clinicId: scope.clinicId,
    actorKind: "user",
    actorId: scope.userId,
    action,
    entityType: "goal",
    entityId: goal.id,
    patientId: goal.patientId,
    before: before ? auditView(before) : null,
    after: auditView(goal),
    ip: scope.ip,
  });
}

const GOAL_COLUMNS = {
  id: goals.id,
  what: goals.what,
  measure: goals.measure,
  target: goals.target,
  targetDay: goals.targetDay,
  psfsActivityId: goals.psfsActivityId,
  status: goals.status,
  statusChangedAt: goals.statusChangedAt,
  createdAt: goals.createdAt,
  createdByName: users.name,
};

/** The patient's goals, oldest first: read inside the caller's read (the discharge summary too). */
export async function readGoals(db: Db, scope: { data: ClinicScope["data"] }, patientId: string) {
  return db
    .select(GOAL_COLUMNS)
    .from(goals)
    .innerJoin(users, eq(users.id, goals.createdBy))
    .where(scope.data.mine(goals, eq(goals.patientId, patientId)))
    .orderBy(asc(goals.createdAt), asc(goals.id));
}

/** Every goal of one patient of the clinic, with who set it. */
export async function listGoals(options: { scope: ClinicScope; patientId: string }) {
  const { scope, patientId } = options;
  return scope.data.read(async (db) => {
    const patient = await scope.data.requirePatient(db, patientId);
    return { goals: await readGoals(db, scope, patient.id) };
  });
}

export async function createGoal(options: {
  scope: ClinicScope;
  patientId: string;
  input: GoalFields;
  now?: Date;
}) {
  const { scope, input } = options;
  const now = options.now ?? new Date();
  return scope.data.write(async (tx) => {
    const patient = await scope.data.requirePatient(tx, options.patientId);
    if (patient.status !== "active")
      throw new ConflictError("This patient is discharged. Re-admit them to set a new goal.");
    await checkActivity(tx, scope, patient.id, input.psfsActivityId ?? null);
    const [row] = await tx
      .insert(goals)
      .values(
        scope.data.stamp({
          patientId: patient.id,
          createdBy: scope.userId,
          what: input.what,
          measure: input.measure,
          target: input.target,
          targetDay: input.targetDay,
          psfsActivityId: input.psfsActivityId ?? null,
          status: "active" as const,
          statusChangedAt: now,
          statusChangedBy: scope.userId,
          createdAt: now,
          updatedAt: now,
        }),
      )
      .returning();
    await audit(tx, scope, "goal.create", row!, null);
    return { id: row!.id };
  });
}

/**
 * A goal may name one of this patient's Patient-Specific Functional Scale activities; any other id
 * (another patient's, another clinic's, none at all) is refused like a missing one.
 */
async function checkActivity(tx: Tx, scope: ClinicScope, patientId: string, id: string | null) {
  if (id === null) return;
  const [activity] = await tx
    .select({ id: measureActivities.id })
    .from(measureActivities)
    .where(
      scope.data.mine(
        measureActivities,
        eq(measureActivities.patientId, patientId),
        eq(measureActivities.id, id),
      ),
    )
    .limit(1);
  if (!activity) throw new NotFoundError("That activity");
}

async function requireGoal(tx: Tx, scope: ClinicScope, goalId: string) {
  const [goal] = await tx
    .select()
    .from(goals)
    .where(scope.data.mine(goals, eq(goals.id, goalId)))
    .limit(1);
  if (!goal) throw new NotFoundError("That goal");
  return goal;
}

/** Rewords a goal or moves its target; its status and history stay. */
export async function updateGoal(options: {
  scope: ClinicScope;
  goalId: string;
  input: GoalFields;
  now?: Date;
}) {
  const { scope, input } = options;
  const now = options.now ?? new Date();
  return scope.data.write(
    async (tx) => {
      const before = await requireGoal(tx, scope, options.goalId);
      await checkActivity(tx, scope, before.patientId, input.psfsActivityId ?? null);
      const [after] = await tx
        .update(goals)
        .set({
          what: input.what,
          measure: input.measure,
          target: input.target,
          targetDay: input.targetDay,
          psfsActivityId: input.psfsActivityId ?? null,
          updatedAt: now,
        })
        .where(scope.data.mine(goals, eq(goals.id, before.id)))
        .returning();
      await audit(tx, scope, "goal.update", after!, before);
      return { id: before.id };
    },
    { isolation: "serializable" },
  );
}

/**
 * Met, not met, dropped or active again, with when and by whom. Setting the status it already has
 * changes nothing (a double tap, two colleagues at once) and keeps its first date.
 */
export async function setGoalStatus(options: {
  scope: ClinicScope;
  goalId: string;
  status: GoalStatus;
  now?: Date;
}) {
  const { scope, status } = options;
  const now = options.now ?? new Date();
  return scope.data.write(
    async (tx) => {
      const before = await requireGoal(tx, scope, options.goalId);
      if (before.status === status) return { id: before.id };
      const [after] = await tx
        .update(goals)
        .set({ status, statusChangedAt: now, statusChangedBy: scope.userId, updatedAt: now })
        .where(scope.data.mine(goals, eq(goals.id, before.id)))
        .returning();
      await audit(tx, scope, "goal.status", after!, before);
      return { id: before.id };
    },
    { isolation: "serializable" },
  );
}

/**
 * The patient's own goals for their progress page: the ones they are working on and the ones they
 * reached or missed; a goal the clinician dropped is no longer theirs to see.
 */
export async function listMyGoals(options: { scope: PatientScope }) {
  const { scope } = options;
  return scope.data.read(async (db) => {
    const rows = await db
      .select({
        id: goals.id,
        what: goals.what,
        measure: goals.measure,
        target: goals.target,
        targetDay: goals.targetDay,
        status: goals.status,
        statusChangedAt: goals.statusChangedAt,
      })
      .from(goals)
      .where(scope.data.ours(goals, ne(goals.status, "dropped")))
      .orderBy(asc(goals.createdAt), asc(goals.id));
    return { goals: rows };
  });
}
