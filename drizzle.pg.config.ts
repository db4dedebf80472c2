import { defineConfig } from "drizzle-kit";

// The PostgreSQL migrations, generated from the same table definitions as drizzle.config.ts's
// (db/schema/define.ts). Its own history: PostgreSQL starts at 0000, SQLite keeps its own.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/pg.ts",
  out: "./db/migrations-pg",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost/rehabit" },
  strict: true,
});
