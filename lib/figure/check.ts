import type { ExerciseFigure } from "./types";

/**
 * What is wrong with a figure, in words a clinician can act on (a limb through the floor, a knee
 * bent the wrong way); empty when it can be drawn. The model fills this in (issue 14).
 */
export function figureProblems(figure: ExerciseFigure): string[] {
  return figure.poses.length >= 2 ? [] : ["A figure needs a start and an end pose."];
}
