"use client";

import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatCalendarDay } from "@/lib/intl-format";

const DAY_MS = 86_400_000;
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
const short = (value: number) =>
  formatCalendarDay(new Date(value).toISOString().slice(0, 10), { day: "numeric", month: "short" });

/**
 * One outcome measure's scores over time (issue 15): the first score with its minimal important
 * change either side as a shaded band (a later score outside it is a meaningful change), and a
 * dashed line where each program version began. Days are on a time axis, so a week apart looks
 * a week apart. The table beside it holds every number for anyone who cannot see the chart.
 */
export function OutcomeChart(props: {
  measureId: string;
  points: { day: string; score: number }[];
  min: number;
  max: number;
  /** The first score and the minimal important change, for the band; null without either. */
  band: { first: number; mic: number } | null;
  versions: { number: number; reason: string; fromDay: string }[];
  summary: string;
}) {
  const data = props.points.map((p) => ({ at: ms(p.day), day: p.day, score: p.score }));
  const from = (data[0]?.at ?? 0) - 3 * DAY_MS;
  const to = (data.at(-1)?.at ?? 0) + 3 * DAY_MS;
  // Five or so even steps: 0, 2, 4 … 10 for a 0–10 score.
  const step = Math.max(1, Math.ceil((props.max - props.min) / 5));
  const ticks = Array.from(
    { length: Math.floor((props.max - props.min) / step) + 1 },
    (_, i) => props.min + i * step,
  );
  const versions = props.versions.filter((v) => ms(v.fromDay) >= from && ms(v.fromDay) <= to);
  return (
    <figure className="m-0">
      <div
        role="img"
        aria-label={props.summary}
        className="h-64 w-full"
        data-measure={props.measureId}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 24, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis
              dataKey="at"
              type="number"
              scale="time"
              domain={[from, to]}
              tickFormatter={short}
              minTickGap={24}
              fontSize={12}
            />
            <YAxis domain={[props.min, props.max]} ticks={ticks} width={28} fontSize={12} />
            {props.band ? (
              <ReferenceArea
                y1={Math.max(props.min, props.band.first - props.band.mic)}
                y2={Math.min(props.max, props.band.first + props.band.mic)}
                fill="#94a3b8"
                fillOpacity={0.2}
                className="mcid-band"
                label={{
                  value: `first score ± MCID (${props.band.mic})`,
                  position: "insideTopLeft",
                  fontSize: 11,
                }}
              />
            ) : null}
            {versions.map((v) => (
              <ReferenceLine
                key={v.number}
                x={ms(v.fromDay)}
                stroke="#334155"
                strokeDasharray="4 2"
                className="version-marker"
                label={{ value: `v${v.number} · ${v.reason}`, position: "top", fontSize: 11 }}
              />
            ))}
            <Line
              dataKey="score"
              name="Score"
              stroke="#1d4ed8"
              strokeWidth={2}
              isAnimationActive={false}
              dot={(dot: {
                cx?: number;
                cy?: number;
                payload?: { day: string; score: number };
              }) => (
                <circle
                  key={dot.payload?.day}
                  cx={dot.cx}
                  cy={dot.cy}
                  r={5}
                  fill="#1d4ed8"
                  stroke="#fff"
                  strokeWidth={1.5}
                  className="outcome-point"
                  data-day={dot.payload?.day}
                  data-score={dot.payload?.score}
                />
              )}
              activeDot={false}
            />
            <Tooltip
              labelFormatter={(value) => short(Number(value))}
              formatter={(value) => [String(value), "Score"]}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
