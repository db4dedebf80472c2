import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DATA_DIR = path.resolve(process.env.E2E_DATA_DIR ?? "data/e2e");
// The server and the specs share one fresh database: specs make their data with the factories.
process.env.DATA_DIR = DATA_DIR;
process.env.DATABASE_PATH = path.join(DATA_DIR, "rehabit.db");
process.env.E2E_BASE_URL = `http://localhost:${PORT}`;
// A real SMTP server for the web server's emails; specs read what it received from MAIL_DIR
// (beside the data directory, which the web server's command empties on start).
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 1000);
const MAIL_DIR = `${DATA_DIR}-mail`;
process.env.E2E_MAIL_DIR = MAIL_DIR;

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
      command: `rm -rf "${DATA_DIR}" && npx tsx scripts/prepare-db.ts --no-demo && npx next start -p ${PORT}`,
      url: `http://localhost:${PORT}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: {
        DATA_DIR,
        DATABASE_PATH: path.join(DATA_DIR, "rehabit.db"),
        NEXTAUTH_URL: `http://localhost:${PORT}`,
        NEXTAUTH_SECRET: "e2e-secret-that-is-long-enough-for-next-auth",
        // Tests write history through the factories and refresh figures themselves
        // (refreshFigures in e2e/fixtures.ts); a timer firing mid-test would only add noise.
        ALERT_SWEEP_MINUTES: "0",
        // Alert emails and invitations go to the test mail server (e2e/smtp-sink.ts).
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        SMTP_FROM: "Rehabit <alerts@rehabit.test>",
      },
    },
  ],
});
