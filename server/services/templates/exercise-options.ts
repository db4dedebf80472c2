import { asc, isNull } from "drizzle-orm";
import { exercises } from "@/db/schema";
import { exerciseVisibleTo } from "../library/visibility";
import type { ClinicScope } from "../scope";

/**
 * The exercises an admin may put in a template: the shared library and the clinic's own, archived
 * ones left out, with the default dose a newly added item starts from.
 */
export async function listExerciseOptions(options: { scope: ClinicScope }) {
  const { data } = options.scope;
  const rows = await data.read((db) =>
    db
      .select({
        id: exercises.id,
        name: exercises.name,
        category: exercises.category,
        clinicId: exercises.clinicId,
        figure: exercises.figure,
        sets: exercises.defaultSets,
        reps: exercises.defaultReps,
        holdSeconds: exercises.defaultHoldSeconds,
        restSeconds: exercises.defaultRestSeconds,
        durationSeconds: exercises.defaultDurationSeconds,
        sessionsPerDay: exercises.defaultSessionsPerDay,
        daysPerWeek: exercises.defaultDaysPerWeek,
      })
      .from(exercises)
      .where(exerciseVisibleTo(data, isNull(exercises.archivedAt)))
      .orderBy(asc(exercises.name), asc(exercises.id)),
  );
  return rows.map(({ id, name, category, clinicId, figure, ...defaults }) => ({
    id,
    name,
    category,
    shared: clinicId === null,
    figure,
    defaults,
  }));
}
