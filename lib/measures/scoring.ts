import type { MeasureAnswer, MeasureDefinition } from "./schema";

/**
 * Pure rules of the outcome measures: which questions a patient is asked, the score of a set of
 * answers, and what a change means. Used by the server (stored scores), the phone (nothing is
 * scored there) and the exports alike.
 */

/** One question as the patient sees it. */
export interface FormItem {
  /** The item's id, or the activity's id for a patient-specific measure. */
  id: string;
  text: string;
  answer: MeasureAnswer;
}

/** A patient's own activity for a patient-specific measure (the PSFS). */
export interface Activity {
  id: string;
  text: string;
}

/** A whole answer refused, with a sentence saying what to fix. */
export class MeasureAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MeasureAnswerError";
  }
}

/** The questions of a measure for one patient: its fixed items, or one per named activity. */
export function formItems(measure: MeasureDefinition, activities: readonly Activity[]): FormItem[] {
  const specific = measure.patientSpecific;
  if (!specific) return measure.items.map((i) => ({ id: i.id, text: i.text, answer: i.answer }));
  return activities.map((a) => ({
    id: a.id,
    text: specific.prompt.replace("{activity}", a.text),
    answer: specific.answer,
  }));
}

/** Whether a value is one this answer accepts. */
export function isAllowedValue(answer: MeasureAnswer, value: number): boolean {
  if (!Number.isInteger(value)) return false;
  return answer.type === "scale"
    ? value >= answer.min && value <= answer.max
    : answer.options.some((o) => o.value === value);
}

/**
 * The score of one complete response: every question answered once, with an allowed value.
 * Throws MeasureAnswerError otherwise (nothing is scored from a partial answer).
 */
export function scoreResponse(
  measure: MeasureDefinition,
  items: readonly FormItem[],
  answers: readonly { itemId: string; value: number }[],
): number {
  if (items.length === 0) {
    throw new MeasureAnswerError(
      "This questionnaire has no questions yet. Please ask your clinician.",
    );
  }
  const byItem = new Map<string, number>();
  for (const a of answers) {
    if (byItem.has(a.itemId)) throw new MeasureAnswerError("Please answer each question once.");
    byItem.set(a.itemId, a.value);
  }
  const values = items.map((item) => {
    const value = byItem.get(item.id);
    if (value === undefined) throw new MeasureAnswerError("Please answer every question.");
    if (!isAllowedValue(item.answer, value)) {
      throw new MeasureAnswerError("One of the answers is not on its scale. Please answer again.");
    }
    return value;
  });
  if (byItem.size !== items.length) {
    throw new MeasureAnswerError("Some answers are for questions that are not on this form.");
  }
  const sum = values.reduce((a, b) => a + b, 0);
  switch (measure.scoring.method) {
    case "mean":
      return sum / values.length;
    case "sum":
    case "single":
      return sum;
  }
}

/** What two scores of one measure say, first to last. */
export interface ScoreChange {
  /** last − first in the score's own direction of numbers; null for a rating of change. */
  change: number | null;
  /** The change counted so that positive is better, whatever the measure's direction. */
  improvement: number | null;
  /** Whether the change is at least the minimal important change (or the rating important). */
  meaningful: boolean;
}

/** Scores equal within floating-point noise count as equal (means of 3 answers are not exact). */
const EPSILON = 1e-9;

export function scoreChange(measure: MeasureDefinition, first: number, last: number): ScoreChange {
  const rule = measure.interpretation;
  if (rule.kind === "rating") {
    return { change: null, improvement: null, meaningful: last >= rule.importantImprovement };
  }
  const change = last - first;
  const improvement = measure.direction === "higher-is-better" ? change : -change;
  return { change, improvement, meaningful: improvement + EPSILON >= rule.mic };
}

/** A score as shown, with the measure's decimals: "6.3", "+3". */
export function formatScore(measure: MeasureDefinition, score: number, signed = false): string {
  const text = score.toFixed(measure.scoring.decimals);
  return signed && score > 0 ? `+${text}` : text;
}
