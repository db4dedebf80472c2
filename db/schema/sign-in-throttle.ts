import { sql } from "drizzle-orm";
import type { Dialect } from "../dialects/pg";
import { inList } from "./columns";

/** What a throttle key counts failed sign-ins for: one account (email), or one client address. */
export const SIGN_IN_THROTTLE_KINDS = ["account", "address"] as const;

export function defineSignInThrottleTables(d: Dialect) {
  /**
   * Failed sign-ins per account and per client address (decision 019). The key is an HMAC of the
   * normalised email or address under the server's secret, so no email or address is stored here.
   * How long the next attempt must wait is worked out from `failures` and `last_failure_at` by the
   * rule in server/auth/sign-in-throttle.ts, so a change of the rule applies to existing rows.
   */
  const signInThrottleKeys = d.table(
    "sign_in_throttle",
    {
      key: d.text("key").primaryKey(),
      kind: d.enumText("kind", SIGN_IN_THROTTLE_KINDS).notNull(),
      failures: d.int("failures").notNull(),
      lastFailureAt: d.timestamp("last_failure_at").notNull(),
    },
    (t) => [
      d.index("sign_in_throttle_last_failure_idx").on(t.lastFailureAt),
      d.check("sign_in_throttle_kind_check", sql.raw(inList("kind", SIGN_IN_THROTTLE_KINDS))),
      d.check("sign_in_throttle_failures_check", sql`failures >= 0`),
    ],
  );

  return { signInThrottleKeys };
}
