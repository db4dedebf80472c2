/**
 * What the phone itself knows about the safety check, so the postpone limit and the red-flag
 * advice hold with no network: the "Answer later" taps of this week (local storage), and the
 * level of any answers still waiting in the outbox.
 */
import { redFlagLevel, type RedFlagLevel } from "@/server/domain/red-flags";
import { OUTBOX_EVENT, readKept } from "./outbox";

const POSTPONED_KEY = "rehabit-safety-postponed";
const POSTPONED_EVENT = "rehabit:safety-postponed";

interface Postponed {
  weekStart: string;
  keys: string[];
}

function readPostponed(): Postponed | null {
  try {
    const raw = localStorage.getItem(POSTPONED_KEY);
    const parsed = raw ? (JSON.parse(raw) as Postponed) : null;
    return parsed && Array.isArray(parsed.keys) && typeof parsed.weekStart === "string"
      ? parsed
      : null;
  } catch {
    return null;
  }
}

/** "Answer later" taps on this phone for the week starting on `weekStart`. */
export function postponesUsedOnPhone(weekStart: string): number {
  const stored = readPostponed();
  return stored?.weekStart === weekStart ? new Set(stored.keys).size : 0;
}

/** Remembers one tap; a new week's first tap forgets the last week's. */
export function rememberPostpone(weekStart: string, key: string) {
  const stored = readPostponed();
  const keys = stored?.weekStart === weekStart ? stored.keys : [];
  try {
    localStorage.setItem(POSTPONED_KEY, JSON.stringify({ weekStart, keys: [...keys, key] }));
  } catch {
    // Storage disabled: the server still counts the taps that reach it.
  }
  window.dispatchEvent(new Event(POSTPONED_EVENT));
}

export function subscribePostponed(onChange: () => void) {
  window.addEventListener(POSTPONED_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(POSTPONED_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/**
 * The most serious level among safety answers still on this phone (not yet at the clinic), or
 * null: their advice stays until the server has them and its red-flag pause takes over.
 */
export function waitingRedFlagLevel(): RedFlagLevel | null {
  const levels = readKept("checkIns.safetyCheck").map((entry) => {
    const answers = entry.input.answers;
    return Array.isArray(answers)
      ? redFlagLevel(answers as { questionId: string; answer: boolean }[])
      : null;
  });
  if (levels.includes("emergency")) return "emergency";
  if (levels.includes("urgent")) return "urgent";
  return null;
}

export function subscribeOutbox(onChange: () => void) {
  window.addEventListener(OUTBOX_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(OUTBOX_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}
