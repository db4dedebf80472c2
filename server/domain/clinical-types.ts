/**
 * Plain data the clinical rules of CLINICAL.md read. Each shape maps onto one table so a service
 * builds it with a simple select; calendar days are `YYYY-MM-DD` in the patient's time zone.
 */
import type { Day } from "./days";

/** Same values as `PAIN_CONTEXTS` in the schema (the domain does not import the database layer). */
export type PainContext = "morning" | "during" | "after" | "next_morning";

/** One row of `pain_reports`: day, context, score 0–10. */
export interface PainReport {
  day: Day;
  context: PainContext;
  score: number;
}

/**
 * One row of `exercise_logs` with the day of its check-in. `skipped` is `skipped_reason !== null`;
 * a null sets or reps done means "as prescribed" (the patient only ticked the item).
 */
export interface ExerciseSession {
  day: Day;
  itemId: string;
  sessionsDone: number;
  setsDone: number | null;
  repsDone: number | null;
  skipped: boolean;
}

/** One row of `program_versions`, `effective_from` turned into a day in the patient's zone. */
export interface VersionInfo {
  number: number;
  painLimit: number;
  fromDay: Day;
}

/** The dose columns of one row of `program_items` that the rules read. */
export interface PrescribedItem {
  itemId: string;
  /**
   * The exercise the item prescribes. On the day a new version is saved, a session logged against
   * either version's item of the same exercise counts for the item in force (CLINICAL.md).
   */
  exerciseId?: string;
  sessionsPerDay: number;
  daysPerWeek: number;
  sets: number | null;
  reps: number | null;
}

/** A version with its items, as a service loads it; `scheduleItems` turns these into schedules. */
export interface VersionWithItems extends VersionInfo {
  items: readonly PrescribedItem[];
}

/** An item with the days it was in force: from its version's day to the day before the next one. */
export interface ItemSchedule extends PrescribedItem {
  fromDay: Day;
  /** Last day in force, inclusive; null while its version is the current one. */
  toDay: Day | null;
}

/** One red-flag answer (`red_flag_answers`). */
export interface RedFlagAnswer {
  questionId: string;
  answer: boolean;
}
