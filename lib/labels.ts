import type {
  BodyRegion,
  Condition,
  ExerciseCategory,
  Side,
  Sidedness,
  VersionReason,
} from "@/db/schema/enums";
import { dateTimeFormat, formatCalendarDay } from "./intl-format";

export const CONDITION_LABELS: Record<Condition, string> = {
  knee_nerve_pain: "Knee nerve pain",
  medial_knee_pain: "Medial knee pain",
  runners_knee: "Runner's knee",
  sciatica_knee_pain: "Sciatica-related knee pain",
};

export const SIDE_LABELS: Record<Side, string> = { left: "Left", right: "Right", both: "Both" };

/** How an exercise is done, as the library and the builder name it (CLINICAL.md, "Sidedness"). */
export const SIDEDNESS_LABELS: Record<Sidedness, string> = {
  together: "Both legs together",
  each_leg: "Each leg in turn",
  one_leg: "One leg (the affected side)",
};

/** One line for the clinician on what each choice means for a program. */
export const SIDEDNESS_HINTS: Record<Sidedness, string> = {
  together: "Done with both legs at once, like a wall squat. A program cannot set it to one leg.",
  each_leg: "Done on one leg and then the other, like most stretches. Programs start on both.",
  one_leg: "Done on the sore leg only. Programs start on the patient's affected side.",
};

export const CATEGORY_LABELS: Record<ExerciseCategory, string> = {
  neural_glide: "Neural glide",
  mobility_stretch: "Mobility / stretch",
  strengthening: "Strengthening",
  soft_tissue: "Soft tissue",
  cardio: "Cardio",
};

export const BODY_REGION_LABELS: Record<BodyRegion, string> = {
  knee: "Knee",
  hip: "Hip",
  thigh: "Thigh",
  lower_leg: "Lower leg",
  whole_leg: "Whole leg",
  lower_back: "Lower back",
};

export const REASON_LABELS: Record<VersionReason, string> = {
  initial: "Initial",
  progress: "Progress",
  hold: "Hold",
  regress: "Regress",
  edit: "Edit",
};

/** "Monday 23 November" for a YYYY-MM-DD day, read as a calendar label. */
export function formatDay(day: string): string {
  return formatCalendarDay(day, { weekday: "long", day: "numeric", month: "long" });
}

export function formatDate(date: Date, timeZone?: string): string {
  return dateTimeFormat({ day: "numeric", month: "short", year: "numeric", timeZone }).format(date);
}
