import type { Side } from "./draw";
import { highlightOf } from "./draw";
import type { ExerciseFigure } from "./types";

/** The pose shown as "End": the one labelled so, or the last. */
export function endPoseIndex(figure: ExerciseFigure): number {
  const labelled = figure.poses.findIndex((pose) => pose.label.toLowerCase() === "end");
  return labelled > 0 ? labelled : figure.poses.length - 1;
}

/** The figure's accessible name: the caller's words, plus which leg is shown working. */
export function figureWords(figure: ExerciseFigure, label: string, side: Side): string {
  const { text } = highlightOf(figure, side);
  if (!text) return label;
  return text === "Each leg in turn"
    ? `${label}. Done with each leg in turn.`
    : `${label}. ${text} highlighted.`;
}
