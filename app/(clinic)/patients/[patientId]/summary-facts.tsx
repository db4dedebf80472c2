import { linkState, type LinkFacts } from "@/components/patient-page/link-state";
import { plural } from "@/components/patient-page/summary-words";
import type { RouterOutputs } from "@/components/trpc/types";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { timeAgo } from "@/lib/alert-words";
import { REASON_LABELS, formatDate } from "@/lib/labels";

type Program = RouterOutputs["patients"]["get"]["program"];

function LinkLine({
  links,
  discharged,
  now,
  timeZone,
}: {
  links: readonly LinkFacts[];
  discharged: boolean;
  now: number;
  timeZone: string;
}) {
  const state = linkState(links, discharged);
  const note = (text: string) => <span className="mt-1 block">{text}</span>;
  switch (state.kind) {
    case "off":
      return (
        <>
          <Badge tone="neutral">Switched off</Badge>
          {note("Discharged: no link opens the plan.")}
        </>
      );
    case "none":
      return (
        <>
          <Badge tone="warning">No link yet</Badge>
          {note("The patient cannot open their plan until they get one.")}
        </>
      );
    case "stopped":
      return (
        <>
          <Badge tone="warning">
            {state.how === "revoked" ? "Revoked" : "Expired"} {formatDate(state.at, timeZone)}
          </Badge>
          {note("No working link: the patient cannot open their plan.")}
        </>
      );
    case "working":
      return (
        <>
          <Badge tone="success">
            {state.count > 1 ? `${plural(state.count, "link", "links")} work` : "Works"} until{" "}
            {formatDate(state.until, timeZone)}
          </Badge>
          {note(
            state.lastUsedAt ? `Last opened ${timeAgo(state.lastUsedAt, now)}.` : "Not opened yet.",
          )}
        </>
      );
  }
}

/**
 * The record at a glance: the program in force and when it last changed, and whether the
 * patient's link works. Words carry every state; the badges' colours only repeat them.
 */
export function SummaryFacts({
  program,
  links,
  discharged,
  now,
  timeZone,
  className,
}: {
  program: Program;
  links: readonly LinkFacts[];
  discharged: boolean;
  now: number;
  timeZone: string;
  className?: string;
}) {
  const version = program?.version;
  return (
    <Card aria-labelledby="glance-heading" className={className}>
      <CardTitle id="glance-heading">At a glance</CardTitle>
      <dl className="mt-2 space-y-3 text-sm">
        <div>
          <dt className="font-medium">Program</dt>
          <dd>
            {version ? (
              <>
                <span className="text-base font-semibold">
                  Version {version.number} ({REASON_LABELS[version.reason].toLowerCase()})
                </span>
                <br />
                Changed {timeAgo(version.effectiveFrom, now)} (
                {formatDate(version.effectiveFrom, timeZone)}) by {version.authorName}
                <br />
                Pain limit {version.painLimit}/10
              </>
            ) : (
              "No program yet."
            )}
          </dd>
        </div>
        <div>
          <dt className="font-medium">Patient link</dt>
          <dd>
            <LinkLine links={links} discharged={discharged} now={now} timeZone={timeZone} />
          </dd>
        </div>
      </dl>
    </Card>
  );
}
