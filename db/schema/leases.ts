import type { Dialect } from "../dialects/pg";

export function defineLeaseTables(d: Dialect) {
  /**
   * Which server runs a job that must run on one server at a time (the alert sweep, the audit
   * check), and until when (decision 023). A holder renews its lease each time it runs; when it
   * stops, the lease runs out and another server takes the job over. Shared through the database,
   * so several web servers on one database agree without talking to each other.
   */
  const leases = d.table("leases", {
    /** The job, e.g. `alerts-sweep`. */
    name: d.text("name").primaryKey(),
    /** The process holding it: host, process id and a random part. */
    holder: d.text("holder").notNull(),
    expiresAt: d.timestamp("expires_at").notNull(),
  });

  return { leases };
}
