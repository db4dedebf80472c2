import { createHmac } from "node:crypto";
import { and, eq, gte, lt, sql } from "drizzle-orm";
import { signInThrottleKeys } from "@/db/schema";
import type { SystemData } from "@/server/data/clinic-data";
import {
  addressKeyValue,
  FORGET_AFTER_MS,
  waitBeforeNextAttempt,
  type ThrottleEntry,
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
 * processes, or several servers, share them (decision 019, issue 13). The rule itself is in
 * server/auth/sign-in-throttle.ts. The keys belong to no clinic: the system path.
 */
export class SignInThrottle {
  constructor(
    private readonly system: SystemData,
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
  async reserve(keys: readonly ThrottleKey[], now: number): Promise<Reservation> {
    const forgetBefore = new Date(now - FORGET_AFTER_MS);
    // Pruning is housekeeping, in its own short write: kept out of the checked transaction below,
    // whose serializable reads it would otherwise widen to the whole table.
    await this.system.write((tx) =>
      tx.delete(signInThrottleKeys).where(lt(signInThrottleKeys.lastFailureAt, forgetBefore)),
    );
    return this.system.write(
      async (tx) => {
        const current: { kind: ThrottleKind; key: string; entry: ThrottleEntry | null }[] = [];
        for (const { kind, key } of keys) {
          const [row] = await tx
            .select({
              failures: signInThrottleKeys.failures,
              lastFailureAt: signInThrottleKeys.lastFailureAt,
            })
            .from(signInThrottleKeys)
            // A row past the forgetting age counts as none, pruned or not.
            .where(
              and(
                eq(signInThrottleKeys.key, key),
                gte(signInThrottleKeys.lastFailureAt, forgetBefore),
              ),
            )
            .limit(1);
          const entry = row
            ? { failures: row.failures, lastFailureAt: row.lastFailureAt.getTime() }
            : null;
          current.push({ kind, key, entry });
        }
        const waitMs = Math.max(
          0,
          ...current.map(({ kind, entry }) => waitBeforeNextAttempt(entry, kind, now)),
        );
        if (waitMs > 0) return { ok: false, waitMs } satisfies Reservation;
        const lastFailureAt = new Date(now);
        for (const { kind, key, entry } of current) {
          const failures = (entry?.failures ?? 0) + 1;
          await tx
            .insert(signInThrottleKeys)
            .values({ key, kind, failures, lastFailureAt })
            .onConflictDoUpdate({
              target: signInThrottleKeys.key,
              set: { failures, lastFailureAt },
            });
        }
        return { ok: true } satisfies Reservation;
      },
      // Read, judge, then write the count read plus one. On SQLite the single writer already runs
      // these one at a time. On PostgreSQL, at the default READ COMMITTED, a burst of attempts
      // would all read the same count and all be let through; serializable makes every attempt
      // that raced with a committed one start again and judge the new count (the engine retries
      // it), so exactly one attempt gets each free slot, on one server or on several.
      { isolation: "serializable" },
    );
  }

  /**
   * A right password: the account starts again from nothing. The address only gets back the one
   * failure `reserve` counted, so a sprayer cannot wipe their address's count by signing in to an
   * account of their own now and then. Each statement changes the row as it stands when it runs,
   * so no isolation beyond the default is needed.
   */
  async recordSuccess(keys: readonly ThrottleKey[]): Promise<void> {
    await this.system.write(async (tx) => {
      for (const { kind, key } of keys) {
        if (kind === "account") {
          await tx.delete(signInThrottleKeys).where(eq(signInThrottleKeys.key, key));
        } else {
          const failures = signInThrottleKeys.failures;
          await tx
            .update(signInThrottleKeys)
            .set({ failures: sql`case when ${failures} > 0 then ${failures} - 1 else 0 end` })
            .where(eq(signInThrottleKeys.key, key));
        }
      }
    });
  }
}
