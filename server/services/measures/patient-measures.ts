import { asc, eq } from "drizzle-orm";
import { measureAnswers, measureResponses, programs, programVersions } from "@/db/schema";
import { MEASURES } from "@/lib/measures";
import { currentOccurrence, nextOccurrence } from "@/server/domain/measure-schedule";
import { dayInZone } from "@/server/domain/days";
import type { ClinicScope } from "../scope";
import { activitiesOf, asSchedule, responsesOf, schedulesOf } from "./responses";
import { summariseResponses } from "./summary";

/**
 * Everything the patient page's Outcomes section shows (issue 15): the measures on offer, the
 * patient's named activities, the schedules with what is due next, every score over time with
 * its answers, the program versions for the chart's markers, and first-to-last summaries.
 */
export async function getPatientMeasures(options: {
  scope: ClinicScope;
  patientId: string;
  now?: Date;
}) {
  const { scope, patientId } = options;
  const { data } = scope;
  const now = options.now ?? new Date();
  const read = await data.read(async (db) => {
    const patient = await data.requirePatient(db, patientId);
    const [schedules, responses, versions, answers] = [
      await schedulesOf(db, data, patient.id),
      await responsesOf(db, data, patient.id),
      await db
        .select({
          number: programVersions.number,
          reason: programVersions.reason,
          effectiveFrom: programVersions.effectiveFrom,
        })
        .from(programVersions)
        .innerJoin(programs, eq(programs.id, programVersions.programId))
        .where(data.mine(programs, eq(programs.patientId, patient.id)))
        .orderBy(asc(programVersions.effectiveFrom), asc(programVersions.number)),
      await db
        .select({
          responseId: measureAnswers.responseId,
          itemText: measureAnswers.itemText,
          position: measureAnswers.position,
          value: measureAnswers.value,
        })
        .from(measureAnswers)
        .innerJoin(measureResponses, eq(measureResponses.id, measureAnswers.responseId))
        .where(data.mine(measureResponses, eq(measureResponses.patientId, patient.id)))
        .orderBy(asc(measureAnswers.position)),
    ];
    const activities: Record<string, { id: string; text: string; position: number }[]> = {};
    for (const measure of MEASURES.values()) {
      if (measure.patientSpecific)
        activities[measure.id] = await activitiesOf(db, data, patient.id, measure.id);
    }
    return { patient, schedules, responses, versions, answers, activities };
  });

  const { patient, schedules, responses, versions, answers, activities } = read;
  const today = dayInZone(now, patient.timeZone);
  const answered = new Set(responses.map((r) => `${r.scheduleId}:${r.occurrenceDay}`));
  const answersOf = new Map<string, { itemText: string; value: number }[]>();
  for (const a of answers) {
    answersOf.set(a.responseId, [
      ...(answersOf.get(a.responseId) ?? []),
      { itemText: a.itemText, value: a.value },
    ]);
  }
  const versionMarkers = versions.map((v) => ({
    number: v.number,
    reason: v.reason,
    fromDay: dayInZone(v.effectiveFrom, patient.timeZone),
  }));
  const versionOn = (day: string) =>
    versionMarkers.filter((v) => v.fromDay <= day).at(-1)?.number ?? null;

  return {
    today,
    active: patient.status === "active",
    measures: [...MEASURES.values()].map((m) => ({
      id: m.id,
      name: m.name,
      shortName: m.shortName,
      summary: m.summary,
      schedule: m.schedule,
      patientSpecific: m.patientSpecific
        ? { minItems: m.patientSpecific.minItems, maxItems: m.patientSpecific.maxItems }
        : null,
      scoring: m.scoring,
      direction: m.direction,
      interpretation:
        m.interpretation.kind === "change"
          ? { kind: "change" as const, threshold: m.interpretation.mic }
          : { kind: "rating" as const, threshold: m.interpretation.importantImprovement },
      thresholdSource: m.interpretation.source,
      licenceNote: m.licence.note,
    })),
    activities,
    schedules: schedules.map((s) => {
      const schedule = asSchedule(s);
      const open = currentOccurrence(schedule, today);
      return {
        id: s.id,
        measureId: s.measureId,
        kind: s.kind,
        everyWeeks: s.everyWeeks,
        firstDay: s.firstDay,
        cancelledDay: s.cancelledDay,
        /** The occurrence waiting for the patient today, if any. */
        dueDay: open && !answered.has(`${s.id}:${open}`) ? open : null,
        nextDay: nextOccurrence(schedule, today),
      };
    }),
    responses: responses.map((r) => ({
      id: r.id,
      measureId: r.measureId,
      day: r.day,
      submittedAt: r.submittedAt,
      score: r.score,
      versionNumber: versionOn(r.day),
      answers: answersOf.get(r.id) ?? [],
    })),
    versions: versionMarkers,
    summaries: summariseResponses(responses),
  };
}

export type PatientMeasures = Awaited<ReturnType<typeof getPatientMeasures>>;
