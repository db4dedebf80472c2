"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatCalendarDay } from "@/lib/intl-format";

export interface AdherenceWeek {
  from: string;
  to: string;
  adherence: number | null;
}

const short = (day: string) => formatCalendarDay(day, { day: "numeric", month: "short" });

/**
 * Session adherence per 7-day block as bars, with the 80 % "adherent" line. A week with nothing
 * expected has no bar (a gap), never a zero.
 */
export function AdherenceChart(props: { weeks: AdherenceWeek[]; summary: string }) {
  const data = props.weeks.map((w) => ({
    week: w.to,
    percent: w.adherence === null ? null : Math.round(w.adherence * 100),
  }));
  return (
    <div role="img" aria-label={props.summary} className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis
            dataKey="week"
            tickFormatter={(d: string) => `to ${short(d)}`}
            minTickGap={16}
            fontSize={12}
          />
          <YAxis domain={[0, 100]} ticks={[0, 50, 80, 100]} unit="%" width={40} fontSize={12} />
          <ReferenceLine
            y={80}
            stroke="#047857"
            strokeDasharray="4 2"
            label={{ value: "80 % adherent", position: "insideTopRight", fontSize: 11 }}
          />
          <Bar
            dataKey="percent"
            name="Sessions done"
            fill="#1d4ed8"
            isAnimationActive={false}
            className="adherence-bar"
          />
          <Tooltip
            labelFormatter={(d) => `Week to ${short(String(d))}`}
            formatter={(v) => [`${String(v)} %`, "Sessions done"]}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
