import { eq } from "drizzle-orm";
import type { Db } from "@/db/engine/types";
import { patients } from "@/db/schema";
import { findMeasure } from "@/lib/measures";
import { formItems, type FormItem } from "@/lib/measures/scoring";
import type { ClinicData } from "@/server/data/clinic-data";
import { currentOccurrence } from "@/server/domain/measure-schedule";
import { dayInZone, type Day } from "@/server/domain/days";
import { NotFoundError } from "../errors";
import type { PatientScope } from "../scope";
import { activitiesOf, asSchedule, responsesOf, schedulesOf } from "./responses";

/** A questionnaire the patient can answer now, with its questions. */
export interface DueMeasure {
  scheduleId: string;
  occurrenceDay: Day;
  measureId: string;
  name: string;
  shortName: string;
  instructions: string;
  items: FormItem[];
}

export async function patientToday(db: Db, data: ClinicData, patientId: string, now: Date) {
  const [patient] = await db
    .select({ timeZone: patients.timeZone })
    .from(patients)
    .where(data.mine(patients, eq(patients.id, patientId)))
    .limit(1);
  if (!patient) throw new NotFoundError("Your plan");
  return { timeZone: patient.timeZone, today: dayInZone(now, patient.timeZone) };
}

/**
 * The measures due for a patient on `today`: each live schedule's open occurrence that has no
 * response yet. A patient-specific measure with no activities named is not asked.
 */
export async function dueMeasuresIn(
  db: Db,
  data: ClinicData,
  patientId: string,
  today: Day,
): Promise<DueMeasure[]> {
  const schedules = await schedulesOf(db, data, patientId);
  const live = schedules.filter((s) => s.cancelledAt === null);
  if (live.length === 0) return [];
  const answered = new Set(
    (await responsesOf(db, data, patientId)).map((r) => `${r.scheduleId}:${r.occurrenceDay}`),
  );
  const due: DueMeasure[] = [];
  for (const row of live) {
    const measure = findMeasure(row.measureId);
    const occurrenceDay = currentOccurrence(asSchedule(row), today);
    if (!measure || !occurrenceDay || answered.has(`${row.id}:${occurrenceDay}`)) continue;
    const activities = measure.patientSpecific
      ? await activitiesOf(db, data, patientId, measure.id)
      : [];
    const items = formItems(measure, activities);
    if (items.length === 0) continue;
    due.push({
      scheduleId: row.id,
      occurrenceDay,
      measureId: measure.id,
      name: measure.name,
      shortName: measure.shortName,
      instructions: measure.instructions,
      items,
    });
  }
  return due;
}

/** What the patient's phone shows as due today. */
export async function listDueMeasures(options: {
  scope: PatientScope;
  now?: Date;
}): Promise<{ today: Day; due: DueMeasure[] }> {
  const { scope } = options;
  const now = options.now ?? new Date();
  return scope.data.read(async (db) => {
    const { today } = await patientToday(db, scope.data, scope.patientId, now);
    return { today, due: await dueMeasuresIn(db, scope.data, scope.patientId, today) };
  });
}
