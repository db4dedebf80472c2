import {
  insertCheckIn,
  insertPatient,
  insertProgramVersion,
  sharedExercise,
} from "../db/factories";
import { addDays, dayInZone } from "../server/domain/days";
import { e2eDb, refreshFigures } from "./fixtures";

const TIME_ZONE = "Europe/London";

/**
 * A patient whose knee is getting worse, written through the factories: version 1 twenty days
 * ago (morning pain 2 in its first week: baseline 2.0), version 2 "progress" nine days ago, then
 * morning pain 3 last week and 5–6 this week. CLINICAL.md makes that a `pain-worsening@1` alert
 * (mean ≥ baseline + 2) and a `regress` advice (this week ≥ last week + 1). Pain during exercise
 * stays at 4, under the limit of 5, so only the morning trend speaks.
 */
export async function makeWorseningPatient(ids: {
  clinicId: string;
  clinicianId: string;
  name: string;
}) {
  const db = e2eDb();
  const now = new Date();
  const today = dayInZone(now, TIME_ZONE);
  const patient = await insertPatient(db, {
    clinicId: ids.clinicId,
    primaryClinicianId: ids.clinicianId,
    displayName: ids.name,
    condition: "medial_knee_pain",
    affectedSide: "left",
    timeZone: TIME_ZONE,
  });
  const author = { clinicId: ids.clinicId, patientId: patient.id, authorId: ids.clinicianId };
  const squat = (await sharedExercise(db, "wall-squat")).id;
  const bridge = (await sharedExercise(db, "glute-bridge")).id;
  const v1 = await insertProgramVersion(db, {
    ...author,
    reason: "initial",
    effectiveFrom: new Date(`${addDays(today, -20)}T09:00:00Z`),
    items: [{ exerciseId: squat, sets: 2, reps: 10 }],
  });
  const v2 = await insertProgramVersion(db, {
    ...author,
    reason: "progress",
    note: "More volume after a settled fortnight.",
    effectiveFrom: new Date(`${addDays(today, -9)}T09:00:00Z`),
    items: [
      { exerciseId: squat, sets: 3, reps: 10 },
      { exerciseId: bridge, sets: 2, reps: 12 },
    ],
  });
  const reports: { day: string; context: "morning" | "during"; score: number }[] = [];
  for (let back = 20; back >= 1; back--) {
    const day = addDays(today, -back);
    const version = back > 9 ? v1 : v2;
    const morning = back >= 14 ? 2 : back >= 7 ? 3 : back % 2 === 0 ? 5 : 6;
    await insertCheckIn(db, {
      clinicId: ids.clinicId,
      patientId: patient.id,
      versionId: version.version.id,
      day,
      kind: "morning",
      submittedAt: new Date(`${day}T08:00:00Z`),
      pain: [{ context: "morning", score: morning }],
    });
    reports.push({ day, context: "morning", score: morning });
    await insertCheckIn(db, {
      clinicId: ids.clinicId,
      patientId: patient.id,
      versionId: version.version.id,
      day,
      kind: "exercise",
      submittedAt: new Date(`${day}T18:00:00Z`),
      pain: [{ context: "during", score: 4 }],
      logs: version.items.map((item) => ({ programItemId: item.id })),
    });
    reports.push({ day, context: "during", score: 4 });
  }
  await refreshFigures(ids.clinicId, patient.id, now);
  return { patient, versions: [v1, v2], reports, today };
}
