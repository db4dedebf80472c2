import { COMMON_PASSWORDS } from "./common-passwords";

/**
 * The rule for every password a person chooses (invitation and reset), after NIST SP 800-63B:
 * long enough, not known to attackers, not built from the person's own name or email. No rules
 * about symbols or mixed case: length and unpredictability are what count.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** Argon2 copes with long inputs, but a cap keeps a request from costing more than it should. */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = "too_short" | "too_long" | "common" | "predictable" | "personal";

export type PasswordVerdict =
  { ok: true } | { ok: false; problem: PasswordProblem; message: string };

/** Words about the person that must not make up most of their password. */
export interface PasswordContext {
  email?: string | null | undefined;
  name?: string | null | undefined;
}

export const PASSWORD_HINT =
  "At least 12 characters. A few unrelated words work well; avoid common passwords and your own name or email.";

const MESSAGES: Record<Exclude<PasswordProblem, "too_short">, string> = {
  too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  common: "This password is too common and easy to guess. Try a few unrelated words together.",
  predictable:
    "This password is a simple pattern (repeats or a keyboard run). Try a few unrelated words together.",
  personal: "Do not build your password from your name or email address.",
};

/** Runs that people type as "random": any slice of these, forwards or backwards, is predictable. */
const SEQUENCES = [
  "01234567890123456789",
  "abcdefghijklmnopqrstuvwxyz",
  "qwertyuiopasdfghjklzxcvbnm",
  "qwertzuiopasdfghjklyxcvbnm",
  "azertyuiopqsdfghjklmwxcvbn",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
  "qazwsxedcrfvtgbyhnujmikolp",
];
const ALL_SEQUENCES = SEQUENCES.flatMap((s) => [s, [...s].reverse().join("")]);

/** Common substitutions undone, so "p@ssw0rd" is seen as "password". */
const LEET: Record<string, string> = {
  "@": "a",
  "4": "a",
  "8": "b",
  "3": "e",
  "1": "i",
  "!": "i",
  "0": "o",
  $: "s",
  "5": "s",
  "7": "t",
};

const length = (s: string) => [...s].length;

/** The word at the heart of a password: lower case, without spaces or surrounding digits and symbols. */
function coreOf(compact: string): string {
  return compact.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
}

function deleet(value: string): string {
  return [...value].map((c) => LEET[c] ?? c).join("");
}

/** The shortest unit the whole string repeats, e.g. "abcabcabc" → "abc"; itself if none. */
function repeatedUnit(value: string): string {
  for (let size = 1; size <= value.length / 2; size++) {
    if (value.length % size !== 0) continue;
    const unit = value.slice(0, size);
    if (unit.repeat(value.length / size) === value) return unit;
  }
  return value;
}

function isCommon(compact: string): boolean {
  const candidates = new Set([compact, coreOf(compact), deleet(coreOf(compact))]);
  const unit = repeatedUnit(compact);
  if (unit !== compact) candidates.add(unit).add(coreOf(unit));
  return [...candidates].some((c) => c.length > 0 && COMMON_PASSWORDS.has(c));
}

function isPredictable(compact: string): boolean {
  if (new Set(compact).size <= 3) return true;
  if (repeatedUnit(compact).length <= 3) return true;
  return ALL_SEQUENCES.some((sequence) => sequence.includes(compact));
}

function contextWords(context: PasswordContext): string[] {
  const words = new Set<string>(["rehabit"]);
  const email = context.email?.trim().toLowerCase();
  if (email) {
    const local = email.split("@")[0] ?? "";
    words.add(email).add(local);
    for (const part of local.split(/[._+-]+/)) words.add(part);
  }
  for (const part of context.name?.toLowerCase().split(/\s+/) ?? []) words.add(part);
  return [...words].filter((w) => length(w) >= 3).sort((a, b) => b.length - a.length);
}

/**
 * Mostly made of the person's own details: what is left after removing their name and email parts
 * (and the app's name) is too short to protect the password by itself.
 */
function isPersonal(compact: string, context: PasswordContext): boolean {
  let rest = compact;
  for (const word of contextWords(context)) rest = rest.split(word).join("");
  if (rest === compact) return false;
  return length(rest.replace(/[^\p{L}\p{N}]/gu, "")) < 8;
}

/** Checks a new password; the message is a plain sentence to show beside the field. */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordVerdict {
  const count = length(password);
  if (count < PASSWORD_MIN_LENGTH) {
    const so = count === 0 ? "" : ` (this one has ${count})`;
    return {
      ok: false,
      problem: "too_short",
      message: `Use at least ${PASSWORD_MIN_LENGTH} characters${so}.`,
    };
  }
  if (count > PASSWORD_MAX_LENGTH) return refuse("too_long");
  const compact = password.toLowerCase().replace(/\s+/g, "");
  if (isCommon(compact)) return refuse("common");
  if (isPredictable(compact)) return refuse("predictable");
  if (isPersonal(compact, context)) return refuse("personal");
  return { ok: true };
}

function refuse(problem: Exclude<PasswordProblem, "too_short">): PasswordVerdict {
  return { ok: false, problem, message: MESSAGES[problem] };
}
