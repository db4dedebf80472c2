import { describeHowOften, describeSession, type Dose } from "./dosage";

/** The dose columns a template item carries: no side or load, those are chosen per patient. */
export type TemplateDose = Pick<
  Dose,
  | "sets"
  | "reps"
  | "holdSeconds"
  | "restSeconds"
  | "durationSeconds"
  | "sessionsPerDay"
  | "daysPerWeek"
>;

/**
 * A template item's dose in the patient's words, e.g. "2 sets of 10, hold 5 s, once a day, every
 * day". It reuses describeDose's wording and leaves out the side, which a template does not know
 * yet.
 */
export function describeTemplateDose(dose: TemplateDose): string {
  const full: Dose = { ...dose, side: "both", loadKg: null, bandColour: null };
  const frequency = describeHowOften(full);
  const session = describeSession(full);
  return session ? `${session}, ${frequency}` : frequency;
}
