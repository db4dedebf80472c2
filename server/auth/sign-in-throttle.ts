/**
 * The sign-in throttle's rule (decision 019): how long the next attempt must wait after a number of
 * failed sign-ins, for one account or for one client address. Pure, with no database, clock or
 * Node.js import, so the login form can word the wait with the same code. The counts themselves
 * live in the database (server/services/auth/sign-in-throttle-store.ts).
 *
 * There is no lock: however many failures, the wait never exceeds MAX_DELAY_MS, so someone who
 * fails on purpose against a colleague's account only slows it down, and the owner can sign in
 * once the wait has passed.
 */

export type ThrottleKind = "account" | "address";

/** Failures on one account (one email, known or not) that cost no wait at all: typing slips. */
export const ACCOUNT_FREE_FAILURES = 5;

/**
 * Failures from one client address, over every account, that cost no wait. Larger than an
 * account's, since a whole clinic may share one address, yet small enough that one password
 * tried against many accounts from one address is slowed down.
 */
export const ADDRESS_FREE_FAILURES = 20;

/** The wait after the first failure beyond the free ones; each further failure doubles it. */
export const FIRST_DELAY_MS = 30_000;

/** The longest wait: a hard lock would let anyone keep any account shut. */
export const MAX_DELAY_MS = 15 * 60_000;

/** A key whose last failure is this old starts again from nothing (and its row is pruned). */
export const FORGET_AFTER_MS = 24 * 60 * 60_000;

const FREE_FAILURES: Record<ThrottleKind, number> = {
  account: ACCOUNT_FREE_FAILURES,
  address: ADDRESS_FREE_FAILURES,
};

/** The wait that `failures` failed attempts impose on the next one, counted from the last. */
export function delayAfterFailures(failures: number, kind: ThrottleKind): number {
  const beyond = failures - FREE_FAILURES[kind];
  if (beyond <= 0) return 0;
  // Capped before raising 2 to a large power: 2^6 × 30 s already exceeds the cap.
  const doublings = Math.min(beyond - 1, 20);
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** doublings);
}

export interface ThrottleEntry {
  failures: number;
  /** Milliseconds since the epoch. */
  lastFailureAt: number;
}

/** How long from `now` the next attempt must wait; 0 when it may go ahead. */
export function waitBeforeNextAttempt(
  entry: ThrottleEntry | null,
  kind: ThrottleKind,
  now: number,
): number {
  if (!entry || now - entry.lastFailureAt > FORGET_AFTER_MS) return 0;
  return Math.max(0, entry.lastFailureAt + delayAfterFailures(entry.failures, kind) - now);
}

const ERROR_PREFIX = "throttled:";

/**
 * The error next-auth hands back to the form for an attempt that came too early. It carries the
 * wait in whole seconds (rounded up, so the form never says "now" too soon) and nothing else.
 */
export function throttledSignInError(waitMs: number): string {
  return `${ERROR_PREFIX}${Math.max(1, Math.ceil(waitMs / 1000))}`;
}

/** The wait in seconds from a sign-in error, or null when the error is something else. */
export function parseThrottledSignIn(error: string | null | undefined): number | null {
  if (!error?.startsWith(ERROR_PREFIX)) return null;
  const seconds = error.slice(ERROR_PREFIX.length);
  return /^[1-9][0-9]{0,6}$/.test(seconds) ? Number(seconds) : null;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** What the person reads: when to try again, rounded up to the minute beyond one minute. */
export function throttledSignInMessage(waitSeconds: number): string {
  const when =
    waitSeconds < 60
      ? plural(waitSeconds, "second")
      : plural(Math.ceil(waitSeconds / 60), "minute");
  return `Too many sign-in attempts. Try again in ${when}.`;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** "1.2.3.4" → the two hextets it stands for inside an IPv6 address. */
function ipv4Hextets(ipv4: string): string[] {
  const [a = 0, b = 0, c = 0, d = 0] = ipv4.split(".").map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}

/** The eight groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(address: string): string[] | null {
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const split = (part: string | undefined) => (part ? part.split(":") : []);
  const expand = (groups: string[]) => {
    const last = groups.at(-1);
    return last && IPV4.test(last) ? [...groups.slice(0, -1), ...ipv4Hextets(last)] : groups;
  };
  const head = expand(split(halves[0]));
  const tail = expand(split(halves[1]));
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill("0"), ...tail];
  return groups.every((g) => /^[0-9a-f]{1,4}$/.test(g)) ? groups : null;
}

/**
 * What an address key is made of. IPv4 is the address itself (also when written IPv4-mapped).
 * IPv6 is its /64 network: one home or office usually holds a whole /64, and would otherwise
 * have 2^64 addresses to rotate through.
 */
export function addressKeyValue(address: string): string {
  const clean = address.trim().toLowerCase().replace(/%.*$/, "");
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/.exec(clean);
  if (mapped?.[1]) return mapped[1];
  if (IPV4.test(clean)) return clean;
  const groups = clean.includes(":") ? ipv6Groups(clean) : null;
  if (!groups) return clean;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
