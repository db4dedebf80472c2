/**
 * Slows password guessing: after too many failed sign-ins for one email address in a window, every
 * attempt for it is refused until the window has passed, whether the address exists or not (so the
 * lockout tells nothing about accounts). Kept in memory: one server process, as SQLite implies.
 */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60_000;

interface Entry {
  failures: number;
  firstAt: number;
}

export class SignInThrottle {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly maxFailures = MAX_FAILURES,
    private readonly windowMs = WINDOW_MS,
  ) {}

  private current(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.firstAt > this.windowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  isBlocked(email: string, now = Date.now()): boolean {
    return (this.current(email.trim().toLowerCase(), now)?.failures ?? 0) >= this.maxFailures;
  }

  recordFailure(email: string, now = Date.now()): void {
    const key = email.trim().toLowerCase();
    const entry = this.current(key, now) ?? { failures: 0, firstAt: now };
    entry.failures += 1;
    this.entries.set(key, entry);
    if (this.entries.size > 10_000) this.prune(now);
  }

  recordSuccess(email: string): void {
    this.entries.delete(email.trim().toLowerCase());
  }

  private prune(now: number) {
    for (const [key, entry] of this.entries)
      if (now - entry.firstAt > this.windowMs) this.entries.delete(key);
  }
}

export const TOO_MANY_ATTEMPTS = "too-many-attempts";

const globalForThrottle = globalThis as unknown as { rehabitSignInThrottle?: SignInThrottle };
export const signInThrottle = (globalForThrottle.rehabitSignInThrottle ??= new SignInThrottle());
