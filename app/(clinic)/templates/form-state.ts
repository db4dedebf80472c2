import {
  doseRow,
  type DoseRow,
  type DoseValues,
  type RowExercise,
} from "@/components/dose-editor/dose-row";
import type { Condition } from "@/db/schema/enums";
import type { DoseItem } from "@/lib/schemas/dose";
import { ZTemplateDraft, type TemplateDraftInput } from "@/server/routers/templates-schemas";

/** A template's own fields as the form holds them; its exercises are the dose editor's rows. */
export interface TemplateDetails {
  name: string;
  condition: Condition | "";
  description: string;
}

export type DetailField = keyof TemplateDetails;
export type DetailErrors = Partial<Record<DetailField, string>>;

const ZTemplateDetails = ZTemplateDraft.pick({ name: true, condition: true, description: true });

/** The details checked by the API's own schema, each message keyed by its field. */
export function validateDetails(details: TemplateDetails): DetailErrors {
  const result = ZTemplateDetails.safeParse(details);
  if (result.success) return {};
  const errors: DetailErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as DetailField;
    errors[field] ??= issue.message;
  }
  return errors;
}

/** How many of the details differ from how they started, for the unsaved-change count. */
export function detailChanges(before: TemplateDetails, after: TemplateDetails): number {
  return (["name", "condition", "description"] as const).filter((f) => before[f] !== after[f])
    .length;
}

/** A saved template item as templates.get returns it. */
export interface TemplateItemSource extends DoseValues {
  exerciseId: string;
  exerciseName: string;
  exerciseArchived: boolean;
  exerciseSidedness: RowExercise["sidedness"];
  exerciseFigure: RowExercise["figure"];
}

/** The editor's rows for a template's saved items, keyed by position. */
export function templateRows(items: readonly TemplateItemSource[]): DoseRow[] {
  return items.map((item, index) =>
    doseRow(
      `saved${index}`,
      {
        id: item.exerciseId,
        name: item.exerciseName,
        sidedness: item.exerciseSidedness,
        archived: item.exerciseArchived,
        figure: item.exerciseFigure,
      },
      item,
      { kind: "template" },
    ),
  );
}

/** What the API is sent: the details as typed (the schema trims them) and the checked items. */
export function toDraft(details: TemplateDetails, items: DoseItem[]): TemplateDraftInput {
  return {
    name: details.name,
    condition: details.condition as Condition,
    description: details.description,
    items,
  };
}
