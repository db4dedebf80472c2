import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { timestamp } from "./columns";

/**
 * Which server runs a job that must run on one server at a time (the alert sweep, the audit check),
 * and until when (decision 023). A holder renews its lease each time it runs; when it stops, the
 * lease runs out and another server takes the job over. Shared through the database, so several
 * web servers on one database agree without talking to each other.
 */
export const leases = sqliteTable("leases", {
  /** The job, e.g. `alerts-sweep`. */
  name: text("name").primaryKey(),
  /** The process holding it: host, process id and a random part. */
  holder: text("holder").notNull(),
  expiresAt: timestamp("expires_at").notNull(),
});
