import { drawFigure } from "@/lib/figure/draw";
import { endPoseIndex } from "@/lib/figure/words";
import type { ExerciseFigure } from "@/lib/figure/types";
import { FigureSvg } from "./figure-svg";

/**
 * A small still of the movement's end position, cropped close, for lists and pickers; crisp from
 * 64 px wide. The working leg is highlighted without a name (too small to read one).
 */
export function FigureThumbnail({
  figure,
  label,
  className,
}: {
  figure: ExerciseFigure;
  label: string;
  className?: string;
}) {
  const drawing = drawFigure({ figure, still: endPoseIndex(figure), crop: "close" });
  return (
    <div role="img" aria-label={label} data-figure="thumbnail" className={className}>
      <FigureSvg drawing={drawing} className="block h-auto w-full" />
    </div>
  );
}
