import { drawFigure, highlightOf } from "@/lib/figure/draw";
import type { ExerciseFigure } from "@/lib/figure/types";
import { endPoseIndex, figureWords } from "@/lib/figure/words";
import { FigureLegend } from "./figure-legend";
import { FigureSvg } from "./figure-svg";

/**
 * The movement as a looping animation between the poses, or the start and end side by side when
 * the reader asks for reduced motion (a CSS media query picks one; no script). The working leg is
 * highlighted and named when the exercise is done on one side.
 */
export function FigureAnimation({
  figure,
  label,
  side,
  className,
}: {
  figure: ExerciseFigure;
  label: string;
  side?: "left" | "right" | "both" | null;
  className?: string;
}) {
  const moving = drawFigure({ figure, side });
  const start = drawFigure({ figure, side, still: 0, crop: "poses" });
  const end = drawFigure({ figure, side, still: endPoseIndex(figure), crop: "poses" });
  const { text } = highlightOf(figure, side);
  return (
    <div
      role="img"
      aria-label={figureWords(figure, label, side)}
      data-figure="animation"
      className={className}
    >
      {text ? <FigureLegend text={text} /> : null}
      <FigureSvg drawing={moving} className="block h-auto w-full motion-reduce:hidden" />
      <div className="hidden grid-cols-2 gap-2 motion-reduce:grid" data-figure-still="">
        {[
          { caption: "Start", drawing: start },
          { caption: "End", drawing: end },
        ].map(({ caption, drawing }) => (
          <div key={caption}>
            <FigureSvg drawing={drawing} className="block h-auto w-full" />
            <p className="text-center text-sm font-medium">{caption}</p>
          </div>
        ))}
      </div>
    </div>
  );
}
