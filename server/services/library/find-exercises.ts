import { asc, isNull } from "drizzle-orm";
import { exercises } from "@/db/schema";
import type { BodyRegion, Condition, ExerciseCategory } from "@/db/schema/enums";
import { BODY_REGIONS, CONDITIONS, EXERCISE_CATEGORIES } from "@/db/schema/enums";
import type { ClinicScope } from "../scope";
import { exerciseVisibleTo } from "./visibility";

export interface FindExercisesInput {
  search?: string | undefined;
  category?: ExerciseCategory | undefined;
  bodyRegion?: BodyRegion | undefined;
  condition?: Condition | undefined;
  includeArchived: boolean;
}

type Facet<K extends string> = Record<K, number>;

const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Facet<K>;

/** Lower-case words of a query; every word must appear somewhere in the exercise. */
function words(search: string | undefined): string[] {
  return (search ?? "").toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
}

/**
 * The library as one clinic sees it: the shared exercises and its own, searched by name, summary,
 * target and steps, filtered by category, body region and condition, with the count of matches for
 * every filter value (each count applies the search and the other filters, as shoppers expect).
 * A clinic's library is a few hundred rows at most, so it is filtered in memory after one query.
 */
export async function findExercises(options: { scope: ClinicScope; input: FindExercisesInput }) {
  const { scope, input } = options;
  const { data } = scope;
  const rows = await data.read((db) =>
    db
      .select({
        id: exercises.id,
        clinicId: exercises.clinicId,
        name: exercises.name,
        category: exercises.category,
        sidedness: exercises.sidedness,
        bodyRegion: exercises.bodyRegion,
        targetStructure: exercises.targetStructure,
        summary: exercises.summary,
        steps: exercises.steps,
        conditions: exercises.conditions,
        media: exercises.media,
        figure: exercises.figure,
        archivedAt: exercises.archivedAt,
        defaultSets: exercises.defaultSets,
        defaultReps: exercises.defaultReps,
        defaultHoldSeconds: exercises.defaultHoldSeconds,
        defaultRestSeconds: exercises.defaultRestSeconds,
        defaultDurationSeconds: exercises.defaultDurationSeconds,
        defaultSessionsPerDay: exercises.defaultSessionsPerDay,
        defaultDaysPerWeek: exercises.defaultDaysPerWeek,
      })
      .from(exercises)
      .where(
        exerciseVisibleTo(data, input.includeArchived ? undefined : isNull(exercises.archivedAt)),
      )
      // By id after the name: the same order on both engines when two names are equal.
      .orderBy(asc(exercises.name), asc(exercises.id)),
  );

  const terms = words(input.search);
  const searched = rows.filter((r) => {
    if (terms.length === 0) return true;
    const haystack = [r.name, r.summary, r.targetStructure, ...r.steps].join(" ").toLowerCase();
    return terms.every((t) => haystack.includes(t));
  });

  const matches = (r: (typeof rows)[number], skip?: "category" | "bodyRegion" | "condition") =>
    (skip === "category" || !input.category || r.category === input.category) &&
    (skip === "bodyRegion" || !input.bodyRegion || r.bodyRegion === input.bodyRegion) &&
    (skip === "condition" || !input.condition || r.conditions.includes(input.condition));

  const counts = {
    category: zeroes(EXERCISE_CATEGORIES),
    bodyRegion: zeroes(BODY_REGIONS),
    condition: zeroes(CONDITIONS),
  };
  for (const r of searched) {
    if (matches(r, "category")) counts.category[r.category]++;
    if (matches(r, "bodyRegion")) counts.bodyRegion[r.bodyRegion]++;
    if (matches(r, "condition")) for (const c of r.conditions) counts.condition[c]++;
  }

  const results = searched
    .filter((r) => matches(r))
    .map((r) => ({
      id: r.id,
      name: r.name,
      category: r.category,
      sidedness: r.sidedness,
      bodyRegion: r.bodyRegion,
      targetStructure: r.targetStructure,
      summary: r.summary,
      conditions: r.conditions,
      origin: r.clinicId === null ? ("shared" as const) : ("clinic" as const),
      archived: r.archivedAt !== null,
      imageCount: r.media.length,
      figure: r.figure,
      defaults: {
        sets: r.defaultSets,
        reps: r.defaultReps,
        holdSeconds: r.defaultHoldSeconds,
        restSeconds: r.defaultRestSeconds,
        durationSeconds: r.defaultDurationSeconds,
        sessionsPerDay: r.defaultSessionsPerDay,
        daysPerWeek: r.defaultDaysPerWeek,
      },
    }));
  return { results, total: results.length, counts };
}
