import type { Dialect } from "../dialects/pg";

export { inList } from "../dialects/in-list";

/** When the row was made; set by the application, so both engines store the same instant. */
export const createdAt = (d: Dialect) =>
  d
    .timestamp("created_at")
    .notNull()
    .$defaultFn(() => new Date());
