import { describeDefaultDose } from "@/server/domain/dosage";
import type { ClinicScope } from "../scope";
import { exerciseUsage, requireVisibleExercise } from "./exercise-rows";

/** One exercise with its default dose in the patient's words and where it is used. */
export async function getExercise(options: { scope: ClinicScope; exerciseId: string }) {
  const { data } = options.scope;
  const { row, usage } = await data.read(async (db) => {
    const row = await requireVisibleExercise(db, data, options.exerciseId);
    return { row, usage: await exerciseUsage(db, data, row.id) };
  });
  const defaults = {
    sets: row.defaultSets,
    reps: row.defaultReps,
    holdSeconds: row.defaultHoldSeconds,
    restSeconds: row.defaultRestSeconds,
    durationSeconds: row.defaultDurationSeconds,
    sessionsPerDay: row.defaultSessionsPerDay,
    daysPerWeek: row.defaultDaysPerWeek,
  };
  // No patient yet, so a one-leg exercise reads "the affected leg".
  const words = describeDefaultDose(defaults, row.sidedness);
  return {
    id: row.id,
    origin: row.clinicId === null ? ("shared" as const) : ("clinic" as const),
    copiedFromId: row.copiedFromId,
    name: row.name,
    category: row.category,
    sidedness: row.sidedness,
    bodyRegion: row.bodyRegion,
    targetStructure: row.targetStructure,
    summary: row.summary,
    steps: row.steps,
    whatToFeel: row.whatToFeel,
    stopIf: row.stopIf,
    cautions: row.cautions,
    conditions: row.conditions,
    media: row.media.map((m) => ({ id: m.id, alt: m.alt, width: m.width, height: m.height })),
    figure: row.figure,
    archived: row.archivedAt !== null,
    defaults,
    doseText: words.dose,
    sessionText: words.session,
    frequencyText: words.frequency,
    usage,
  };
}
