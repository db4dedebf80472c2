import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEnv } from "./env";

const dir = mkdtempSync(path.join(tmpdir(), "rehabit-env-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("environment", () => {
  it("needs no configuration locally: a secret is generated once and kept under data/", () => {
    const first = loadEnv({ DATA_DIR: dir });
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, ".auth-secret"), "utf8")).toBe(first.authSecret);
    expect(loadEnv({ DATA_DIR: dir }).authSecret).toBe(first.authSecret);
    expect(first.sessionIdleSeconds).toBe(1800);
    expect(first.sessionMaxAgeSeconds).toBe(43200);
  });

  it("re-checks the time-based alerts every 15 minutes unless told otherwise, and at least hourly", () => {
    expect(loadEnv({ DATA_DIR: dir }).alertSweepMinutes).toBe(15);
    expect(loadEnv({ DATA_DIR: dir, ALERT_SWEEP_MINUTES: "0" }).alertSweepMinutes).toBe(0);
    expect(() => loadEnv({ DATA_DIR: dir, ALERT_SWEEP_MINUTES: "90" })).toThrow(
      /ALERT_SWEEP_MINUTES must be at most 60/,
    );
  });

  it("refuses to start in production without a real secret, and says what to do", () => {
    const prodDir = path.join(dir, "prod");
    expect(() => loadEnv({ APP_ENV: "production", DATA_DIR: prodDir })).toThrow(/NEXTAUTH_SECRET/);
    expect(existsSync(path.join(prodDir, ".auth-secret"))).toBe(false);
    expect(() => loadEnv({ APP_ENV: "production", NEXTAUTH_SECRET: "short" })).toThrow(
      /at least 32 characters/,
    );
    expect(
      loadEnv({ APP_ENV: "production", NEXTAUTH_SECRET: "x".repeat(40), DATA_DIR: prodDir })
        .authSecret,
    ).toBe("x".repeat(40));
  });

  it("takes the session limits from the environment and turns on Secure cookies for https", () => {
    const env = loadEnv({
      DATA_DIR: dir,
      SESSION_IDLE_MINUTES: "5",
      SESSION_MAX_AGE_HOURS: "2",
      NEXTAUTH_URL: "https://clinic.example",
    });
    expect(env.sessionIdleSeconds).toBe(300);
    expect(env.sessionMaxAgeSeconds).toBe(7200);
    expect(env.secureCookies).toBe(true);
  });

  it("names the setting that is wrong", () => {
    expect(() => loadEnv({ DATA_DIR: dir, SESSION_IDLE_MINUTES: "soon" })).toThrow(
      /SESSION_IDLE_MINUTES/,
    );
  });
});
