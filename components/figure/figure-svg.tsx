import type { Drawing, Shape } from "@/lib/figure/draw";

const allSame = (values: string[]) => values.every((v) => v === values[0]);

/**
 * A drawing as inline SVG. Frames are tweened with SMIL (`<animate>` on the path data): no
 * script, so it runs under the strict CSP, and the server sends the whole animation as markup.
 * Decorative to assistive technology: the element around it carries the words.
 */
export function FigureSvg({ drawing, className }: { drawing: Drawing; className?: string }) {
  const { viewBox: b } = drawing;
  const timing = {
    dur: `${drawing.duration.toFixed(2)}s`,
    keyTimes: drawing.keyTimes.map((t) => t.toFixed(4)).join(";"),
    repeatCount: "indefinite",
    calcMode: "linear",
  } as const;
  const animated = drawing.duration > 0;

  const render = (shape: Shape, key: number) => {
    if (shape.kind === "circle") {
      const [first] = shape.centres;
      if (!first) return null;
      const xs = shape.centres.map((c) => c.x.toFixed(1));
      const ys = shape.centres.map((c) => c.y.toFixed(1));
      return (
        <circle
          key={key}
          cx={first.x.toFixed(1)}
          cy={first.y.toFixed(1)}
          r={shape.r}
          fill={shape.fill}
          stroke={shape.width > 0 ? shape.stroke : undefined}
          strokeWidth={shape.width > 0 ? shape.width : undefined}
        >
          {animated && !allSame(xs) ? (
            <animate attributeName="cx" values={xs.join(";")} {...timing} />
          ) : null}
          {animated && !allSame(ys) ? (
            <animate attributeName="cy" values={ys.join(";")} {...timing} />
          ) : null}
        </circle>
      );
    }
    const [first] = shape.d;
    if (!first) return null;
    return (
      <path
        key={key}
        d={first}
        fill={shape.fill}
        stroke={shape.stroke}
        strokeWidth={shape.width}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {animated && shape.d.length > 1 && !allSame(shape.d) ? (
          <animate attributeName="d" values={shape.d.join(";")} {...timing} />
        ) : null}
      </path>
    );
  };

  return (
    <svg
      viewBox={`${b.x} ${b.y} ${b.width} ${b.height}`}
      className={className}
      aria-hidden="true"
      focusable="false"
      preserveAspectRatio="xMidYMax meet"
    >
      {drawing.shapes.map(render)}
    </svg>
  );
}
