import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/engine/types";
import { measureActivities, measureSchedules } from "@/db/schema";
import { findMeasure, type MeasureDefinition } from "@/lib/measures";
import type { ScheduleKind } from "@/lib/measures/kinds";
import { recordAudit } from "@/server/audit";
import { dayInZone, type Day } from "@/server/domain/days";
import { ConflictError, NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";
import { activitiesOf } from "./responses";

/** The measure of this id, or NotFoundError: an unknown id reads like a missing record. */
export function requireMeasure(measureId: string): MeasureDefinition {
  const measure = findMeasure(measureId);
  if (!measure) throw new NotFoundError("That outcome measure");
  return measure;
}

async function audit(
  tx: Tx,
  scope: ClinicScope,
  event: { action: string; entityType: string; entityId: string; patientId: string; after: object },
) {
  await recordAudit(tx, {
    clinicId: scope.data.clinicId,
    actorKind: "user",
    actorId: scope.userId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    patientId: event.patientId,
    after: event.after as Record<string, unknown>,
    ip: scope.ip,
  });
}

export interface ScheduleMeasureInput {
  patientId: string;
  measureId: string;
  kind: ScheduleKind;
  everyWeeks?: number | null;
  /** The first (or only) day; today in the patient's zone when left out. */
  firstDay?: Day | null;
}

/**
 * Schedules a measure for a patient (at start, every N weeks, at discharge). A patient-specific
 * measure needs the patient's activities first; one live schedule of a kind per measure.
 */
export async function scheduleMeasure(options: {
  scope: ClinicScope;
  input: ScheduleMeasureInput;
  now?: Date;
}): Promise<{ scheduleId: string; firstDay: Day }> {
  const { scope, input } = options;
  const { data } = scope;
  const measure = requireMeasure(input.measureId);
  if (!measure.schedule.includes(input.kind)) {
    throw new ConflictError(
      `The ${measure.shortName} cannot be scheduled that way: choose ${measure.schedule.join(" or ")}.`,
    );
  }
  const everyWeeks = input.kind === "interval" ? (input.everyWeeks ?? null) : null;
  if (input.kind === "interval" && everyWeeks === null) {
    throw new ConflictError("Say every how many weeks the patient should answer.");
  }
  const now = options.now ?? new Date();
  return data.write(async (tx) => {
    const patient = await data.requirePatient(tx, input.patientId);
    if (patient.status !== "active") {
      throw new ConflictError(
        "This patient has been discharged: re-admit them to schedule a measure.",
      );
    }
    const today = dayInZone(now, patient.timeZone);
    const firstDay = input.firstDay ?? today;
    if (firstDay < today) {
      throw new ConflictError("The first day cannot be in the past. Choose today or a later day.");
    }
    if (measure.patientSpecific) {
      const activities = await activitiesOf(tx, data, patient.id, measure.id);
      if (activities.length < measure.patientSpecific.minItems) {
        throw new ConflictError(
          `Name the patient's activities for the ${measure.shortName} first, then schedule it.`,
        );
      }
    }
    const [live] = await tx
      .select({ id: measureSchedules.id })
      .from(measureSchedules)
      .where(
        data.mine(
          measureSchedules,
          eq(measureSchedules.patientId, patient.id),
          eq(measureSchedules.measureId, measure.id),
          eq(measureSchedules.kind, input.kind),
          isNull(measureSchedules.cancelledAt),
        ),
      )
      .limit(1);
    if (live) {
      throw new ConflictError(
        `The ${measure.shortName} is already scheduled this way for this patient. Cancel that one first to change it.`,
      );
    }
    const [row] = await tx
      .insert(measureSchedules)
      .values(
        data.stamp({
          patientId: patient.id,
          measureId: measure.id,
          kind: input.kind,
          everyWeeks,
          firstDay,
          createdBy: scope.userId,
          createdAt: now,
        }),
      )
      .returning({ id: measureSchedules.id });
    await audit(tx, scope, {
      action: "measure_schedule.create",
      entityType: "measure_schedule",
      entityId: row!.id,
      patientId: patient.id,
      after: { measureId: measure.id, kind: input.kind, everyWeeks, firstDay },
    });
    return { scheduleId: row!.id, firstDay };
  });
}

/** Stops a schedule from today: nothing more is due; answers already given stay. */
export async function cancelMeasureSchedule(options: {
  scope: ClinicScope;
  input: { patientId: string; scheduleId: string };
  now?: Date;
}): Promise<{ scheduleId: string }> {
  const { scope, input } = options;
  const { data } = scope;
  const now = options.now ?? new Date();
  return data.write(async (tx) => {
    const patient = await data.requirePatient(tx, input.patientId);
    const where = data.mine(
      measureSchedules,
      eq(measureSchedules.patientId, patient.id),
      eq(measureSchedules.id, input.scheduleId),
    );
    const [row] = await tx
      .select({ id: measureSchedules.id, cancelledAt: measureSchedules.cancelledAt })
      .from(measureSchedules)
      .where(where)
      .limit(1);
    if (!row) throw new NotFoundError("That schedule");
    if (row.cancelledAt) return { scheduleId: row.id };
    const cancelledDay = dayInZone(now, patient.timeZone);
    await tx
      .update(measureSchedules)
      .set({ cancelledAt: now, cancelledBy: scope.userId, cancelledDay })
      .where(where);
    await audit(tx, scope, {
      action: "measure_schedule.cancel",
      entityType: "measure_schedule",
      entityId: row.id,
      patientId: patient.id,
      after: { cancelledDay },
    });
    return { scheduleId: row.id };
  });
}

/**
 * Names the patient's activities for a patient-specific measure (the PSFS), replacing any named
 * before: those are retired, not deleted, so earlier answers still say what was asked.
 */
export async function setMeasureActivities(options: {
  scope: ClinicScope;
  input: { patientId: string; measureId: string; activities: string[] };
  now?: Date;
}): Promise<{ activities: { id: string; text: string; position: number }[] }> {
  const { scope, input } = options;
  const { data } = scope;
  const measure = requireMeasure(input.measureId);
  const specific = measure.patientSpecific;
  if (!specific) {
    throw new ConflictError(`The ${measure.shortName} asks fixed questions: it has no activities.`);
  }
  const texts = input.activities.map((a) => a.trim()).filter((a) => a.length > 0);
  if (texts.length < specific.minItems || texts.length > specific.maxItems) {
    throw new ConflictError(
      `Name from ${specific.minItems} to ${specific.maxItems} activities for the ${measure.shortName}.`,
    );
  }
  if (new Set(texts.map((t) => t.toLowerCase())).size !== texts.length) {
    throw new ConflictError("Each activity can be named only once.");
  }
  const now = options.now ?? new Date();
  return data.write(async (tx) => {
    const patient = await data.requirePatient(tx, input.patientId);
    const current = await activitiesOf(tx, data, patient.id, measure.id);
    const unchanged =
      current.length === texts.length && current.every((a, i) => a.text === texts[i]);
    if (unchanged) return { activities: current };
    if (current.length > 0) {
      await tx
        .update(measureActivities)
        .set({ retiredAt: now })
        .where(
          data.mine(
            measureActivities,
            and(
              eq(measureActivities.patientId, patient.id),
              eq(measureActivities.measureId, measure.id),
              isNull(measureActivities.retiredAt),
            ),
          ),
        );
    }
    const rows = await tx
      .insert(measureActivities)
      .values(
        texts.map((text, i) =>
          data.stamp({
            patientId: patient.id,
            measureId: measure.id,
            position: i + 1,
            text,
            createdBy: scope.userId,
            createdAt: now,
          }),
        ),
      )
      .returning({
        id: measureActivities.id,
        text: measureActivities.text,
        position: measureActivities.position,
      });
    await audit(tx, scope, {
      action: "measure_activities.set",
      entityType: "measure_activities",
      entityId: rows[0]!.id,
      patientId: patient.id,
      // How many, not what: the activities describe the patient's problem.
      after: { measureId: measure.id, count: rows.length, replaced: current.length },
    });
    return { activities: rows.sort((a, b) => a.position - b.position) };
  });
}
