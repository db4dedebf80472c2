import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/engine/types";
import { measureActivities, measureAnswers, measureResponses, measureSchedules } from "@/db/schema";
import type { ClinicData } from "@/server/data/clinic-data";
import type { MeasureSchedule } from "@/server/domain/measure-schedule";

/**
 * The reads every measures service shares, written once over the clinic-bound layer: a patient's
 * schedules, named activities and responses. Each runs through the patient's index.
 */

export type ScheduleRow = typeof measureSchedules.$inferSelect;

export function asSchedule(row: ScheduleRow): MeasureSchedule {
  return {
    kind: row.kind,
    everyWeeks: row.everyWeeks,
    firstDay: row.firstDay,
    cancelledDay: row.cancelledDay,
  };
}

export function schedulesOf(db: Db, data: ClinicData, patientId: string) {
  return db
    .select()
    .from(measureSchedules)
    .where(data.mine(measureSchedules, eq(measureSchedules.patientId, patientId)))
    .orderBy(asc(measureSchedules.createdAt), asc(measureSchedules.id));
}

/** The activities in use (not retired) for one patient-specific measure, in their order. */
export function activitiesOf(db: Db, data: ClinicData, patientId: string, measureId: string) {
  return db
    .select({
      id: measureActivities.id,
      text: measureActivities.text,
      position: measureActivities.position,
    })
    .from(measureActivities)
    .where(
      data.mine(
        measureActivities,
        and(
          eq(measureActivities.patientId, patientId),
          eq(measureActivities.measureId, measureId),
          isNull(measureActivities.retiredAt),
        ),
      ),
    )
    .orderBy(asc(measureActivities.position));
}

/** Every response of a patient, oldest first. */
export function responsesOf(db: Db, data: ClinicData, patientId: string) {
  return db
    .select({
      id: measureResponses.id,
      scheduleId: measureResponses.scheduleId,
      measureId: measureResponses.measureId,
      measureVersion: measureResponses.measureVersion,
      occurrenceDay: measureResponses.occurrenceDay,
      day: measureResponses.day,
      submittedAt: measureResponses.submittedAt,
      score: measureResponses.score,
      programVersionId: measureResponses.programVersionId,
    })
    .from(measureResponses)
    .where(data.mine(measureResponses, eq(measureResponses.patientId, patientId)))
    .orderBy(
      asc(measureResponses.day),
      asc(measureResponses.submittedAt),
      asc(measureResponses.id),
    );
}

export type ResponseRow = Awaited<ReturnType<typeof responsesOf>>[number];

/** The answers of one response, in the order they were asked. */
export function answersOf(db: Db, data: ClinicData, responseId: string) {
  return db
    .select({
      itemId: measureAnswers.itemId,
      itemText: measureAnswers.itemText,
      position: measureAnswers.position,
      value: measureAnswers.value,
    })
    .from(measureAnswers)
    .where(data.mine(measureAnswers, eq(measureAnswers.responseId, responseId)))
    .orderBy(asc(measureAnswers.position));
}
