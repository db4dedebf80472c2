import { BAND_COLOURS, type BandColour, type Side, type Sidedness } from "@/db/schema/enums";
import { ZProgramItemInput, type ProgramItemInput } from "@/lib/schemas/program";
import { defaultSide, noteSideConflict, sideProblem } from "@/server/domain/dosage";

/** One row of the builder, with numbers kept as typed so nothing the clinician types is reformatted. */
export interface DraftItem {
  key: string;
  exerciseId: string;
  name: string;
  archived: boolean;
  /** How the exercise is done; decides the default side and the sides on offer. */
  sidedness: Sidedness;
  sets: string;
  reps: string;
  holdSeconds: string;
  restSeconds: string;
  durationSeconds: string;
  sessionsPerDay: string;
  daysPerWeek: string;
  side: Side;
  load: "none" | "kg" | "band";
  loadKg: string;
  bandColour: BandColour;
  notes: string;
}

export interface DoseSource {
  sets: number | null;
  reps: number | null;
  holdSeconds: number | null;
  restSeconds: number | null;
  durationSeconds: number | null;
  sessionsPerDay: number;
  daysPerWeek: number;
  side?: Side;
  loadKg?: number | null;
  bandColour?: BandColour | null;
  notes?: string | null;
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));
let counter = 0;

/**
 * A builder row from an exercise and a dose. A new item (the dose carries no side) starts on the
 * side its sidedness gives for this patient; a saved item keeps its side, except that a together
 * exercise is always on both legs, the only side it can be saved with.
 */
export function draftItem(
  exercise: { id: string; name: string; archived?: boolean; sidedness: Sidedness },
  dose: DoseSource,
  affectedSide: Side,
): DraftItem {
  counter += 1;
  const side =
    exercise.sidedness === "together"
      ? "both"
      : (dose.side ?? defaultSide(exercise.sidedness, affectedSide));
  return {
    key: `${exercise.id}-${Date.now()}-${counter}`,
    exerciseId: exercise.id,
    name: exercise.name,
    archived: exercise.archived ?? false,
    sidedness: exercise.sidedness,
    sets: text(dose.sets),
    reps: text(dose.reps),
    holdSeconds: text(dose.holdSeconds),
    restSeconds: text(dose.restSeconds),
    durationSeconds: text(dose.durationSeconds),
    sessionsPerDay: text(dose.sessionsPerDay),
    daysPerWeek: text(dose.daysPerWeek),
    side,
    load:
      dose.loadKg !== null && dose.loadKg !== undefined ? "kg" : dose.bandColour ? "band" : "none",
    loadKg: text(dose.loadKg),
    bandColour: dose.bandColour ?? BAND_COLOURS[1],
    notes: dose.notes ?? "",
  };
}

const numberOrNull = (value: string) =>
  value.trim() === "" ? null : Number(value.replace(",", "."));

export function toItemInput(item: DraftItem): unknown {
  return {
    exerciseId: item.exerciseId,
    sets: numberOrNull(item.sets),
    reps: numberOrNull(item.reps),
    holdSeconds: numberOrNull(item.holdSeconds),
    restSeconds: numberOrNull(item.restSeconds),
    durationSeconds: numberOrNull(item.durationSeconds),
    sessionsPerDay: numberOrNull(item.sessionsPerDay),
    daysPerWeek: numberOrNull(item.daysPerWeek),
    side: item.side,
    loadKg: item.load === "kg" ? numberOrNull(item.loadKg) : null,
    bandColour: item.load === "band" ? item.bandColour : null,
    notes: item.notes.trim() || null,
  };
}

export type ItemErrors = Partial<Record<keyof DraftItem, string>>;

/**
 * The side and the note against how the exercise is done: the same rules the server applies on
 * save, so the builder shows the problem beside the field before the clinician saves.
 */
export function sideErrors(item: DraftItem): ItemErrors {
  const errors: ItemErrors = {};
  const problem = sideProblem(item.side, item.sidedness);
  if (problem) errors.side = problem;
  const conflict = noteSideConflict(item.notes.trim() || null, item.side, item.sidedness);
  if (conflict) errors.notes = conflict.message;
  return errors;
}

/** The dose as it would be saved, side and note aside, for the live preview of the patient's words. */
export function previewDose(item: DraftItem): ProgramItemInput | null {
  const result = ZProgramItemInput.safeParse(toItemInput(item));
  return result.success ? result.data : null;
}

export function validateItem(item: DraftItem): {
  input: ProgramItemInput | null;
  errors: ItemErrors;
} {
  const result = ZProgramItemInput.safeParse(toItemInput(item));
  const errors: ItemErrors = sideErrors(item);
  if (result.success) {
    return Object.keys(errors).length === 0
      ? { input: result.data, errors }
      : { input: null, errors };
  }
  for (const issue of result.error.issues) {
    const field = issue.path[0] as keyof DraftItem;
    errors[field === "bandColour" && item.load === "kg" ? "loadKg" : field] ??= issue.message;
  }
  return { input: null, errors };
}

export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved as T);
  return next;
}
