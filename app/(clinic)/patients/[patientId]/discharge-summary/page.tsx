import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { GOAL_STATUS_LABELS, shortDay } from "@/components/goals-notes/words";
import type { RouterOutputs } from "@/components/trpc/types";
import { CONDITION_LABELS, REASON_LABELS, SIDE_LABELS, formatDate } from "@/lib/labels";
import { ClinicLetterhead, PrintToolbar } from "@/components/print/print-page-parts";
import { requireStaffPage } from "@/server/page-auth";
import "@/components/print/print-sheet.css";
import "./summary.css";

// No patient name in the title: it ends up in the browser's history and as the PDF's file name.
export const metadata: Metadata = { title: "Discharge summary" };

type Summary = NonNullable<RouterOutputs["discharge"]["summary"]>;

const one = (value: number) => value.toFixed(1);
const percent = (value: number) => `${Math.round(value * 100)} %`;
const signed = (value: number) =>
  value > 0 ? `+${one(value)}` : value < 0 ? `−${one(-value)}` : "0.0";

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="print-keep space-y-1">
      <h2 id={id} className="border-b border-border pb-1 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function painVerdict(pain: Summary["pain"]): string {
  if (pain.change === null) return "Not enough morning reports to compare (3 a week are needed).";
  if (pain.improved) return "Meaningful improvement (at least 2 points and 30 % lower).";
  if (pain.worsened) return "Meaningfully worse (at least 2 points or 30 % higher).";
  return "No meaningful change (less than 2 points and 30 %).";
}

/** The printable summary of a discharged episode (issue 15, part 4), for the patient's referrer. */
export default async function DischargeSummaryPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { patientId } = await params;
  const query = await searchParams;
  const summaryId = typeof query.summary === "string" ? query.summary : undefined;
  const { api } = await requireStaffPage();
  const data = await api.discharge
    .summary({ patientId, ...(summaryId ? { summaryId } : {}) })
    .catch((error: unknown) => {
      if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
      throw error;
    });
  if (!data) {
    // The patient exists (or NOT_FOUND above) but has no summary: discharged before summaries.
    return (
      <div className="space-y-3">
        <Link href={`/patients/${patientId}`}>← Back to the patient</Link>
        <h1 className="text-2xl font-semibold">No discharge summary</h1>
        <p>
          This patient has no discharge summary yet. One is written when a patient is discharged
          with a closing note.
        </p>
      </div>
    );
  }
  const { clinic, patient, summary, versions, adherence, pain, outcomes, goals } = data;
  const zone = patient.timeZone;
  const episodeDays =
    Math.round(
      (Date.parse(`${summary.dischargeDay}T00:00:00Z`) -
        Date.parse(`${summary.startDay}T00:00:00Z`)) /
        86_400_000,
    ) + 1;
  const counted = goals.rows.filter((g) => g.status !== "dropped");
  const dropped = goals.rows.filter((g) => g.status === "dropped");

  return (
    <div className="space-y-4">
      <PrintToolbar patient={patient} />

      <article className="summary-sheet print-sheet mx-auto max-w-[18cm] space-y-4 rounded-lg border border-border bg-background p-4 shadow-sm sm:p-8">
        <header className="print-keep">
          <ClinicLetterhead clinic={clinic} />
          <h1 className="mt-3 text-2xl leading-tight font-semibold">
            Discharge summary: {patient.displayName}
          </h1>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-sm">
            <dt className="font-medium">Born</dt>
            <dd>{patient.yearOfBirth}</dd>
            <dt className="font-medium">Condition</dt>
            <dd>
              {CONDITION_LABELS[patient.condition]},{" "}
              {SIDE_LABELS[patient.affectedSide].toLowerCase()}{" "}
              {patient.affectedSide === "both" ? "knees" : "knee"}
            </dd>
            <dt className="font-medium">Episode</dt>
            <dd>
              {shortDay(summary.startDay)} to {shortDay(summary.dischargeDay)} ({episodeDays}{" "}
              {episodeDays === 1 ? "day" : "days"})
            </dd>
            <dt className="font-medium">Clinician</dt>
            <dd>
              {patient.primaryClinicianName} (primary); discharged by {summary.authorName}
            </dd>
          </dl>
        </header>

        <Section id="program-heading" title="Home exercise program">
          {versions.length === 0 ? (
            <p>No exercise program was prescribed in this episode.</p>
          ) : (
            // Scrolls sideways on a phone; focusable so a keyboard can scroll it too.
            <div
              className="overflow-x-auto"
              tabIndex={0}
              role="region"
              aria-label="Program versions"
            >
              <table className="w-full min-w-[30rem] table-fixed border-collapse text-left text-sm">
                <thead>
                  <tr className="border-b border-border align-bottom">
                    <th scope="col" className="w-[13%] py-1 pr-2">
                      Version
                    </th>
                    <th scope="col" className="w-[30%] py-1 pr-2">
                      In force
                    </th>
                    <th scope="col" className="py-1 pr-2">
                      Why it changed
                    </th>
                    <th scope="col" className="w-[20%] py-1">
                      By
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {versions.map((v) => (
                    <tr key={v.number} className="border-b border-border align-top">
                      <th scope="row" className="py-1 pr-2 font-normal">
                        {v.number}
                      </th>
                      <td className="py-1 pr-2">
                        {shortDay(v.fromDay)} to {shortDay(v.toDay)} ({v.days}{" "}
                        {v.days === 1 ? "day" : "days"})
                      </td>
                      <td className="py-1 pr-2 break-words">
                        {REASON_LABELS[v.reason]}
                        {v.note ? `: ${v.note}` : ""}
                      </td>
                      <td className="py-1 break-words">{v.authorName}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Section>

        <Section id="adherence-heading" title="Adherence">
          {adherence && adherence.sessionAdherence !== null ? (
            <p>
              <strong>{percent(adherence.sessionAdherence)}</strong> of the sessions asked were done
              ({one(adherence.done)} of {one(adherence.expected)}, {shortDay(adherence.from)} to{" "}
              {shortDay(adherence.to)})
              {adherence.doseAdherence !== null
                ? `; ${percent(adherence.doseAdherence)} of the prescribed dose.`
                : "."}
            </p>
          ) : (
            <p>No full day of the program to count before the discharge.</p>
          )}
        </Section>

        <Section id="pain-heading" title="Pain (morning, 0 to 10)">
          <p>
            Baseline (first week):{" "}
            <strong>{pain.baseline === null ? "—" : one(pain.baseline)}</strong>
            {" · "}
            Last 7 days ({shortDay(pain.endFrom)} to {shortDay(pain.endTo)}):{" "}
            <strong>{pain.end === null ? "—" : one(pain.end)}</strong>
            {pain.change === null ? null : (
              <>
                {" "}
                · Change: <strong>{signed(pain.change)}</strong>
              </>
            )}
          </p>
          <p>
            {painVerdict(pain)} {pain.morningReports} morning{" "}
            {pain.morningReports === 1 ? "report" : "reports"} in the episode.
          </p>
        </Section>

        <Section id="outcomes-heading" title="Outcome measures">
          {outcomes.length === 0 ? (
            <p>No outcome measures were answered in this episode.</p>
          ) : (
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Outcome scores">
              <table className="w-full min-w-[30rem] table-fixed border-collapse text-left text-sm">
                <thead>
                  <tr className="border-b border-border align-bottom">
                    <th scope="col" className="w-[28%] py-1 pr-2">
                      Measure
                    </th>
                    <th scope="col" className="py-1 pr-2">
                      First
                    </th>
                    <th scope="col" className="py-1 pr-2">
                      Last
                    </th>
                    <th scope="col" className="w-[12%] py-1 pr-2">
                      Change
                    </th>
                    <th scope="col" className="w-[24%] py-1">
                      Meaningful?
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {outcomes.map((o) => (
                    <tr key={o.measureId} className="border-b border-border align-top">
                      <th scope="row" className="py-1 pr-2 font-normal break-words">
                        {o.name}
                      </th>
                      <td className="py-1 pr-2">
                        {o.interpretation === "rating"
                          ? "—"
                          : `${one(o.firstScore)} (${shortDay(o.firstDay)})`}
                      </td>
                      <td className="py-1 pr-2">
                        {one(o.lastScore)} ({shortDay(o.lastDay)})
                      </td>
                      <td className="py-1 pr-2">
                        {o.change === null ? "rated" : signed(o.change)}
                      </td>
                      <td className="py-1">
                        {o.meaningful ? "Yes" : "No"} (
                        {o.interpretation === "rating"
                          ? `${o.threshold} or more is important`
                          : `MIC ${o.threshold}, ${o.direction === "higher-is-better" ? "higher" : "lower"} is better`}
                        )
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Section>

        <Section id="goals-heading" title="Goals">
          {counted.length === 0 ? (
            <p>No goals were set in this episode.</p>
          ) : (
            <>
              <p>
                <strong>
                  {goals.tally.met} of {goals.tally.set}
                </strong>{" "}
                {goals.tally.set === 1 ? "goal" : "goals"} reached
                {goals.tally.open > 0 ? `; ${goals.tally.open} still open at discharge` : ""}.
              </p>
              <ul className="space-y-1">
                {counted.map((g) => (
                  <li key={g.id} className="break-words">
                    <strong>
                      {GOAL_STATUS_LABELS[g.status]}
                      {g.status === "active" ? "" : ` on ${formatDate(g.statusChangedAt, zone)}`}:
                    </strong>{" "}
                    {g.what}. Target: {g.target} by {shortDay(g.targetDay)} (measured by {g.measure}
                    ).
                  </li>
                ))}
              </ul>
            </>
          )}
          {dropped.length > 0 ? (
            <p className="text-sm">Dropped: {dropped.map((g) => g.what).join("; ")}.</p>
          ) : null}
        </Section>

        <Section id="note-heading" title="Closing note">
          <p className="whitespace-pre-line break-words">{summary.closingNote}</p>
          <p className="text-sm text-muted-foreground">
            {summary.authorName}, {formatDate(summary.dischargedAt, zone)}
          </p>
        </Section>

        <footer className="print-keep border-t border-border pt-2 text-xs text-muted-foreground">
          Prepared {formatDate(data.preparedAt, zone)} from the home exercise record. Pain is the
          0–10 Numeric Pain Rating Scale; a change of 2 points and 30 % is taken as meaningful
          (Farrar et al. 2001). Adherence counts sessions done against sessions asked, extra
          sessions earning no credit.
        </footer>
      </article>
    </div>
  );
}
