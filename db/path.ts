import path from "node:path";

/** Where the SQLite file lives when nothing else is said: DATABASE_PATH, else data/rehabit.db. */
export function defaultDatabasePath(
  source: Record<string, string | undefined> = process.env,
): string {
  return path.resolve(
    /*turbopackIgnore: true*/ source.DATABASE_PATH ??
      path.join(source.DATA_DIR ?? "data", "rehabit.db"),
  );
}
