import { and, count, eq, inArray, notInArray, or, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { outbox } from "@/db/schema";
import { NOT_NEEDED } from "./deliver-outbox";

const NOT_NEEDED_CODES = Object.values(NOT_NEEDED);

/**
 * The clinic's alert emails still waiting to be sent, and those given up after every retry (not
 * counting the ones closed because they were no longer needed). Reads pending and failed rows
 * only, through the (status, next_attempt_at) index.
 */
export function countAlertEmails(db: DbOrTx, clinicId: string) {
  const rows = db
    .select({ status: outbox.status, n: count() })
    .from(outbox)
    .where(
      and(
        inArray(outbox.status, ["pending", "failed"]),
        eq(outbox.clinicId, clinicId),
        or(isNull(outbox.lastError), notInArray(outbox.lastError, NOT_NEEDED_CODES)),
      ),
    )
    .groupBy(outbox.status)
    .all();
  const by = (status: "pending" | "failed") => rows.find((r) => r.status === status)?.n ?? 0;
  return { waiting: by("pending"), undelivered: by("failed") };
}
