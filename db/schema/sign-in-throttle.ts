import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { inList, timestamp } from "./columns";

/** What a throttle key counts failed sign-ins for: one account (email), or one client address. */
export const SIGN_IN_THROTTLE_KINDS = ["account", "address"] as const;

/**
 * Failed sign-ins per account and per client address (decision 019). The key is an HMAC of the
 * normalised email or address under the server's secret, so no email or address is stored here.
 * How long the next attempt must wait is worked out from `failures` and `last_failure_at` by the
 * rule in server/auth/sign-in-throttle.ts, so a change of the rule applies to existing rows.
 */
export const signInThrottleKeys = sqliteTable(
  "sign_in_throttle",
  {
    key: text("key").primaryKey(),
    kind: text("kind", { enum: SIGN_IN_THROTTLE_KINDS }).notNull(),
    failures: integer("failures").notNull(),
    lastFailureAt: timestamp("last_failure_at").notNull(),
  },
  (t) => [
    index("sign_in_throttle_last_failure_idx").on(t.lastFailureAt),
    check("sign_in_throttle_kind_check", sql.raw(inList("kind", SIGN_IN_THROTTLE_KINDS))),
    check("sign_in_throttle_failures_check", sql`failures >= 0`),
  ],
);
