import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Empty PostgreSQL databases for tests, one per test file or worker, so tests never see each
 * other's rows. They are created through TEST_DATABASE_URL, whose role must have CREATEDB (the
 * throwaway cluster's `rehabit` does: scripts/pg/cluster.ts) and so owns each database it makes:
 * the same owner role as a deployment, with row-level security forced on it, and no superuser.
 */

export interface TestDatabase {
  readonly name: string;
  /** TEST_DATABASE_URL pointed at this database. */
  readonly url: string;
  /** Drops the database, closing any connection still open on it. */
  drop(): Promise<void>;
}

export const TEST_DATABASE_PREFIX = "rehabit_t_";

/** The URL tests run against, or null when none is set (the PostgreSQL tests are skipped). */
export function testDatabaseUrl(source: Record<string, string | undefined> = process.env) {
  const url = source.TEST_DATABASE_URL?.trim();
  return url ? url : null;
}

/** `url` with its database replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function asAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops a test database; for leftovers of a run that was killed too. */
export async function dropTestDatabase(name: string, adminUrl?: string): Promise<void> {
  const url = adminUrl ?? testDatabaseUrl();
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  if (!name.startsWith(TEST_DATABASE_PREFIX)) {
    throw new Error(`refusing to drop ${name}: not a test database`);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await asAdmin(url, (client) =>
        client.query(`drop database if exists ${quoteIdentifier(name)} with (force)`),
      );
      return;
    } catch (error) {
      // A server process the test role may not end (autovacuum, on a server where it is on) or a
      // connection still closing: wait a moment and try again, a few times.
      const code = (error as { code?: string }).code;
      if (attempt >= 10 || (code !== "42501" && code !== "55006")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/**
 * Creates `rehabit_t_<random>`: empty (a copy of template1), or a copy of `template`, a
 * database the same role owns and nobody is connected to (a migrated one copies faster than
 * migrating again).
 */
export async function createTestDatabase(
  options: { adminUrl?: string; template?: string } = {},
): Promise<TestDatabase> {
  const adminUrl = options.adminUrl ?? testDatabaseUrl();
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString("hex")}`;
  const template = options.template ? ` template ${quoteIdentifier(options.template)}` : "";
  await asAdmin(adminUrl, (client) =>
    client.query(`create database ${quoteIdentifier(name)}${template}`),
  );
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: () => dropTestDatabase(name, adminUrl),
  };
}
