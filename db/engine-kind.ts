/**
 * Which engine this process uses: PostgreSQL when DATABASE_URL is a postgres:// or postgresql://
 * address, else the embedded SQLite file. Read from the environment on each call (tests set it).
 */
export function engineKind(): "sqlite" | "pg" {
  return /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? "pg" : "sqlite";
}
