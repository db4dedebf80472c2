import { drawFigure, highlightOf } from "@/lib/figure/draw";
import type { ExerciseFigure } from "@/lib/figure/types";
import { endPoseIndex, figureWords } from "@/lib/figure/words";
import { FigureLegend } from "./figure-legend";
import { FigureSvg } from "./figure-svg";

/** The start and end positions as two labelled stills, for paper (the handout). */
export function FigurePoses({
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
  const stills = [
    { caption: "Start", drawing: drawFigure({ figure, side, still: 0, crop: "poses" }) },
    {
      caption: "End",
      drawing: drawFigure({ figure, side, still: endPoseIndex(figure), crop: "poses" }),
    },
  ];
  const { text } = highlightOf(figure, side);
  return (
    <div
      role="img"
      aria-label={figureWords(figure, `${label}: start and end positions`, side)}
      data-figure="poses"
      className={className}
    >
      {text ? <FigureLegend text={text} /> : null}
      <div className="grid grid-cols-2 gap-2">
        {stills.map(({ caption, drawing }) => (
          <div key={caption}>
            <FigureSvg drawing={drawing} className="block h-auto w-full" />
            <p className="text-center text-sm font-semibold">{caption}</p>
          </div>
        ))}
      </div>
    </div>
  );
}
