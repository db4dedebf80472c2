import { RED_FLAG_IDS } from "@/server/domain/red-flags";

/** A whole safety check's answers: yes to the questions named, no to every other. */
export const answering = (yes: readonly string[]) =>
  RED_FLAG_IDS.map((questionId) => ({ questionId, answer: yes.includes(questionId) }));

/** A whole safety check answered no throughout. */
export const allNo = () => answering([]);
