import type { BandColour, Side } from "@/db/schema/enums";

export interface Dose {
  sets: number | null;
  reps: number | null;
  holdSeconds: number | null;
  restSeconds: number | null;
  durationSeconds: number | null;
  sessionsPerDay: number;
  daysPerWeek: number;
  side: Side;
  loadKg: number | null;
  bandColour: BandColour | null;
}

function seconds(total: number): string {
  if (total >= 60 && total % 60 === 0) {
    const minutes = total / 60;
    return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  }
  if (total > 60) {
    const minutes = Math.floor(total / 60);
    return `${minutes} min ${total % 60} s`;
  }
  return `${total} s`;
}

const SIDE_TEXT: Record<Side, string> = {
  left: "left leg",
  right: "right leg",
  both: "both legs",
};

function timesADay(n: number): string {
  if (n === 1) return "once a day";
  if (n === 2) return "twice a day";
  return `${n} times a day`;
}

function daysAWeek(n: number): string {
  return n === 7 ? "every day" : n === 1 ? "1 day a week" : `${n} days a week`;
}

/** What to do in one session, e.g. "2 sets of 10, hold 5 s". */
export function describeSession(dose: Dose): string {
  const parts: string[] = [];
  if (dose.reps !== null) {
    const sets = dose.sets ?? 1;
    parts.push(sets === 1 ? `${dose.reps} times` : `${sets} sets of ${dose.reps}`);
  } else if (dose.sets !== null && dose.sets > 1) {
    parts.push(`${dose.sets} times`);
  }
  if (dose.holdSeconds) parts.push(`hold ${seconds(dose.holdSeconds)}`);
  if (dose.durationSeconds) parts.push(`for ${seconds(dose.durationSeconds)}`);
  if (dose.restSeconds) parts.push(`rest ${seconds(dose.restSeconds)} between sets`);
  if (dose.loadKg !== null) parts.push(`with ${dose.loadKg} kg`);
  if (dose.bandColour !== null) parts.push(`with the ${dose.bandColour} band`);
  return parts.join(", ");
}

/** How often, e.g. "left leg, once a day, 5 days a week". */
export function describeFrequency(dose: Dose): string {
  return [SIDE_TEXT[dose.side], timesADay(dose.sessionsPerDay), daysAWeek(dose.daysPerWeek)].join(
    ", ",
  );
}

/** The whole dose in plain words, as the patient reads it. */
export function describeDose(dose: Dose): string {
  const session = describeSession(dose);
  const frequency = describeFrequency(dose);
  return session ? `${session}, ${frequency}` : frequency;
}
