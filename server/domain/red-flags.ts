/**
 * The red-flag safety check (CLINICAL.md, "Red flags"). One data file so a clinician can review the
 * wording and a translator can work on it. Ids are stable: stored answers refer to them.
 */
export type RedFlagLevel = "emergency" | "urgent";

export interface RedFlagQuestion {
  id: string;
  level: RedFlagLevel;
  text: string;
}

export const RED_FLAG_QUESTIONS: readonly RedFlagQuestion[] = [
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
];

export const RED_FLAG_IDS = RED_FLAG_QUESTIONS.map((q) => q.id);

/** The most serious level among the questions answered yes, or null when all are no. */
export function redFlagLevel(
  answers: readonly { questionId: string; answer: boolean }[],
): RedFlagLevel | null {
  const yes = new Set(answers.filter((a) => a.answer).map((a) => a.questionId));
  const hit = RED_FLAG_QUESTIONS.filter((q) => yes.has(q.id));
  if (hit.some((q) => q.level === "emergency")) return "emergency";
  if (hit.length > 0) return "urgent";
  return null;
}
