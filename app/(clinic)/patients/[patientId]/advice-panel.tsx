import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import {
  ADVICE_HEADLINES,
  ADVICE_RULE_WORDS,
  ADVICE_VERSION_REASON,
  adviceInputRows,
  adviceReason,
} from "@/lib/advice-words";
import { REASON_LABELS } from "@/lib/labels";
import type { AdviceResult } from "@/server/domain/advice";

const MARKS: Record<AdviceResult["advice"], string> = {
  regress: "↓",
  hold: "=",
  progress: "↑",
  not_enough_data: "…",
};

/**
 * The pain-monitoring advice with the numbers it used and the rule that decided (CLINICAL.md). It
 * supports the clinician's decision and changes nothing by itself: acting on it opens the builder.
 * Part of the page's summary: the headline, the reason and the action show; the rule and its
 * numbers are one click away.
 */
export function AdvicePanel(props: {
  patientId: string;
  active: boolean;
  advice: AdviceResult | null;
  redFlag: boolean;
  hasProgram: boolean;
  className?: string;
}) {
  const { advice } = props;
  return (
    <Card aria-labelledby="advice-heading" className={props.className}>
      <CardTitle id="advice-heading">Progression advice</CardTitle>
      {props.redFlag ? (
        <p className="mt-2">
          A red-flag answer this week sets all other scoring aside. See the red-flag alert before
          changing the program.
        </p>
      ) : !props.hasProgram || !advice ? (
        <p className="mt-2 text-muted-foreground">
          Advice appears once the patient has a program and starts checking in.
        </p>
      ) : (
        <div className="mt-2 space-y-2">
          <p className="text-base font-medium" data-advice={advice.advice}>
            <span aria-hidden="true" className="mr-2 inline-block w-4 text-center">
              {MARKS[advice.advice]}
            </span>
            {ADVICE_HEADLINES[advice.advice]}
          </p>
          <p>{adviceReason(advice)}</p>
          {advice.inputs.daysOnVersion === 0 ? (
            <p className="text-sm">
              Version {advice.inputs.versionNumber} started today: the advice still reads the days
              before it and will follow the new dose as reports come in.
            </p>
          ) : null}
          <details>
            <summary className="cursor-pointer text-sm font-medium">
              The numbers behind this advice
            </summary>
            <p className="mt-2 text-sm text-muted-foreground">
              Rule: {ADVICE_RULE_WORDS[advice.rule]} (pain-monitoring model after Silbernagel et al.
              2007). This supports your judgement; the program only changes when you save a new
              version.
            </p>
            <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
              {adviceInputRows(advice).map((row) => (
                <div key={row.label} className="contents">
                  <dt className="font-medium">{row.label}</dt>
                  <dd className="mb-1 sm:mb-0">{row.value}</dd>
                </div>
              ))}
            </dl>
          </details>
          {props.active ? (
            <Link
              href={`/patients/${props.patientId}/program?reason=${ADVICE_VERSION_REASON[advice.advice]}`}
              prefetch={false}
              className={buttonVariants({ variant: "secondary" })}
            >
              Create new version (
              {REASON_LABELS[ADVICE_VERSION_REASON[advice.advice]].toLowerCase()})
            </Link>
          ) : null}
        </div>
      )}
    </Card>
  );
}
