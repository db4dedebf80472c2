import type { GoalStatus } from "@/db/schema/enums";
import { formatCalendarDay } from "@/lib/intl-format";

/** A goal's status in words (a badge's colour only repeats them). */
export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  active: "Working on it",
  met: "Reached",
  not_met: "Not reached",
  dropped: "Dropped",
};

export const GOAL_STATUS_TONES = {
  active: "info",
  met: "success",
  not_met: "warning",
  dropped: "neutral",
} as const satisfies Record<GoalStatus, string>;

/** "31 Jan 2027" for a YYYY-MM-DD day. */
export function shortDay(day: string): string {
  return formatCalendarDay(day, { day: "numeric", month: "short", year: "numeric" });
}

/** The SOAP template's parts, in order, with their labels. */
export const SOAP_PARTS = [
  { key: "subjective", label: "Subjective", hint: "What the patient tells you." },
  { key: "objective", label: "Objective", hint: "What you measured or saw." },
  { key: "assessment", label: "Assessment", hint: "Your reading of it." },
  { key: "plan", label: "Plan", hint: "What happens next." },
] as const;
