/**
 * Progression advice in words for the clinician (CLINICAL.md, "Pain-monitoring model"). The advice
 * supports a decision; the words say what the numbers suggest and why, never what must be done.
 */
import type { AdviceResult, ProgressCriterion } from "@/server/domain/advice";
import { formatDay } from "./labels";

type AdviceValue = AdviceResult["advice"];

export const ADVICE_HEADLINES: Record<AdviceValue, string> = {
  regress: "The numbers suggest easing the program",
  hold: "The numbers suggest holding the current dose",
  progress: "The numbers suggest the patient may be ready to progress",
  not_enough_data: "Not enough data for advice yet",
};

/** Short form for the caseload table. */
export const ADVICE_SHORT: Record<AdviceValue, string> = {
  regress: "Consider regressing",
  hold: "Hold",
  progress: "Consider progressing",
  not_enough_data: "Not enough data",
};

/** The version reason the builder starts with when the clinician acts on the advice. */
export const ADVICE_VERSION_REASON: Record<AdviceValue, "regress" | "hold" | "progress" | "edit"> =
  {
    regress: "regress",
    hold: "hold",
    progress: "progress",
    not_enough_data: "edit",
  };

const UNMET_WORDS: Record<ProgressCriterion, string> = {
  "days-on-version": "fewer than 7 full days on this version",
  "exercise-days": "fewer than 3 days with exercise on this version in the last 14",
  "no-session-over-limit": "a session went above the pain limit",
  "next-morning-settled": "no next-morning report settled at or below usual pain",
  "weekly-trend-not-rising": "morning pain cannot yet be compared week on week, or it rose",
  adherent: "adherence A(7) is below 80 % or not known",
};

const one = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
export const percent = (a: number | undefined) =>
  a === undefined ? "—" : `${Math.round(a * 100)} %`;
const scores = (list: { day: string; score: number }[]) =>
  list.map((s) => `${s.score}/10 on ${formatDay(s.day)}`).join(", ");

/** Why the rule that decided fired, in one or two sentences with its numbers. */
export function adviceReason(result: AdviceResult): string {
  const i = result.inputs;
  const over = i.during.filter((s) => s.score > i.painLimit);
  const unsettled = i.nextMorning.filter((r) => r.usual !== undefined && r.score > r.usual);
  switch (result.rule) {
    case "during-over-limit-2-of-3":
      return `Pain during exercise went above the limit of ${i.painLimit}/10 in ${i.during.slice(-3).filter((s) => s.score > i.painLimit).length} of the last 3 sessions (${scores(i.during.slice(-3))}).`;
    case "not-settled-2-consecutive":
      return `Next-morning pain was above usual on two reports in a row (${unsettled
        .map((r) => `${r.score}/10 against usual ${one(r.usual ?? 0)} on ${formatDay(r.day)}`)
        .join("; ")}).`;
    case "weekly-morning-rise":
      return `Morning pain averaged ${one(i.thisWeekMorning ?? 0)} this week, up from ${one(i.lastWeekMorning ?? 0)} the week before (a rise of 1 point or more).`;
    case "during-over-limit-once":
      return `Pain during exercise went above the limit of ${i.painLimit}/10 once (${scores(over)}).`;
    case "not-settled-once":
      return `Next-morning pain was above usual once (${unsettled
        .map((r) => `${r.score}/10 against usual ${one(r.usual ?? 0)} on ${formatDay(r.day)}`)
        .join("; ")}).`;
    case "adherence-below-threshold":
      return `Adherence over the last 7 days is ${percent(i.adherence7)}, below 80 %: the current dose has not yet been tried in full.`;
    case "all-progress-criteria":
      return `Every progress criterion is met: ${i.daysOnVersion} days on this version, exercise on ${i.exerciseDays} days in the last 14, no session above ${i.painLimit}/10, next mornings settled, morning pain not rising, adherence ${percent(i.adherence7)}.`;
    case "no-rule-matched":
      return `Nothing suggests easing or holding, but progressing needs more: ${result.unmet
        .map((c) => UNMET_WORDS[c])
        .join("; ")}.`;
  }
}

/** The rule that decided, as CLINICAL.md names its row. */
export const ADVICE_RULE_WORDS: Record<AdviceResult["rule"], string> = {
  "during-over-limit-2-of-3":
    "Regress: during-exercise pain above the limit in 2 of the last 3 sessions",
  "not-settled-2-consecutive": "Regress: next-morning pain above usual on 2 consecutive reports",
  "weekly-morning-rise": "Regress: this week's mean morning pain ≥ last week's + 1",
  "during-over-limit-once": "Hold: one session above the limit",
  "not-settled-once": "Hold: one next-morning report above usual",
  "adherence-below-threshold": "Hold: A(7) below 0.80",
  "all-progress-criteria": "Progress: all criteria met",
  "no-rule-matched": "Not enough data: no row matched",
};

/** The inputs the advice used, as label and value, for a definition list. */
export function adviceInputRows(result: AdviceResult): { label: string; value: string }[] {
  const i = result.inputs;
  return [
    { label: "Program version", value: `v${i.versionNumber}, ${i.daysOnVersion} full days on it` },
    { label: "Pain limit", value: `${i.painLimit}/10` },
    { label: "Window", value: `${formatDay(i.window.from)} to ${formatDay(i.window.to)}` },
    { label: "Days with exercise (last 14)", value: String(i.exerciseDays) },
    {
      label: "Worst pain during exercise, by day",
      value: i.during.length === 0 ? "none reported" : scores(i.during),
    },
    {
      label: "Next-morning pain against usual",
      value:
        i.nextMorning.length === 0
          ? "none reported"
          : i.nextMorning
              .map(
                (r) =>
                  `${r.score}/10 on ${formatDay(r.day)} (usual ${r.usual === undefined ? "not known: fewer than 3 morning reports" : one(r.usual)})`,
              )
              .join("; "),
    },
    {
      label: "Mean morning pain, this week and last",
      value: `${i.thisWeekMorning === undefined ? "—" : one(i.thisWeekMorning)} and ${i.lastWeekMorning === undefined ? "—" : one(i.lastWeekMorning)} (needs 3 reports a week)`,
    },
    { label: "Adherence A(7)", value: percent(i.adherence7) },
  ];
}
