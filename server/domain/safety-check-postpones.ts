/**
 * Postponing the weekly safety check (CLINICAL.md, "Red flags"): "Answer later" may be chosen at
 * most twice for one week's check; after that the check is the first thing the plan shows, with no
 * "Answer later". Pure, so the phone applies the same limit offline as the server does.
 */

/** How many times one ISO week's check may be put off. */
export const SAFETY_CHECK_POSTPONES = 2;

/** Postpones left once `used` have been stored, never below 0 or above the limit. */
export function postponesLeftAfter(used: number): number {
  return Math.min(SAFETY_CHECK_POSTPONES, Math.max(0, SAFETY_CHECK_POSTPONES - used));
}

/**
 * Postpones left as the phone knows them: what the server counted when the page was made, and
 * what this phone has done this week (some of it perhaps still waiting to be sent). Each is a
 * lower bound of the true count, so the larger count (the smaller number left) is the one to trust.
 */
export function postponesLeftOnPhone(options: { fromServer: number; usedOnPhone: number }): number {
  const fromServer = postponesLeftAfter(SAFETY_CHECK_POSTPONES - options.fromServer);
  return Math.min(fromServer, postponesLeftAfter(options.usedOnPhone));
}

export type VisitStep = "safety" | "morning" | "plan";

/**
 * What a visit shows first, below any red-flag advice. Normally the morning question, then the
 * weekly check, then the plan; once the check can no longer be put off it comes before everything.
 */
export function firstStep(options: {
  morning: "ask" | "later" | "done";
  safety: "ask" | "later" | "done";
  postponesLeft: number;
}): VisitStep {
  if (options.safety === "ask" && options.postponesLeft <= 0) return "safety";
  if (options.morning === "ask") return "morning";
  if (options.safety === "ask") return "safety";
  return "plan";
}
