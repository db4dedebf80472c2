"use client";

import type { ReactElement } from "react";
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatCalendarDay } from "@/lib/intl-format";
import { PAIN_SERIES, type PainChartDay, type PainContext as Context } from "./pain-series";

function Marker(props: {
  cx?: number;
  cy?: number;
  value?: unknown;
  context: Context;
  shape: (typeof PAIN_SERIES)[number]["shape"];
  colour: string;
  day: string;
}): ReactElement {
  const { cx, cy, shape, colour, context } = props;
  const key = `${context}-${props.day}`;
  if (cx === undefined || cy === undefined || typeof props.value !== "number") {
    return <g key={key} />;
  }
  const common = {
    className: `pain-point pain-point-${context}`,
    "data-day": props.day,
    "data-score": props.value,
    fill: colour,
    stroke: "#fff",
    strokeWidth: 1,
  };
  if (shape === "square")
    return <rect key={key} x={cx - 4} y={cy - 4} width={8} height={8} {...common} />;
  if (shape === "triangle")
    return (
      <path
        key={key}
        d={`M${cx},${cy - 5} L${cx + 5},${cy + 4} L${cx - 5},${cy + 4} Z`}
        {...common}
      />
    );
  if (shape === "diamond")
    return (
      <path
        key={key}
        d={`M${cx},${cy - 5} L${cx + 5},${cy} L${cx},${cy + 5} L${cx - 5},${cy} Z`}
        {...common}
      />
    );
  return <circle key={key} cx={cx} cy={cy} r={4} {...common} />;
}

const short = (day: string) => formatCalendarDay(day, { day: "numeric", month: "short" });

/**
 * Pain per day by context (0–10), the program's pain limit as a stepped line, the baseline with
 * its ±2 meaningful-change band, and a marker where each version began. The same numbers are in
 * the table beside it for anyone who cannot see the chart.
 */
export function PainChart(props: {
  days: PainChartDay[];
  baseline: number | null;
  versions: { number: number; reason: string; fromDay: string }[];
  summary: string;
}) {
  const first = props.days[0]?.day;
  return (
    <figure className="m-0">
      <div role="img" aria-label={props.summary} className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={props.days} margin={{ top: 24, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="day" tickFormatter={short} minTickGap={24} fontSize={12} />
            <YAxis domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} width={28} fontSize={12} />
            {props.baseline !== null ? (
              <ReferenceArea
                y1={Math.max(0, props.baseline - 2)}
                y2={Math.min(10, props.baseline + 2)}
                fill="#94a3b8"
                fillOpacity={0.15}
                className="baseline-band"
                label={{
                  value: `baseline ${props.baseline.toFixed(1)} ± 2`,
                  position: "insideTopLeft",
                  fontSize: 11,
                }}
              />
            ) : null}
            {props.versions
              .filter((v) => first !== undefined && v.fromDay >= first)
              .map((v) => (
                <ReferenceLine
                  key={v.number}
                  x={v.fromDay}
                  stroke="#334155"
                  strokeDasharray="4 2"
                  className="version-marker"
                  label={{ value: `v${v.number} · ${v.reason}`, position: "top", fontSize: 11 }}
                />
              ))}
            <Line
              dataKey="limit"
              name="Pain limit"
              type="stepAfter"
              stroke="#b91c1c"
              strokeWidth={2}
              strokeDasharray="1 0"
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
            {PAIN_SERIES.map((s) => (
              <Line
                key={s.context}
                dataKey={s.context}
                name={s.label}
                stroke={s.colour}
                strokeDasharray={s.dash}
                strokeWidth={1.5}
                connectNulls
                isAnimationActive={false}
                dot={(dot: {
                  cx?: number;
                  cy?: number;
                  value?: unknown;
                  payload?: PainChartDay;
                }) => (
                  <Marker
                    key={`${s.context}-${dot.payload?.day}`}
                    cx={dot.cx}
                    cy={dot.cy}
                    value={dot.value}
                    context={s.context}
                    shape={s.shape}
                    colour={s.colour}
                    day={dot.payload?.day ?? ""}
                  />
                )}
                activeDot={false}
              />
            ))}
            <Tooltip labelFormatter={(d) => short(String(d))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
