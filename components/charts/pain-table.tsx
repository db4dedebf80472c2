"use client";

import { useEffect, useRef, useState } from "react";
import { formatDay } from "@/lib/labels";
import { PAIN_SERIES, type PainChartDay } from "./pain-series";

const cell = "border-t border-border px-2 py-1 text-left";
const dash = (v: number | null) => (v === null ? "—" : String(v));

/** Every number of the pain chart as a table, one row per day with a report. */
export function PainTable({ days }: { days: readonly PainChartDay[] }) {
  const reported = days.filter((d) => PAIN_SERIES.some((s) => d[s.context] !== null));
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Pain per day by kind of report, with the pain limit</caption>
      <thead>
        <tr>
          <th className={cell} scope="col">
            Day
          </th>
          {PAIN_SERIES.map((s) => (
            <th key={s.context} className={cell} scope="col">
              {s.label}
            </th>
          ))}
          <th className={cell} scope="col">
            Limit
          </th>
        </tr>
      </thead>
      <tbody>
        {reported.length === 0 ? (
          <tr>
            <td className={cell} colSpan={6}>
              No pain reported in this range.
            </td>
          </tr>
        ) : (
          reported.map((d) => (
            <tr key={d.day} data-day={d.day}>
              <th className={cell} scope="row">
                {formatDay(d.day)}
              </th>
              <td className={cell}>{dash(d.morning)}</td>
              <td className={cell}>{dash(d.during)}</td>
              <td className={cell}>{dash(d.after)}</td>
              <td className={cell}>{dash(d.next_morning)}</td>
              <td className={cell}>{dash(d.limit)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

/**
 * "Show pain as a table": the table is drawn when the clinician opens it. At 12 weeks its few
 * hundred cells were a third of the charts section's server time (issue 11), for a table that
 * is closed on most visits; the page sends the days once, as the chart's data, and the summary
 * above the chart states the range, the count and the latest value meanwhile.
 */
export function PainTableDisclosure({ days }: { days: readonly PainChartDay[] }) {
  const [open, setOpen] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  // Opened before the script took over: no toggle event will come, so read the state once.
  useEffect(() => setOpen(details.current?.open ?? false), []);
  return (
    <details ref={details} className="mt-2" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-sm font-medium">Show pain as a table</summary>
      {open ? (
        <div
          className="mt-2 max-h-80 overflow-auto"
          tabIndex={0}
          role="region"
          aria-label="Pain per day"
        >
          <PainTable days={days} />
        </div>
      ) : null}
    </details>
  );
}
