/**
 * The red-flag safety check (CLINICAL.md, "Red flags"). One data file so a clinician can review the
 * wording and a translator can work on it. Ids are stable within a set, and every stored answer
 * records its set: "E5" of set 1 and "E5" of set 2 are different questions. Patients are asked
 * the current set only; earlier sets stay here so their answers read as they were given.
 */
export type RedFlagLevel = "emergency" | "urgent";

export interface RedFlagQuestion {
  id: string;
  level: RedFlagLevel;
  text: string;
}

export interface RedFlagQuestionSet {
  version: number;
  /** The day the set's wording was agreed, YYYY-MM-DD. */
  since: string;
  questions: readonly RedFlagQuestion[];
}

/** Question set 1 (2026-11-01): no longer asked; kept so earlier answers stay readable. */
const SET_1: RedFlagQuestionSet = {
  version: 1,
  since: "2026-11-01",
  questions: [
    {
      id: "E1",
      level: "emergency",
      text: "Do you have new numbness or tingling around your groin, genitals, buttocks or inner thighs?",
    },
    {
      id: "E2",
      level: "emergency",
      text: "Do you have new difficulty passing urine, or have you lost control of your bladder or bowels?",
    },
    {
      id: "E3",
      level: "emergency",
      text: "Do both of your legs feel weak or numb, and is it getting worse?",
    },
    {
      id: "E4",
      level: "emergency",
      text: "Is your knee hot, red and swollen, and do you feel feverish or unwell?",
    },
    {
      id: "E5",
      level: "emergency",
      text: "After a fall or injury, are you unable to put weight on your leg, or does it look out of shape?",
    },
    {
      id: "U1",
      level: "urgent",
      text: "Do your toes catch or your foot slap when you walk, or is your leg getting weaker?",
    },
    {
      id: "U2",
      level: "urgent",
      text: "Does your knee lock, or can you not fully straighten or bend it?",
    },
    { id: "U3", level: "urgent", text: "Did your knee swell up a lot, quickly, after an injury?" },
    { id: "U4", level: "urgent", text: "Is your calf painful, swollen, red or warm?" },
    {
      id: "U5",
      level: "urgent",
      text: "Do you have constant pain at night or at rest, or have you lost weight without trying?",
    },
  ],
};

/**
 * Question set 2 (2026-11-29), in CLINICAL.md's words exactly: one thing a statement, "new" where
 * a long-standing problem would otherwise answer yes every week, no double negatives. The patient
 * answers whether each is true for them.
 */
const SET_2: RedFlagQuestionSet = {
  version: 2,
  since: "2026-11-29",
  questions: [
    {
      id: "E1",
      level: "emergency",
      text: "New numbness or tingling around the groin, genitals, buttocks or inner thighs, or a new change in feeling during sex",
    },
    {
      id: "E2",
      level: "emergency",
      text: "New difficulty passing urine, or loss of bladder or bowel control",
    },
    {
      id: "E3",
      level: "emergency",
      text: "Weakness or numbness in both legs that is getting worse",
    },
    {
      id: "E4",
      level: "emergency",
      text: "Your knee has become hot, red or swollen and you feel feverish, shivery or unwell",
    },
    {
      id: "E5",
      level: "emergency",
      text: "Your knee became hot, red or swollen in the days after an injection into it or an operation on it",
    },
    {
      id: "E6",
      level: "emergency",
      text: "Sudden shortness of breath, chest pain, or coughing up blood",
    },
    {
      id: "E7",
      level: "emergency",
      text: "After a fall or injury you cannot put weight on the leg, or it looks deformed",
    },
    {
      id: "U1",
      level: "urgent",
      text: "Your toes catch or your foot slaps when you walk, or weakness in one leg is getting worse",
    },
    {
      id: "U2",
      level: "urgent",
      text: "Your knee has started to lock (get stuck) or give way, or you can no longer bend or straighten it as far as last week",
    },
    {
      id: "U3",
      level: "urgent",
      text: "Large swelling that came on quickly after an injury",
    },
    {
      id: "U4",
      level: "urgent",
      text: "A painful, swollen, red or warm calf",
    },
    {
      id: "U5",
      level: "urgent",
      text: "New pain at night or at rest that does not ease when you change position, or weight loss you cannot explain",
    },
    {
      id: "U6",
      level: "urgent",
      text: "A new fever, or a wound from an operation that is red, weeping or opening",
    },
  ],
};

export const RED_FLAG_SETS: readonly RedFlagQuestionSet[] = [SET_1, SET_2];

/** The set patients are asked now. */
export const CURRENT_RED_FLAG_SET = SET_2;
export const RED_FLAG_SET_VERSION = CURRENT_RED_FLAG_SET.version;
export const RED_FLAG_QUESTIONS = CURRENT_RED_FLAG_SET.questions;
export const RED_FLAG_IDS = RED_FLAG_QUESTIONS.map((q) => q.id);

/** The questions of a stored set; an unknown set has none (its answers read by id only). */
export function redFlagQuestionSet(version: number): readonly RedFlagQuestion[] {
  return RED_FLAG_SETS.find((s) => s.version === version)?.questions ?? [];
}

/** A question's words as the patient read them, or a plain fallback for an unknown id. */
export function redFlagQuestionText(questionId: string, setVersion: number): string {
  return (
    redFlagQuestionSet(setVersion).find((q) => q.id === questionId)?.text ??
    `question ${questionId}`
  );
}

/** The question ids answered yes at one level, in the set's order. */
export function yesAtLevel(
  answers: readonly { questionId: string; answer: boolean }[],
  level: RedFlagLevel,
  setVersion: number = RED_FLAG_SET_VERSION,
): string[] {
  const yes = new Set(answers.filter((a) => a.answer).map((a) => a.questionId));
  return redFlagQuestionSet(setVersion)
    .filter((q) => q.level === level && yes.has(q.id))
    .map((q) => q.id);
}

/**
 * The most serious level among the questions answered yes, or null when all are no. Runs on the
 * phone as well as on the server, so the patient sees the advice before any network call.
 */
export function redFlagLevel(
  answers: readonly { questionId: string; answer: boolean }[],
  setVersion: number = RED_FLAG_SET_VERSION,
): RedFlagLevel | null {
  if (yesAtLevel(answers, "emergency", setVersion).length > 0) return "emergency";
  if (yesAtLevel(answers, "urgent", setVersion).length > 0) return "urgent";
  return null;
}
