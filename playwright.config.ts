import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { e2eDatabaseUrl, pushPortOf, serverEnv, sqliteFile, type E2eSettings } from "./e2e/servers";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DATA_DIR = path.resolve(process.env.E2E_DATA_DIR ?? "data/e2e");
// A real SMTP server for the web server's emails; specs read what it received from MAIL_DIR
// (beside the data directory, which the web server's command empties on start).
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 1000);
const MAIL_DIR = `${DATA_DIR}-mail`;
/**
 * SQLite by default: a fresh file in DATA_DIR. With E2E_DATABASE_URL (a PostgreSQL role that may
 * create databases; TEST_DATABASE_URL will do) the run uses PostgreSQL instead: a database of its
 * own named after the port (e2e/servers.ts), dropped and created empty by e2e/fresh-database.ts
 * each time the web server starts, so every run starts from nothing as on SQLite. It is left
 * behind afterwards for a look at what a failed run wrote.
 */
const ADMIN_URL = process.env.E2E_DATABASE_URL?.trim() || null;
const settings: E2eSettings = {
  port: PORT,
  smtpPort: SMTP_PORT,
  dataDir: DATA_DIR,
  databaseUrl: ADMIN_URL ? e2eDatabaseUrl(ADMIN_URL, PORT) : null,
};
// The server and the specs share one fresh database: specs make their data with the factories
// (e2e/fixtures.ts opens it through these variables, as the server does).
process.env.DATA_DIR = DATA_DIR;
if (settings.databaseUrl) {
  process.env.DATABASE_URL = settings.databaseUrl;
  delete process.env.DATABASE_PATH;
} else {
  process.env.DATABASE_PATH = sqliteFile(DATA_DIR);
  // A DATABASE_URL from the shell would send the specs to PostgreSQL and the server to SQLite.
  delete process.env.DATABASE_URL;
}
process.env.E2E_BASE_URL = `http://localhost:${PORT}`;
process.env.E2E_SMTP_PORT = String(SMTP_PORT);
process.env.E2E_MAIL_DIR = MAIL_DIR;
// The test Web Push service (e2e/push-endpoint.ts): what it received is in PUSH_DIR.
const PUSH_PORT = pushPortOf(settings);
const PUSH_DIR = `${DATA_DIR}-push`;
process.env.E2E_PUSH_PORT = String(PUSH_PORT);
process.env.E2E_PUSH_DIR = PUSH_DIR;
// On PostgreSQL the run's database is made empty; the data directory still holds media files.
const FRESH_DATABASE = settings.databaseUrl
  ? `rm -rf "${DATA_DIR}" && npx tsx e2e/fresh-database.ts`
  : `rm -rf "${DATA_DIR}"`;

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const launchOptions = existsSync(SYSTEM_CHROMIUM)
  ? {
      executablePath: SYSTEM_CHROMIUM,
      // This machine has no network: keep Chromium from trying to reach Google's services.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    }
  : {};

export default defineConfig({
  testDir: "e2e",
  // One folder per data directory, so runs side by side do not clean up each other's traces.
  outputDir: path.join("test-results", path.basename(DATA_DIR)),
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions } }],
  webServer: [
    {
      command: "npx tsx e2e/smtp-sink.ts",
      port: SMTP_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { E2E_SMTP_PORT: String(SMTP_PORT), E2E_MAIL_DIR: MAIL_DIR },
    },
    {
      command: "npx tsx e2e/push-endpoint.ts",
      port: PUSH_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { E2E_PUSH_PORT: String(PUSH_PORT), E2E_PUSH_DIR: PUSH_DIR },
    },
    {
      command: `${FRESH_DATABASE} && npx tsx scripts/prepare-db.ts --no-demo && npx next start -p ${PORT}`,
      url: `http://localhost:${PORT}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: {
        ...serverEnv(settings, PORT),
        // The reset reads these; the server ignores them.
        ...(ADMIN_URL ? { E2E_DATABASE_URL: ADMIN_URL } : {}),
      },
    },
  ],
});
