import type { ExerciseFigure } from "./types";

/** A ready-made movement a clinic can give its own exercise (issue 14); the model fills the list. */
export interface FigurePreset {
  id: string;
  label: string;
  figure: ExerciseFigure;
}

export const figurePresets: FigurePreset[] = [];
