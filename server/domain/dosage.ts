import type { BandColour, DoseSide, Side, Sidedness } from "@/db/schema/enums";

export interface Dose {
  sets: number | null;
  reps: number | null;
  holdSeconds: number | null;
  restSeconds: number | null;
  durationSeconds: number | null;
  sessionsPerDay: number;
  daysPerWeek: number;
  /** "affected" only in a template, before a patient (and so a side) is known. */
  side: DoseSide;
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

/**
 * The words for a side, the same on the patient's card, the dose line, the handout and the
 * builder's preview (CLINICAL.md, "Sidedness").
 */
export const SIDE_WORDS = {
  together: "both legs together",
  eachLeg: "each leg in turn",
  left: "left leg",
  right: "right leg",
  /** In the library and in templates, before a patient (and so an affected side) is known. */
  affected: "the affected leg",
} as const;

/**
 * How a prescribed side reads for an exercise done a given way. `side` is null in the library,
 * where no patient has been chosen yet. A together exercise always reads "both legs together":
 * the save refuses one leg for it, and an older record that says otherwise is never shown to a
 * patient as one leg.
 */
export function sideWords(side: DoseSide | null, sidedness: Sidedness): string {
  if (sidedness === "together") return SIDE_WORDS.together;
  if (side === "left") return SIDE_WORDS.left;
  if (side === "right") return SIDE_WORDS.right;
  if (side === "affected") return SIDE_WORDS.affected;
  if (side === null && sidedness === "one_leg") return SIDE_WORDS.affected;
  return SIDE_WORDS.eachLeg;
}

/**
 * A new program item's side: together and each-leg exercises are done on both legs whatever the
 * affected side; one-leg exercises start on the patient's affected side.
 */
export function defaultSide(sidedness: Sidedness, affectedSide: Side): Side {
  return sidedness === "one_leg" ? affectedSide : "both";
}

/** The sides a clinician may choose for a patient's exercise done this way. */
export function allowedSides(sidedness: Sidedness): readonly Side[] {
  return sidedness === "together" ? ["both"] : ["both", "left", "right"];
}

/**
 * The sides a template may name for an exercise done this way: a template knows no patient, so
 * one leg is "the affected leg", which a program resolves to the patient's own side.
 */
export function templateSides(sidedness: Sidedness): readonly DoseSide[] {
  return sidedness === "together" ? ["both"] : ["both", "affected"];
}

/**
 * A new template item's side: one-leg exercises on the affected leg, the others on both legs,
 * which is what a program would start them on.
 */
export function defaultTemplateSide(sidedness: Sidedness): DoseSide {
  return sidedness === "one_leg" ? "affected" : "both";
}

/** The side a program stores for a dose's side, for a patient whose affected side is given. */
export function resolveSide(side: DoseSide, affectedSide: Side): Side {
  return side === "affected" ? affectedSide : side;
}

/** Why a side cannot be prescribed for an exercise done this way, or null when it can. */
export function sideProblem(side: DoseSide, sidedness: Sidedness): string | null {
  if (sidedness !== "together" || side === "both") return null;
  return `This exercise is done with both legs together, so it cannot be set to the ${side} leg only. Set its side to both.`;
}

/** What a phrase in a clinician's note says about sides. */
type NamedSide = "left" | "right" | "each" | "both" | "together" | "single";

/** Phrases where "left" or "right" do not name a side. */
const NOT_A_SIDE = /\b(?:all right|right (?:away|now|way|angles?|after|before)|left over)\b/g;

const SIDE_PHRASES: readonly { pattern: RegExp; names: NamedSide }[] = [
  {
    pattern: /\bboth (?:legs|knees|feet|sides) (?:together|at once|at the same time)\b/,
    names: "together",
  },
  // "Keep your feet together" (a clamshell) or "knees together" is a position, not a side.
  { pattern: /\blegs together\b/, names: "together" },
  { pattern: /\bone (?:leg|side|knee) at a time\b/, names: "each" },
  { pattern: /\b(?:each|either|alternate|alternating) (?:legs?|knees?|sides?)\b/, names: "each" },
  { pattern: /\bin turn\b/, names: "each" },
  { pattern: /\bswitch (?:legs|sides|over)\b/, names: "each" },
  // "Keep the other knee bent" is a position, not a side; "then the other leg" asks for both.
  { pattern: /\b(?:then|repeat (?:on|with)|do) the other (?:leg|side|knee)\b/, names: "each" },
  // "Keep both knees soft" is a position; "both legs" and "both sides" ask for both.
  { pattern: /\bboth (?:legs|sides)\b/, names: "both" },
  { pattern: /\b(?:one|single)[- ](?:leg|side|knee)\b/, names: "single" },
  { pattern: /\bleft\b/, names: "left" },
  { pattern: /\bright\b/, names: "right" },
];

/**
 * The side phrases a note uses, in the order they appear. The patterns run longest first and each
 * match is blanked out before the next pattern runs, so "each leg" is not also read as "one leg"
 * and "both legs together" not also as "both legs".
 */
export function sidesNamedIn(notes: string): { names: NamedSide; phrase: string }[] {
  let text = notes.toLowerCase().replace(NOT_A_SIDE, (m) => " ".repeat(m.length));
  const found: { names: NamedSide; phrase: string; at: number }[] = [];
  for (const { pattern, names } of SIDE_PHRASES) {
    const global = new RegExp(pattern.source, "g");
    text = text.replace(global, (m: string, at: number) => {
      found.push({ names, phrase: m, at });
      return " ".repeat(m.length);
    });
  }
  return found.sort((a, b) => a.at - b.at).map(({ names, phrase }) => ({ names, phrase }));
}

/** Which phrases contradict each way an item can read. */
const CONTRADICTS: Record<
  "together" | "each" | "left" | "right" | "affected",
  readonly NamedSide[]
> = {
  together: ["left", "right", "each", "single"],
  // "Stand on one leg" is how an each-leg exercise is done, so "one leg" is no contradiction here.
  each: ["left", "right", "together"],
  left: ["right", "each", "both", "together"],
  right: ["left", "each", "both", "together"],
  // A template does not know which leg is affected, so "left" or "right" may well be it.
  affected: ["each", "both", "together"],
};

function readingOf(side: DoseSide, sidedness: Sidedness): keyof typeof CONTRADICTS {
  if (sidedness === "together") return "together";
  return side === "both" ? "each" : side;
}

/**
 * The first phrase of a clinician's note that names a different side from the item's own, with a
 * sentence saying what to fix; null when the note and the side agree (or the note names none).
 */
export function noteSideConflict(
  notes: string | null,
  side: DoseSide,
  sidedness: Sidedness,
): { phrase: string; message: string } | null {
  if (!notes) return null;
  const against = CONTRADICTS[readingOf(side, sidedness)];
  const hit = sidesNamedIn(notes).find((n) => against.includes(n.names));
  if (!hit) return null;
  return {
    phrase: hit.phrase,
    message: `The note says “${hit.phrase}” but the patient is told “${sideWords(side, sidedness)}”. Change the note or the side so they say the same.`,
  };
}

/**
 * The first item whose side cannot be prescribed for its exercise, or whose note names another
 * side, with a sentence naming the exercise and what to change; null when every item agrees.
 * Programs and templates refuse the same items with the same words (CLINICAL.md, "Sidedness").
 */
export function firstSideConflict(
  items: readonly { exerciseId: string; side: DoseSide; notes: string | null }[],
  exercisesById: ReadonlyMap<string, { name: string; sidedness: Sidedness }>,
): { position: number; message: string } | null {
  for (const [position, item] of items.entries()) {
    const exercise = exercisesById.get(item.exerciseId);
    if (!exercise) continue;
    if (sideProblem(item.side, exercise.sidedness)) {
      return {
        position,
        message: `${exercise.name} is done with both legs together, so it cannot be set to the ${item.side} leg only. Set its side to both and save again.`,
      };
    }
    const conflict = noteSideConflict(item.notes, item.side, exercise.sidedness);
    if (conflict) {
      const sentence = conflict.message.charAt(0).toLowerCase() + conflict.message.slice(1);
      return { position, message: `${exercise.name}: ${sentence}` };
    }
  }
  return null;
}

/**
 * The side an existing item should have had, for correcting saved programs: a together exercise
 * on one leg becomes both; a one-sided item whose note asks for each leg (or both) and names no
 * single side becomes both, as the note and the exercise agree. Anything else is left as it is,
 * because only the clinician can tell which of two contradicting sides was meant.
 */
export function correctedSide(
  item: { side: Side; notes: string | null },
  sidedness: Sidedness,
): Side {
  if (item.side === "both") return "both";
  if (sidedness === "together") return "both";
  const named = new Set(sidesNamedIn(item.notes ?? "").map((n) => n.names));
  const asksForBoth = named.has("each") || named.has("both");
  const namesOne = named.has("left") || named.has("right") || named.has("single");
  return asksForBoth && !namesOne ? "both" : item.side;
}

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

/** How often, without the side: "once a day, 5 days a week". */
export function describeHowOften(dose: Pick<Dose, "sessionsPerDay" | "daysPerWeek">): string {
  return `${timesADay(dose.sessionsPerDay)}, ${daysAWeek(dose.daysPerWeek)}`;
}

/** Side and how often, e.g. "left leg, once a day, 5 days a week". */
export function describeFrequency(dose: Dose, sidedness: Sidedness): string {
  return `${sideWords(dose.side, sidedness)}, ${describeHowOften(dose)}`;
}

/** The whole dose in plain words, as the patient reads it. */
export function describeDose(dose: Dose, sidedness: Sidedness): string {
  const session = describeSession(dose);
  const frequency = describeFrequency(dose, sidedness);
  return session ? `${session}, ${frequency}` : frequency;
}

/** A library exercise's default dose, before any patient's side is known. */
export function describeDefaultDose(
  dose: Omit<Dose, "side" | "loadKg" | "bandColour">,
  sidedness: Sidedness,
): { session: string; frequency: string; dose: string } {
  const full: Dose = { ...dose, side: "both", loadKg: null, bandColour: null };
  const session = describeSession(full);
  const frequency = `${sideWords(null, sidedness)}, ${describeHowOften(full)}`;
  return { session, frequency, dose: session ? `${session}, ${frequency}` : frequency };
}
