import { sectionHref } from "@/components/patient-page/sections";
import type { RouterOutputs } from "@/components/trpc/types";
import { Card, CardTitle } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { dateTimeFormat } from "@/lib/intl-format";
import { formatDay } from "@/lib/labels";

type Log = RouterOutputs["patientCharts"]["checkInLog"];

const CONTEXT_LABELS: Record<string, string> = {
  morning: "morning",
  during: "during exercise",
  after: "an hour after",
  next_morning: "next morning",
};
const KIND_LABELS: Record<string, string> = {
  morning: "Morning",
  exercise: "Exercise",
  safety: "Safety check",
};
const SKIP_LABELS: Record<string, string> = {
  too_painful: "too painful",
  no_time: "no time",
  forgot: "forgot",
  other: "other reason",
};

/** Every check-in, newest first, ten a page, with the CSV export of the whole history. */
export function CheckInLogSection({ patientId, log }: { patientId: string; log: Log }) {
  const pages = Math.max(1, Math.ceil(log.total / log.pageSize));
  return (
    <Card aria-labelledby="log-heading">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <CardTitle id="log-heading">Check-in log</CardTitle>
        <a href={`/patients/${patientId}/check-ins.csv`} download>
          Export check-ins (CSV)
        </a>
      </div>
      {log.rows.length === 0 ? (
        <p className="mt-2 text-muted-foreground">No check-ins yet.</p>
      ) : (
        <ol aria-labelledby="log-heading" className="mt-2 divide-y divide-border">
          {log.rows.map((c) => (
            <li key={c.id} className="py-2 text-sm">
              <p>
                <span className="font-medium">{formatDay(c.day)}</span> · {KIND_LABELS[c.kind]}
                {c.versionNumber ? ` · v${c.versionNumber}` : ""} ·{" "}
                <time dateTime={c.submittedAt.toISOString()}>
                  {dateTimeFormat({ hour: "2-digit", minute: "2-digit" }).format(c.submittedAt)}
                </time>
              </p>
              {c.pain.length > 0 ? (
                <p>
                  Pain: {c.pain.map((p) => `${p.score}/10 ${CONTEXT_LABELS[p.context]}`).join(", ")}
                </p>
              ) : null}
              {c.logs.map((l, i) => (
                <p key={i}>
                  {l.skippedReason
                    ? `Skipped ${l.exercise} (${SKIP_LABELS[l.skippedReason]})`
                    : `Done: ${l.exercise}${l.setsDone !== null || l.repsDone !== null ? ` (${l.setsDone ?? "?"} × ${l.repsDone ?? "?"})` : ""}`}
                </p>
              ))}
              {c.kind === "safety" ? (
                c.redFlagsYes === 0 ? (
                  <p>Safety check: all no</p>
                ) : (
                  <div>
                    <p>Safety check: {c.redFlagsYes} yes — see the alert</p>
                    <ul className="list-disc pl-5">
                      {c.redFlagsYesQuestions.map((q) => (
                        <li key={q.id}>
                          {q.id} (question set {q.set}): {q.text}
                        </li>
                      ))}
                    </ul>
                  </div>
                )
              ) : null}
              {c.note ? <p>Note: “{c.note}”</p> : null}
            </li>
          ))}
        </ol>
      )}
      <Pager
        page={log.page}
        pages={pages}
        hrefFor={(n) => sectionHref(patientId, "check-ins", { logPage: n })}
      />
    </Card>
  );
}
