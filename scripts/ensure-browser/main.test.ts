import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PLAYWRIGHT_COMMAND, ROOT_APT_COMMAND, SUDO_APT_COMMAND } from "./decide";

/**
 * Runs the real script against a made-up machine: a fake Chromium path, an empty Playwright
 * browser folder and a PATH holding only a fake apt-get, so nothing is installed for real.
 */

const MAIN = path.join(__dirname, "main.ts");
const isRoot = process.getuid?.() === 0;

let dir: string;
let fakeChromium: string;
let aptLog: string;
let bin: string;
let playwrightBrowsers: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "rehabit-browser-"));
  fakeChromium = path.join(dir, "usr-bin", "chromium");
  aptLog = path.join(dir, "apt.log");
  bin = path.join(dir, "bin");
  playwrightBrowsers = path.join(dir, "ms-playwright");
  mkdirSync(path.dirname(fakeChromium), { recursive: true });
  mkdirSync(bin);
  mkdirSync(playwrightBrowsers);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeExecutable(file: string, text: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, 0o755);
}

/** An apt-get that logs its arguments and, on install, puts a Chromium where the test says. */
function fakeAptGet({ fails = false } = {}) {
  writeExecutable(
    path.join(bin, "apt-get"),
    `#!${process.execPath}
const fs = require("node:fs");
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_APT_LOG, args.join(" ") + " DEBIAN_FRONTEND=" + process.env.DEBIAN_FRONTEND + "\\n");
if (${fails}) process.exit(100);
if (args[0] === "install") {
  fs.writeFileSync(process.env.FAKE_CHROMIUM, "#!/bin/sh\\n");
  fs.chmodSync(process.env.FAKE_CHROMIUM, 0o755);
}
`,
  );
}

function env() {
  return {
    NODE_ENV: "test" as const,
    PATH: bin,
    PLAYWRIGHT_BROWSERS_PATH: playwrightBrowsers,
    FAKE_APT_LOG: aptLog,
    FAKE_CHROMIUM: fakeChromium,
  };
}

function ensureBrowser() {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", MAIN, "--system-chromium", fakeChromium],
    { cwd: path.resolve(__dirname, "../.."), env: env(), encoding: "utf8" },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const aptCalls = () => (existsSync(aptLog) ? readFileSync(aptLog, "utf8").trim().split("\n") : []);

describe("scripts/ensure-browser/main.ts", () => {
  it("passes without installing anything when the system Chromium is there", () => {
    writeExecutable(fakeChromium, "#!/bin/sh\n");
    fakeAptGet();
    const run = ensureBrowser();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Chromium for the end-to-end tests: ${fakeChromium}`);
    expect(aptCalls()).toEqual([]);
  });

  it("passes with Playwright's own Chromium when that was installed", () => {
    const own = spawnSync(
      process.execPath,
      ["-e", "console.log(require('@playwright/test').chromium.executablePath())"],
      { env: { ...env(), PATH: process.env.PATH }, encoding: "utf8" },
    ).stdout.trim();
    expect(own.startsWith(playwrightBrowsers)).toBe(true);
    writeExecutable(own, "#!/bin/sh\n");
    fakeAptGet();
    const run = ensureBrowser();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Chromium for the end-to-end tests: ${own}`);
    expect(aptCalls()).toEqual([]);
  });

  it("stops with Playwright's installer command where there is no apt-get", () => {
    const run = ensureBrowser();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`  ${PLAYWRIGHT_COMMAND}`);
  });

  it.skipIf(!isRoot)("as root, installs Debian's chromium with apt-get, non-interactively", () => {
    fakeAptGet();
    const run = ensureBrowser();
    expect(run.code).toBe(0);
    expect(aptCalls()).toEqual([
      "update DEBIAN_FRONTEND=noninteractive",
      "install -y --no-install-recommends chromium DEBIAN_FRONTEND=noninteractive",
    ]);
    expect(run.stdout).toContain(`Chromium for the end-to-end tests: ${fakeChromium}`);
  });

  it.skipIf(!isRoot)("as root, stops with the command when apt-get fails", () => {
    fakeAptGet({ fails: true });
    const run = ensureBrowser();
    expect(run.code).toBe(1);
    expect(aptCalls()).toEqual(["update DEBIAN_FRONTEND=noninteractive"]);
    expect(run.stderr).toContain("Installing Chromium with apt-get failed");
    expect(run.stderr).toContain(`  ${ROOT_APT_COMMAND}`);
  });

  it.skipIf(isRoot)("as another user, stops with the sudo command and installs nothing", () => {
    fakeAptGet();
    const run = ensureBrowser();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`  ${SUDO_APT_COMMAND}`);
    expect(aptCalls()).toEqual([]);
  });
});
