import { formatCalendarDay } from "@/lib/intl-format";
import type { DailyPain } from "@/server/domain/patient-progress";

const W = 320;
const H = 190;
const PAD = { left: 26, right: 8, top: 10, bottom: 30 };
const MORNING = "#0b5d6b";
const DURING = "#7a4b00";

function shortDay(day: string) {
  return formatCalendarDay(day, { day: "numeric", month: "short" });
}

interface Point {
  x: number;
  y: number;
}

const MARK = 3.5;

/**
 * Each series' markers as one path, not an element a day: the same drawing, with a few hundred
 * fewer elements for the server to render and send (issue 11's page bench).
 */
function dots(points: Point[]): string {
  const arc = `a${MARK},${MARK} 0 1,0 ${2 * MARK},0`;
  return points
    .map(
      (p) =>
        `M${(p.x - MARK).toFixed(1)},${p.y.toFixed(1)} ${arc} a${MARK},${MARK} 0 1,0 ${-2 * MARK},0z`,
    )
    .join("");
}

function squares(points: Point[]): string {
  const side = 2 * MARK;
  return points
    .map((p) => `M${(p.x - MARK).toFixed(1)},${(p.y - MARK).toFixed(1)}h${side}v${side}h${-side}z`)
    .join("");
}

/**
 * Morning pain and exercise pain by day, drawn on the server as SVG (no chart library reaches the
 * phone). The two series differ by line style and marker shape as well as colour; the table
 * beside it carries the same numbers for screen readers.
 */
export function PainChart({ days }: { days: DailyPain[] }) {
  const n = Math.max(1, days.length - 1);
  const x = (i: number) => PAD.left + (i / n) * (W - PAD.left - PAD.right);
  const y = (score: number) => PAD.top + ((10 - score) / 10) * (H - PAD.top - PAD.bottom);
  const series = (pick: (d: DailyPain) => number | null) =>
    days.flatMap((d, i) => {
      const v = pick(d);
      return v === null ? [] : [{ x: x(i), y: y(v) }];
    });
  const morning = series((d) => d.morning);
  const during = series((d) => d.during);
  const path = (pts: Point[]) =>
    pts.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
  const mondays = days.flatMap((d, i) => (i % 14 === 0 ? [{ i, day: d.day }] : []));

  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full"
        role="img"
        aria-labelledby="pain-chart-title"
      >
        <title id="pain-chart-title">
          Your morning pain and exercise pain by day, 0 to 10. The table below lists the weekly
          averages.
        </title>
        {[0, 5, 10].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#c9d2d9" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#4a5863">
              {v}
            </text>
          </g>
        ))}
        {mondays.map((m) => (
          <text key={m.day} x={x(m.i)} y={H - 10} fontSize="11" fill="#4a5863" textAnchor="start">
            {shortDay(m.day)}
          </text>
        ))}
        <path d={path(morning)} fill="none" stroke={MORNING} strokeWidth="2.5" />
        <path d={dots(morning)} fill={MORNING} />
        <path d={path(during)} fill="none" stroke={DURING} strokeWidth="2" strokeDasharray="6 4" />
        <path d={squares(during)} fill={DURING} />
      </svg>
      <figcaption className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
        <span className="inline-flex items-center gap-2">
          <svg width="28" height="10" aria-hidden="true" className="shrink-0">
            <line x1="0" x2="28" y1="5" y2="5" stroke={MORNING} strokeWidth="2.5" />
            <circle cx="14" cy="5" r="3.5" fill={MORNING} />
          </svg>
          Morning pain (solid line, dots)
        </span>
        <span className="inline-flex items-center gap-2">
          <svg width="28" height="10" aria-hidden="true" className="shrink-0">
            <line
              x1="0"
              x2="28"
              y1="5"
              y2="5"
              stroke={DURING}
              strokeWidth="2"
              strokeDasharray="6 4"
            />
            <rect x="10.5" y="1.5" width="7" height="7" fill={DURING} />
          </svg>
          Worst pain during exercise (dashed line, squares)
        </span>
      </figcaption>
    </figure>
  );
}
