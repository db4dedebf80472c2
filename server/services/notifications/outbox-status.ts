import { and, count, eq, inArray, isNull, notInArray, or } from "drizzle-orm";
import type { Db } from "@/db/engine/types";
import { outbox } from "@/db/schema";
import type { ClinicData } from "@/server/data/clinic-data";
import { NOT_NEEDED } from "./deliver-outbox";

const NOT_NEEDED_CODES = Object.values(NOT_NEEDED);

/**
 * The clinic's alert emails still waiting to be sent, and those given up after every retry (not
 * counting the ones closed because they were no longer needed). Reads pending and failed rows
 * only, through the (status, next_attempt_at) index.
 */
export async function countAlertEmails(db: Db, data: ClinicData) {
  const rows = await db
    .select({ status: outbox.status, n: count() })
    .from(outbox)
    .where(
      and(
        inArray(outbox.status, ["pending", "failed"]),
        data.mine(outbox, eq(outbox.kind, "alert_email")),
        or(isNull(outbox.lastError), notInArray(outbox.lastError, NOT_NEEDED_CODES)),
      ),
    )
    .groupBy(outbox.status);
  const by = (status: "pending" | "failed") => rows.find((r) => r.status === status)?.n ?? 0;
  return { waiting: by("pending"), undelivered: by("failed") };
}
