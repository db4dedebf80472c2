import { describeDose } from "@/server/domain/dosage";
import type { ClinicScope } from "../scope";
import { requireVisibleTemplate, templateItemRows } from "./template-rows";

/**
 * One template visible to the clinic (archived ones too: they stay readable), with its items in
 * order and each dose in plain words, side included ("the affected leg" until a patient is known).
 */
export async function getTemplate(options: { scope: ClinicScope; templateId: string }) {
  const { scope } = options;
  const { template, rows } = await scope.data.read(async (db) => {
    const template = await requireVisibleTemplate(db, scope, options.templateId);
    return { template, rows: await templateItemRows(db, template.id) };
  });
  const items = rows.map(({ exerciseArchivedAt, ...item }) => ({
    ...item,
    exerciseArchived: exerciseArchivedAt !== null,
    doseText: describeDose(item, item.exerciseSidedness),
  }));
  return {
    id: template.id,
    name: template.name,
    condition: template.condition,
    description: template.description,
    shared: template.clinicId === null,
    archived: template.archivedAt !== null,
    archivedAt: template.archivedAt,
    createdAt: template.createdAt,
    items,
  };
}

export type TemplateDetail = Awaited<ReturnType<typeof getTemplate>>;

/**
 * A template's items with their full dose, for the program builder to prefill a new program.
 * Items are copied into the program, never referenced, so later template edits change no program.
 * The archived flags let the builder warn about a template or exercise that has been retired.
 */
export async function getTemplateForProgram(options: { scope: ClinicScope; templateId: string }) {
  const { scope } = options;
  const { template, rows } = await scope.data.read(async (db) => {
    const template = await requireVisibleTemplate(db, scope, options.templateId);
    return { template, rows: await templateItemRows(db, template.id) };
  });
  return {
    id: template.id,
    name: template.name,
    condition: template.condition,
    archived: template.archivedAt !== null,
    items: rows.map((item) => ({
      position: item.position,
      exerciseId: item.exerciseId,
      exerciseName: item.exerciseName,
      exerciseArchived: item.exerciseArchivedAt !== null,
      // The builder picks each item's side from how its exercise is done (CLINICAL.md).
      exerciseSidedness: item.exerciseSidedness,
      exerciseFigure: item.exerciseFigure,
      sets: item.sets,
      reps: item.reps,
      holdSeconds: item.holdSeconds,
      restSeconds: item.restSeconds,
      durationSeconds: item.durationSeconds,
      sessionsPerDay: item.sessionsPerDay,
      daysPerWeek: item.daysPerWeek,
      side: item.side,
      loadKg: item.loadKg,
      bandColour: item.bandColour,
      notes: item.notes,
    })),
  };
}
