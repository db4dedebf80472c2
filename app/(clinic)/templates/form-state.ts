import type { Condition } from "@/db/schema/enums";
import { ZTemplateDraft, type TemplateDraftInput } from "@/server/routers/templates-schemas";

/** The dose inputs of an item, in the order they appear, with their visible labels. */
export const DOSE_FIELDS = [
  { key: "sets", label: "Sets", min: 1, max: undefined },
  { key: "reps", label: "Reps", min: 1, max: undefined },
  { key: "holdSeconds", label: "Hold (seconds)", min: 0, max: undefined },
  { key: "restSeconds", label: "Rest (seconds)", min: 0, max: undefined },
  { key: "durationSeconds", label: "Duration (seconds)", min: 1, max: undefined },
  { key: "sessionsPerDay", label: "Sessions per day", min: 1, max: 10 },
  { key: "daysPerWeek", label: "Days per week", min: 1, max: 7 },
] as const;

export type DoseKey = (typeof DOSE_FIELDS)[number]["key"];

export interface DoseNumbers {
  sets: number | null;
  reps: number | null;
  holdSeconds: number | null;
  restSeconds: number | null;
  durationSeconds: number | null;
  sessionsPerDay: number;
  daysPerWeek: number;
}

/**
 * One item as the form holds it: numbers stay as typed text until saving, so nothing the admin
 * typed is lost or reformatted, even when the server refuses it.
 */
export type ItemState = {
  key: string;
  exerciseId: string;
  exerciseName: string;
  exerciseArchived: boolean;
  notes: string;
} & Record<DoseKey, string>;

export interface FormState {
  name: string;
  condition: Condition | "";
  description: string;
  items: ItemState[];
}

/** Messages keyed by field: "name", "items", or "items.<item key>.<field>". */
export type FormErrors = Record<string, string>;

const text = (n: number | null) => (n === null ? "" : String(n));

export function itemState(
  key: string,
  exercise: { id: string; name: string; archived: boolean },
  dose: DoseNumbers,
  notes: string | null,
): ItemState {
  return {
    key,
    exerciseId: exercise.id,
    exerciseName: exercise.name,
    exerciseArchived: exercise.archived,
    sets: text(dose.sets),
    reps: text(dose.reps),
    holdSeconds: text(dose.holdSeconds),
    restSeconds: text(dose.restSeconds),
    durationSeconds: text(dose.durationSeconds),
    sessionsPerDay: text(dose.sessionsPerDay),
    daysPerWeek: text(dose.daysPerWeek),
    notes: notes ?? "",
  };
}

/** Empty means "not part of this dose"; anything else must read as a number (NaN fails zod). */
function number(value: string): number | null {
  return value.trim() === "" ? null : Number(value);
}

export function toDraft(state: FormState): TemplateDraftInput {
  return {
    name: state.name,
    condition: state.condition as Condition,
    description: state.description,
    items: state.items.map((item) => ({
      exerciseId: item.exerciseId,
      sets: number(item.sets),
      reps: number(item.reps),
      holdSeconds: number(item.holdSeconds),
      restSeconds: number(item.restSeconds),
      durationSeconds: number(item.durationSeconds),
      sessionsPerDay: number(item.sessionsPerDay) as number,
      daysPerWeek: number(item.daysPerWeek) as number,
      notes: item.notes,
    })),
  };
}

/** Checks the form with the API's own schema; errors are keyed so that they follow moved items. */
export function validateForm(state: FormState): FormErrors {
  const result = ZTemplateDraft.safeParse(toDraft(state));
  if (result.success) return {};
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const [first, index, field] = issue.path;
    const item = typeof index === "number" ? state.items[index] : undefined;
    const key =
      first === "items" && item && typeof field === "string"
        ? `items.${item.key}.${field}`
        : String(first);
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The dose an item would save, or null while one of its numbers is still invalid. */
export function validDose(item: ItemState): DoseNumbers | null {
  const draft = toDraft({ name: "x", condition: "runners_knee", description: "", items: [item] });
  const parsed = ZTemplateDraft.shape.items.element.safeParse(draft.items[0]);
  return parsed.success ? parsed.data : null;
}

export function moveItem(items: ItemState[], index: number, by: -1 | 1): ItemState[] {
  const target = index + by;
  if (target < 0 || target >= items.length) return items;
  const next = [...items];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** The element id of the control that shows an error key, so that it can take focus. */
export function controlId(errorKey: string): string {
  if (errorKey.startsWith("items.")) {
    const [, itemKey, field] = errorKey.split(".");
    return `item-${itemKey}-${field}`;
  }
  return errorKey === "items" ? "add-exercise" : `template-${errorKey}`;
}
