import { integer, text } from "drizzle-orm/sqlite-core";
import { uuidv7 } from "uuidv7";

/** Text primary key: UUIDv7 sorts by creation time, so inserts stay append-only in the index. */
export const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => uuidv7());

/** UTC instant stored as milliseconds since the epoch. */
export const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

export const createdAt = () =>
  timestamp("created_at")
    .notNull()
    .$defaultFn(() => new Date());

/** Values listed once, used for both the CHECK constraint and the zod rules. */
export function inList(column: string, values: readonly string[]): string {
  return `${column} in (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`;
}
