import { createHmac } from "node:crypto";
import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInThrottleKeys } from "@/db/schema";
import {
  addressKeyValue,
  FORGET_AFTER_MS,
  waitBeforeNextAttempt,
  type ThrottleKind,
} from "@/server/auth/sign-in-throttle";
import { normaliseEmail } from "../team/staff";

export interface ThrottleKey {
  kind: ThrottleKind;
  /** HMAC-SHA256 of the normalised email or address under the server's secret, in hex. */
  key: string;
}

export type Reservation = { ok: true } | { ok: false; waitMs: number };

/**
 * The throttle's counts, kept in the database so that a restart forgets nothing and several
 * processes share them (decision 019). The rule itself is in server/auth/sign-in-throttle.ts.
 */
export class SignInThrottle {
  constructor(
    private readonly db: Db,
    private readonly secret: string,
  ) {}

  private hash(kind: ThrottleKind, value: string): string {
    return createHmac("sha256", this.secret)
      .update(`rehabit sign-in throttle\n${kind}\n${value}`, "utf8")
      .digest("hex");
  }

  /** The account's key always; the address's only when the address is known and trusted. */
  keysFor(input: { email: string; address: string | null }): ThrottleKey[] {
    const keys: ThrottleKey[] = [
      { kind: "account", key: this.hash("account", normaliseEmail(input.email)) },
    ];
    if (input.address) {
      keys.push({ kind: "address", key: this.hash("address", addressKeyValue(input.address)) });
    }
    return keys;
  }

  /**
   * Asks to make an attempt at `now` (ms). Too early for any of the keys: refused with the longest
   * wait, and nothing is counted (the password is not even looked at). Otherwise the attempt is
   * counted as a failure straight away, in the same write transaction as the check, so many
   * attempts sent at once cannot all slip through before the first has been judged;
   * `recordSuccess` takes the count back for a right password.
   */
  reserve(keys: readonly ThrottleKey[], now: number): Reservation {
    return this.db.transaction(
      (tx) => {
        tx.delete(signInThrottleKeys)
          .where(lt(signInThrottleKeys.lastFailureAt, new Date(now - FORGET_AFTER_MS)))
          .run();
        const current = keys.map(({ kind, key }) => {
          const row = tx
            .select({
              failures: signInThrottleKeys.failures,
              lastFailureAt: signInThrottleKeys.lastFailureAt,
            })
            .from(signInThrottleKeys)
            .where(eq(signInThrottleKeys.key, key))
            .get();
          const entry = row
            ? { failures: row.failures, lastFailureAt: row.lastFailureAt.getTime() }
            : null;
          return { kind, key, entry, waitMs: waitBeforeNextAttempt(entry, kind, now) };
        });
        const waitMs = Math.max(0, ...current.map((c) => c.waitMs));
        if (waitMs > 0) return { ok: false, waitMs };
        for (const { kind, key, entry } of current) {
          const failures = (entry?.failures ?? 0) + 1;
          const lastFailureAt = new Date(now);
          tx.insert(signInThrottleKeys)
            .values({ key, kind, failures, lastFailureAt })
            .onConflictDoUpdate({
              target: signInThrottleKeys.key,
              set: { failures, lastFailureAt },
            })
            .run();
        }
        return { ok: true };
      },
      { behavior: "immediate" },
    );
  }

  /**
   * A right password: the account starts again from nothing. The address only gets back the one
   * failure `reserve` counted, so a sprayer cannot wipe their address's count by signing in to an
   * account of their own now and then.
   */
  recordSuccess(keys: readonly ThrottleKey[]): void {
    this.db.transaction(
      (tx) => {
        for (const { kind, key } of keys) {
          if (kind === "account") {
            tx.delete(signInThrottleKeys).where(eq(signInThrottleKeys.key, key)).run();
          } else {
            tx.update(signInThrottleKeys)
              .set({ failures: sql`max(${signInThrottleKeys.failures} - 1, 0)` })
              .where(eq(signInThrottleKeys.key, key))
              .run();
          }
        }
      },
      { behavior: "immediate" },
    );
  }
}
