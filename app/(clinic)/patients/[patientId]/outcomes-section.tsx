import { LazyOutcomeChart } from "@/components/patient-page/lazy-outcome-chart";
import { CancelScheduleButton, ScheduleMeasureForm } from "@/components/measures/schedule-form";
import type { RouterOutputs } from "@/components/trpc/types";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { formatDay } from "@/lib/labels";

type Outcomes = RouterOutputs["measures"]["forPatient"];
type Measure = Outcomes["measures"][number];

const cell = "border-t border-border px-2 py-1 text-left align-top";

const score = (m: Measure, value: number) => value.toFixed(m.scoring.decimals);
const signed = (m: Measure, value: number) =>
  `${value > 0 ? "+" : value < 0 ? "−" : "±"}${Math.abs(value).toFixed(m.scoring.decimals)}`;

function scheduleWords(s: Outcomes["schedules"][number]): string {
  if (s.kind === "interval") {
    return `every ${s.everyWeeks === 1 ? "week" : `${s.everyWeeks} weeks`} from ${formatDay(s.firstDay)}`;
  }
  return `${s.kind === "start" ? "at the start" : "at discharge"}, ${formatDay(s.firstDay)}`;
}

/** "PSFS 4.0 on 2 Mar → 6.0 on 9 Mar: +2.0, meets the MCID of 2." */
function summaryWords(m: Measure, s: Outcomes["summaries"][number]): string {
  if (s.interpretation === "rating") {
    return `${m.shortName} ${signed(m, s.last.score)} on ${formatDay(s.last.day)}: ${
      s.meaningful ? "an important improvement" : "not an important improvement"
    } (${s.threshold > 0 ? "+" : ""}${s.threshold} or more is).`;
  }
  const first = `${score(m, s.first.score)} on ${formatDay(s.first.day)}`;
  if (s.responses === 1) return `${m.shortName} ${first}: the first score, nothing to compare yet.`;
  return `${m.shortName} ${first} → ${score(m, s.last.score)} on ${formatDay(s.last.day)}: ${signed(
    m,
    s.change ?? 0,
  )}, ${s.meaningful ? "meets" : "does not meet"} the MCID of ${s.threshold}.`;
}

/**
 * The patient's outcome measures (issue 15): per measure, the scores over time with the MCID band
 * and version markers and a table of every answer; the schedules; the scheduling form.
 */
export function OutcomesSection({
  patientId,
  outcomes,
}: {
  patientId: string;
  outcomes: Outcomes;
}) {
  const measureOf = (id: string) => outcomes.measures.find((m) => m.id === id);
  const live = outcomes.schedules.filter((s) => s.cancelledDay === null);
  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)]">
      <Card aria-labelledby="outcomes-heading">
        <CardTitle id="outcomes-heading">Outcome measures</CardTitle>
        {outcomes.summaries.length === 0 ? (
          <p className="mt-2 text-muted-foreground">
            No answers yet. Schedule a measure and the patient&apos;s phone will ask it on the day.
          </p>
        ) : null}
        {outcomes.summaries.map((s) => {
          const m = measureOf(s.measureId);
          if (!m) return null;
          const rows = outcomes.responses.filter((r) => r.measureId === s.measureId);
          return (
            <section key={s.measureId} aria-labelledby={`outcome-${s.measureId}`} className="mt-4">
              <div className="flex flex-wrap items-center gap-2">
                <h3 id={`outcome-${s.measureId}`} className="font-medium">
                  {m.name}
                </h3>
                {s.responses > 1 || s.interpretation === "rating" ? (
                  <Badge tone={s.meaningful ? "success" : "neutral"}>
                    {s.meaningful ? "Meaningful change" : "Change below the MCID"}
                  </Badge>
                ) : null}
              </div>
              <p className="mt-1 text-sm" data-testid={`outcome-summary-${s.measureId}`}>
                {summaryWords(m, s)}
              </p>
              {m.interpretation.kind === "change" ? (
                <>
                  <p className="text-sm text-muted-foreground">
                    Higher is {m.direction === "higher-is-better" ? "better" : "worse"}. The grey
                    band is the first score ± the minimal important change (
                    {m.interpretation.threshold} points); dashed lines mark where each program
                    version began.
                  </p>
                  <LazyOutcomeChart
                    measureId={m.id}
                    points={rows.map((r) => ({ day: r.day, score: r.score }))}
                    min={m.scoring.min}
                    max={m.scoring.max}
                    band={{ first: s.first.score, mic: m.interpretation.threshold }}
                    versions={outcomes.versions}
                    summary={`${m.shortName} scores: ${rows
                      .map((r) => `${score(m, r.score)} on ${formatDay(r.day)}`)
                      .join("; ")}. The table below lists every answer.`}
                  />
                </>
              ) : null}
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium">
                  Show the {m.shortName} answers as a table
                </summary>
                <table className="mt-2 w-full text-sm">
                  <caption className="sr-only">{m.name}: every answer</caption>
                  <thead>
                    <tr>
                      <th className={cell} scope="col">
                        Day
                      </th>
                      <th className={cell} scope="col">
                        Score
                      </th>
                      <th className={cell} scope="col">
                        Program version
                      </th>
                      <th className={cell} scope="col">
                        Answers
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.id} data-day={r.day}>
                        <th className={cell} scope="row">
                          {formatDay(r.day)}
                        </th>
                        <td className={cell}>{score(m, r.score)}</td>
                        <td className={cell}>
                          {r.versionNumber === null ? "—" : `v${r.versionNumber}`}
                        </td>
                        <td className={cell}>
                          <ul>
                            {r.answers.map((a, i) => (
                              <li key={i}>
                                {a.itemText} <strong>{a.value}</strong>
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </section>
          );
        })}
        <details className="mt-6 text-sm">
          <summary className="cursor-pointer font-medium">
            About these measures and their sources
          </summary>
          <dl className="mt-2 space-y-2">
            {outcomes.measures.map((m) => (
              <div key={m.id}>
                <dt className="font-medium">{m.name}</dt>
                <dd>{m.summary}</dd>
                <dd className="text-muted-foreground">{m.thresholdSource}</dd>
                <dd className="text-muted-foreground">Licence: {m.licenceNote}</dd>
              </div>
            ))}
          </dl>
        </details>
      </Card>

      <Card aria-labelledby="schedules-heading">
        <CardTitle id="schedules-heading">Scheduled</CardTitle>
        {live.length === 0 ? (
          <p className="mt-2 text-muted-foreground">Nothing is scheduled.</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {live.map((s) => {
              const m = measureOf(s.measureId);
              const label = `${m?.shortName ?? s.measureId} ${scheduleWords(s)}`;
              return (
                <li key={s.id} className="flex flex-wrap items-start justify-between gap-2">
                  <div>
                    <p className="font-medium">{label}</p>
                    <p className="text-sm text-muted-foreground">
                      {s.dueDay
                        ? `Waiting for the patient's answer (due ${formatDay(s.dueDay)}).`
                        : s.nextDay
                          ? `Next on ${formatDay(s.nextDay)}.`
                          : "Answered; nothing more due."}
                    </p>
                  </div>
                  {outcomes.active ? (
                    <CancelScheduleButton patientId={patientId} scheduleId={s.id} label={label} />
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {outcomes.active ? (
          <div className="mt-6 border-t border-border pt-4">
            <ScheduleMeasureForm
              patientId={patientId}
              today={outcomes.today}
              measures={outcomes.measures}
              activities={outcomes.activities}
            />
          </div>
        ) : (
          <p className="mt-4 text-sm text-muted-foreground">
            The patient has been discharged: re-admit them to schedule a measure.
          </p>
        )}
      </Card>
    </div>
  );
}
