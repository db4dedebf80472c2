import { inArray } from "drizzle-orm";
import { exercises } from "@/db/schema";
import type { Sidedness } from "@/db/schema/enums";
import type { ClinicScope } from "../scope";
import { getTemplateForProgram } from "../templates/get-template";

/**
 * A template's items as the program builder starts from them: the template's dose and note, and
 * each exercise's sidedness so the builder picks the side the way CLINICAL.md says (together and
 * each-leg exercises on both legs, one-leg exercises on the affected side).
 */
export function getTemplateDraft(options: { scope: ClinicScope; templateId: string }) {
  const { scope } = options;
  const template = getTemplateForProgram({ scope, templateId: options.templateId });
  const ids = [...new Set(template.items.map((i) => i.exerciseId))];
  const sidedness = new Map<string, Sidedness>(
    ids.length === 0
      ? []
      : scope.db
          .select({ id: exercises.id, sidedness: exercises.sidedness })
          .from(exercises)
          .where(inArray(exercises.id, ids))
          .all()
          .map((r) => [r.id, r.sidedness]),
  );
  return {
    id: template.id,
    name: template.name,
    archived: template.archived,
    items: template.items.map((i) => ({
      exerciseId: i.exerciseId,
      name: i.exerciseName,
      archived: i.exerciseArchived,
      sidedness: sidedness.get(i.exerciseId) ?? ("each_leg" as const),
      sets: i.sets,
      reps: i.reps,
      holdSeconds: i.holdSeconds,
      restSeconds: i.restSeconds,
      durationSeconds: i.durationSeconds,
      sessionsPerDay: i.sessionsPerDay,
      daysPerWeek: i.daysPerWeek,
      notes: i.notes,
    })),
  };
}
