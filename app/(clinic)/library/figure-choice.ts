import { figurePresets, type FigurePreset } from "@/lib/figure/presets";
import type { ExerciseFigure } from "@/lib/figure/types";

/**
 * The exercise form's "Illustration" choice (issue 14), as plain data: no drawing, or one of the
 * ready-made movements with which legs do the work. Pure, so the form, its pages and tests agree.
 */

export type FigureWorking = ExerciseFigure["working"];

export interface FigureChoice {
  mode: "none" | "drawn";
  /** A preset's id, SAVED_FIGURE_ID for the exercise's own unlisted drawing, "" until chosen. */
  presetId: string;
  /** Which legs are highlighted; "" means the movement's own. */
  working: FigureWorking | "";
}

export const NO_FIGURE: FigureChoice = { mode: "none", presetId: "", working: "" };

/** The option standing for a saved drawing that matches no ready-made movement any more. */
export const SAVED_FIGURE_ID = "saved";

/** One movement the form offers: a preset, or the exercise's own saved drawing. */
export interface FigureOption {
  id: string;
  label: string;
  figure: ExerciseFigure;
}

export const WORKING_LABELS: Record<FigureWorking, string> = {
  near: "One leg does the work (highlighted on the patient's side)",
  far: "One leg does the work (highlighted on the patient's side)",
  both: "Both legs do the work",
  none: "No leg highlighted",
};

/**
 * Which legs a movement may highlight: its own choice and the other of one leg / both legs. A
 * movement that highlights nothing (a stretch lying still) offers no choice. Near or far stays the
 * movement's own: which leg is nearer is part of the drawing, not the clinic's choice.
 */
export function workingOptions(figure: ExerciseFigure): FigureWorking[] {
  switch (figure.working) {
    case "none":
      return [];
    case "both":
      return ["both", "near"];
    default:
      return [figure.working, "both"];
  }
}

/** Deep equality of JSON values, whatever the key order (PostgreSQL's jsonb sorts the keys). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) &&
      sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** The same drawing, whichever legs it highlights. */
export function sameMovement(a: ExerciseFigure, b: ExerciseFigure): boolean {
  const { working: _a, ...restA } = a;
  const { working: _b, ...restB } = b;
  return sameJson(restA, restB);
}

/** The preset a saved figure was made from, with its leg choice, if it still is one. */
function presetOf(figure: ExerciseFigure, presets: readonly FigurePreset[]) {
  return presets.find(
    (p) => sameMovement(p.figure, figure) && workingOptions(p.figure).includes(figure.working),
  );
}

/**
 * The movements the form lists: every preset, and the exercise's saved drawing first when it is
 * no preset (any more), so editing never loses a drawing by accident.
 */
export function figureOptionsFor(
  saved: ExerciseFigure | null,
  presets: readonly FigurePreset[],
): FigureOption[] {
  const listed = presets.map(({ id, label, figure }) => ({ id, label, figure }));
  if (!saved || presetOf(saved, presets)) return listed;
  return [
    { id: SAVED_FIGURE_ID, label: "This exercise's current drawing", figure: saved },
    ...listed,
  ];
}

/** What the form shows for a saved figure: its preset and leg choice, or the saved drawing. */
export function figureChoiceFor(
  saved: ExerciseFigure | null,
  presets: readonly FigurePreset[],
): FigureChoice {
  if (!saved) return NO_FIGURE;
  const preset = presetOf(saved, presets);
  return { mode: "drawn", presetId: preset?.id ?? SAVED_FIGURE_ID, working: saved.working };
}

/**
 * What the exercise form's pages hand the form: the movements to list (the presets, and the saved
 * drawing when it is none of them) and the choice it starts from. Plain data: the form draws the
 * thumbnails and the live preview itself, so the page carries no pre-drawn animation per choice.
 */
export function figureFormProps(saved: ExerciseFigure | null): {
  figureOptions: FigureOption[];
  figureChoice: FigureChoice;
} {
  return {
    figureOptions: figureOptionsFor(saved, figurePresets),
    figureChoice: figureChoiceFor(saved, figurePresets),
  };
}

/**
 * The figure to save: null for no drawing, undefined while "Drawn figure" has no movement chosen
 * (the input schema asks for one), else the movement with the chosen legs highlighted.
 */
export function figureFromChoice(
  choice: FigureChoice,
  options: readonly FigureOption[],
): ExerciseFigure | null | undefined {
  if (choice.mode === "none") return null;
  const option = options.find((o) => o.id === choice.presetId);
  if (!option) return undefined;
  const allowed = workingOptions(option.figure);
  const working =
    choice.working && allowed.includes(choice.working) ? choice.working : option.figure.working;
  return { ...option.figure, working };
}
