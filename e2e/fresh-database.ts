/**
 * Gives an end-to-end run on PostgreSQL a database of its own, empty: drops the database
 * DATABASE_URL names (with any connection a killed run left on it) and creates it again through
 * E2E_DATABASE_URL, a role that may create databases and so owns it, as a deployment's role owns
 * its tables. The web server then migrates it as it starts. Run by playwright.config.ts before the
 * first web server, in place of removing the SQLite file.
 */
import pg from "pg";
import { dropTestDatabase, TEST_DATABASE_PREFIX } from "../db/engine/pg-test-databases";

async function main() {
  const adminUrl = process.env.E2E_DATABASE_URL;
  const target = process.env.DATABASE_URL;
  if (!adminUrl || !target) throw new Error("Set E2E_DATABASE_URL and DATABASE_URL.");
  const name = decodeURIComponent(new URL(target).pathname.slice(1));
  // dropTestDatabase refuses any other name too; this says so before anything is touched.
  if (!name.startsWith(TEST_DATABASE_PREFIX)) {
    throw new Error(`refusing to reset ${name}: not a test database`);
  }
  await dropTestDatabase(name, adminUrl);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  console.log(`End-to-end database ${name} is empty and ready.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
