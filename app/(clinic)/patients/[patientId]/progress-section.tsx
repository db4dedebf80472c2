import Link from "next/link";
import { PainTableDisclosure } from "@/components/charts/pain-table";
import { LazyAdherenceChart, LazyPainChart } from "@/components/patient-page/lazy-charts";
import { sectionHref } from "@/components/patient-page/sections";
import type { RouterOutputs } from "@/components/trpc/types";
import { Card, CardTitle } from "@/components/ui/card";
import { formatDay, REASON_LABELS } from "@/lib/labels";

type Charts = RouterOutputs["patientCharts"]["charts"];

const RANGES = [
  { id: "4w", label: "4 weeks" },
  { id: "12w", label: "12 weeks" },
  { id: "all", label: "All" },
] as const;

const cell = "border-t border-border px-2 py-1 text-left";

function painSummary(charts: Charts): string {
  const reported = charts.days.filter((d) => d.morning !== null);
  const last = reported.at(-1);
  return `Pain per day from ${formatDay(charts.from)} to ${formatDay(charts.today)}: ${charts.reportCount} reports${
    charts.baseline !== null ? `, baseline ${charts.baseline.toFixed(1)}` : ""
  }${last ? `, latest morning pain ${last.morning}/10 on ${formatDay(last.day)}` : ""}. The table below lists every number.`;
}

/**
 * Pain and adherence over time, for the clinician: the charts section of the patient page. The
 * charts' script loads only when this section is shown (`lazy-charts`); the tables beside them hold
 * the same numbers (the pain table is drawn when it is opened: `PainTableDisclosure`).
 */
export function ProgressSection(props: { patientId: string; charts: Charts }) {
  const { charts } = props;
  return (
    <Card aria-labelledby="progress-heading">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <CardTitle id="progress-heading">Pain and adherence</CardTitle>
        <nav aria-label="Chart range" className="flex gap-2">
          {RANGES.map((r) => (
            <Link
              key={r.id}
              href={sectionHref(props.patientId, "charts", { range: r.id })}
              scroll={false}
              prefetch={false}
              aria-current={charts.range === r.id ? "page" : undefined}
              className="rounded-md border border-border px-3 py-1.5 text-sm no-underline aria-[current=page]:border-primary aria-[current=page]:font-semibold"
            >
              {r.label}
            </Link>
          ))}
        </nav>
      </div>

      <h3 className="mt-4 font-medium">Pain per day (0–10)</h3>
      <p className="text-sm text-muted-foreground">
        One point per day and kind of report (the worst, if there were several). The red line is the
        pain limit of the version in force; the grey band is the baseline ± 2 points; dashed lines
        mark where each version began.
      </p>
      <LazyPainChart
        days={charts.days}
        baseline={charts.baseline}
        versions={charts.versions}
        summary={painSummary(charts)}
      />
      <PainTableDisclosure days={charts.days} />

      <h3 className="mt-6 font-medium">Sessions done per week</h3>
      <LazyAdherenceChart
        weeks={charts.weeks}
        summary={`Session adherence for ${charts.weeks.length} weeks; the table below lists every week.`}
      />
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-medium">Show adherence as a table</summary>
        <table className="mt-2 w-full text-sm">
          <caption className="sr-only">Session adherence per week</caption>
          <thead>
            <tr>
              <th className={cell} scope="col">
                Week
              </th>
              <th className={cell} scope="col">
                Sessions done
              </th>
              <th className={cell} scope="col">
                Expected
              </th>
              <th className={cell} scope="col">
                Adherence
              </th>
            </tr>
          </thead>
          <tbody>
            {charts.weeks.map((w) => (
              <tr key={w.to}>
                <th className={cell} scope="row">
                  {formatDay(w.from)} to {formatDay(w.to)}
                </th>
                <td className={cell}>{Number(w.done.toFixed(1))}</td>
                <td className={cell}>{Number(w.expected.toFixed(1))}</td>
                <td className={cell}>
                  {w.adherence === null ? "nothing expected" : `${Math.round(w.adherence * 100)} %`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>

      <p className="mt-4 text-sm">
        Versions:{" "}
        {charts.versions.length === 0
          ? "none yet."
          : charts.versions
              .map(
                (v) =>
                  `v${v.number} (${REASON_LABELS[v.reason].toLowerCase()}) from ${formatDay(v.fromDay)}`,
              )
              .join("; ")}
      </p>
    </Card>
  );
}
