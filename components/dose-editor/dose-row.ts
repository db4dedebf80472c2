import {
  BAND_COLOURS,
  type BandColour,
  type DoseSide,
  type Side,
  type Sidedness,
} from "@/db/schema/enums";
import type { ExerciseFigure } from "@/lib/figure/types";
import { DOSE_LABELS, ZDoseItem, type DoseItem } from "@/lib/schemas/dose";
import {
  allowedSides,
  defaultSide,
  defaultTemplateSide,
  describeDose,
  noteSideConflict,
  resolveSide,
  sideProblem,
  templateSides,
} from "@/server/domain/dosage";

/**
 * One exercise of the dose editor, the same for a patient's program and for a template. Numbers
 * stay as typed until saving, so nothing the clinician types is reformatted or lost, even when it
 * is refused. The duration is typed as minutes and seconds ("10 min", not "600").
 */
export interface DoseRow {
  /** Stable for the row's life: ids, focus and the unsaved-change count follow it. */
  key: string;
  exercise: RowExercise;
  sets: string;
  reps: string;
  holdSeconds: string;
  restSeconds: string;
  durationMinutes: string;
  durationSeconds: string;
  sessionsPerDay: string;
  daysPerWeek: string;
  side: DoseSide;
  load: "none" | "kg" | "band";
  loadKg: string;
  bandColour: BandColour;
  notes: string;
}

export interface RowExercise {
  id: string;
  name: string;
  /** How the exercise is done; decides the default side and the sides on offer. */
  sidedness: Sidedness;
  archived: boolean;
  figure: ExerciseFigure | null;
}

/** A dose as the server sends it: a saved item, a template item or an exercise's default. */
export interface DoseValues {
  sets: number | null;
  reps: number | null;
  holdSeconds: number | null;
  restSeconds: number | null;
  durationSeconds: number | null;
  sessionsPerDay: number;
  daysPerWeek: number;
  side?: DoseSide;
  loadKg?: number | null;
  bandColour?: BandColour | null;
  notes?: string | null;
}

/**
 * Whose dose this is. A program knows the patient's affected side, so "the affected leg" becomes
 * that side; a template keeps "the affected leg" for whichever patient it is used for.
 */
export type DoseContext = { kind: "program"; affectedSide: Side } | { kind: "template" };

/** A field that can show an error; the duration's two boxes share one. */
export type RowField =
  | "sets"
  | "reps"
  | "holdSeconds"
  | "restSeconds"
  | "duration"
  | "sessionsPerDay"
  | "daysPerWeek"
  | "side"
  | "loadKg"
  | "bandColour"
  | "notes";

export type RowErrors = Partial<Record<RowField, string>>;

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

/** "600" seconds as the two boxes show it: "10" minutes and "0" seconds. */
export function splitDuration(total: number | null | undefined): {
  minutes: string;
  seconds: string;
} {
  if (total === null || total === undefined) return { minutes: "", seconds: "" };
  return { minutes: String(Math.floor(total / 60)), seconds: String(total % 60) };
}

const WHOLE = /^\d+$/;

/**
 * The seconds two boxes add up to: null when both are empty (no duration), NaN when either is not
 * a whole number of minutes, or of seconds from 0 to 59.
 */
export function joinDuration(minutes: string, seconds: string): number | null {
  const m = minutes.trim();
  const s = seconds.trim();
  if (m === "" && s === "") return null;
  if ((m !== "" && !WHOLE.test(m)) || (s !== "" && !WHOLE.test(s))) return Number.NaN;
  const secs = s === "" ? 0 : Number(s);
  if (secs > 59) return Number.NaN;
  return (m === "" ? 0 : Number(m)) * 60 + secs;
}

/** The side a new or loaded row starts on. */
function startingSide(sidedness: Sidedness, side: DoseSide | undefined, context: DoseContext) {
  // A together exercise is always on both legs, the only side either editor can save it with.
  if (sidedness === "together") return "both";
  if (context.kind === "program") {
    return side
      ? resolveSide(side, context.affectedSide)
      : defaultSide(sidedness, context.affectedSide);
  }
  return side ?? defaultTemplateSide(sidedness);
}

export function doseRow(
  key: string,
  exercise: RowExercise,
  dose: DoseValues,
  context: DoseContext,
): DoseRow {
  const duration = splitDuration(dose.durationSeconds);
  const hasKg = dose.loadKg !== null && dose.loadKg !== undefined;
  return {
    key,
    exercise,
    sets: text(dose.sets),
    reps: text(dose.reps),
    holdSeconds: text(dose.holdSeconds),
    restSeconds: text(dose.restSeconds),
    durationMinutes: duration.minutes,
    durationSeconds: duration.seconds,
    sessionsPerDay: text(dose.sessionsPerDay),
    daysPerWeek: text(dose.daysPerWeek),
    side: startingSide(exercise.sidedness, dose.side, context),
    load: hasKg ? "kg" : dose.bandColour ? "band" : "none",
    loadKg: text(dose.loadKg),
    bandColour: dose.bandColour ?? BAND_COLOURS[1],
    notes: dose.notes ?? "",
  };
}

/** The sides the side menu offers for this row. */
export function sideChoices(row: DoseRow, context: DoseContext): readonly DoseSide[] {
  const choices =
    context.kind === "program"
      ? allowedSides(row.exercise.sidedness)
      : templateSides(row.exercise.sidedness);
  // A side saved before (a template naming "left") stays choosable rather than silently changing.
  return choices.includes(row.side) ? choices : [...choices, row.side];
}

const numberOrNull = (value: string) =>
  value.trim() === "" ? null : Number(value.trim().replace(",", "."));

/** The row as the one dose schema reads it. */
export function toDoseInput(row: DoseRow): unknown {
  return {
    exerciseId: row.exercise.id,
    sets: numberOrNull(row.sets),
    reps: numberOrNull(row.reps),
    holdSeconds: numberOrNull(row.holdSeconds),
    restSeconds: numberOrNull(row.restSeconds),
    durationSeconds: joinDuration(row.durationMinutes, row.durationSeconds),
    sessionsPerDay: numberOrNull(row.sessionsPerDay),
    daysPerWeek: numberOrNull(row.daysPerWeek),
    side: row.side,
    loadKg: row.load === "kg" ? numberOrNull(row.loadKg) : null,
    bandColour: row.load === "band" ? row.bandColour : null,
    notes: row.notes,
  };
}

const DURATION_PARTS =
  "Duration: type whole minutes and seconds (0 to 59), for example 10 min 0 s.";

/**
 * The side and the note against how the exercise is done: the rules both saves apply, so the
 * editor shows the problem beside the field at once.
 */
export function sideErrors(row: DoseRow): RowErrors {
  const errors: RowErrors = {};
  const problem = sideProblem(row.side, row.exercise.sidedness);
  if (problem) errors.side = problem;
  const conflict = noteSideConflict(row.notes.trim() || null, row.side, row.exercise.sidedness);
  if (conflict) errors.notes = conflict.message;
  return errors;
}

/** The row checked by the one dose schema, with each message keyed by the field it is about. */
export function validateRow(row: DoseRow): { item: DoseItem | null; errors: RowErrors } {
  const errors = sideErrors(row);
  const input = toDoseInput(row) as { durationSeconds: number | null };
  if (Number.isNaN(input.durationSeconds)) errors.duration = DURATION_PARTS;
  const result = ZDoseItem.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path[0];
      const field: RowField =
        path === "durationSeconds"
          ? "duration"
          : path === "bandColour" && row.load === "kg"
            ? "loadKg"
            : (path as RowField);
      errors[field] ??= issue.message;
    }
  }
  const ok = result.success && Object.keys(errors).length === 0;
  return { item: ok ? result.data : null, errors };
}

/** The dose in the patient's words, or null while a number is still to fix. */
export function rowWords(row: DoseRow): string | null {
  const result = ZDoseItem.safeParse(toDoseInput(row));
  return result.success ? describeDose(result.data, row.exercise.sidedness) : null;
}

const FIELD_NAMES: Record<RowField, string> = {
  sets: DOSE_LABELS.sets.toLowerCase(),
  reps: DOSE_LABELS.reps.toLowerCase(),
  holdSeconds: DOSE_LABELS.holdSeconds.toLowerCase(),
  restSeconds: DOSE_LABELS.restSeconds.toLowerCase(),
  duration: DOSE_LABELS.durationSeconds.toLowerCase(),
  sessionsPerDay: DOSE_LABELS.sessionsPerDay.toLowerCase(),
  daysPerWeek: DOSE_LABELS.daysPerWeek.toLowerCase(),
  side: DOSE_LABELS.side.toLowerCase(),
  loadKg: DOSE_LABELS.loadKg.toLowerCase(),
  bandColour: "band colour",
  notes: DOSE_LABELS.notes.toLowerCase(),
};

/** "reps and side": the fields of a row to fix, for its one-line summary. */
export function fieldsToFix(errors: RowErrors): string {
  const names = (Object.keys(errors) as RowField[]).map((f) => FIELD_NAMES[f]);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** What a row holds, for comparing with how it started. */
function fingerprint(row: DoseRow): string {
  const { key: _key, exercise, load, loadKg, bandColour, ...rest } = row;
  return JSON.stringify({
    ...rest,
    exerciseId: exercise.id,
    load,
    loadKg: load === "kg" ? loadKg : "",
    bandColour: load === "band" ? bandColour : "",
  });
}

/**
 * How many changes a draft holds against how it started: each exercise added, removed or with a
 * changed dose counts once, and a new order counts once.
 */
export function countChanges(initial: readonly DoseRow[], current: readonly DoseRow[]): number {
  const before = new Map(initial.map((r) => [r.key, r]));
  const after = new Set(current.map((r) => r.key));
  let changes = 0;
  for (const row of current) {
    const old = before.get(row.key);
    if (!old || fingerprint(old) !== fingerprint(row)) changes += 1;
  }
  for (const row of initial) if (!after.has(row.key)) changes += 1;
  const keptBefore = initial.filter((r) => after.has(r.key)).map((r) => r.key);
  const keptAfter = current.filter((r) => before.has(r.key)).map((r) => r.key);
  if (keptBefore.join(" ") !== keptAfter.join(" ")) changes += 1;
  return changes;
}

/** The list with one row moved; a move past either end leaves it as it is. */
export function moveRow<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved as T);
  return next;
}
