import { spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import {
  APT_INSTALL,
  APT_UPDATE,
  ROOT_APT_COMMAND,
  SYSTEM_CHROMIUM,
  decideBrowser,
  type BrowserFacts,
} from "./decide";

/**
 * Run by scripts/test.sh before anything slow: makes sure the end-to-end tests will find a
 * browser, installing Debian's Chromium when it may, and otherwise stops with the command to run.
 * `--system-chromium <path>` checks another path than /usr/bin/chromium (for its own tests);
 * Playwright's own browser is looked for where PLAYWRIGHT_BROWSERS_PATH says, as Playwright does.
 */

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command: string): boolean {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  return dirs.some((dir) => isExecutableFile(path.join(dir, command)));
}

/** Playwright's downloaded Chromium, if `npx playwright install chromium` has been run. */
async function playwrightChromium(): Promise<string | null> {
  try {
    const { chromium } = await import("@playwright/test");
    const file = chromium.executablePath();
    return isExecutableFile(file) ? file : null;
  } catch {
    return null;
  }
}

async function gatherFacts(systemChromium: string): Promise<BrowserFacts> {
  return {
    systemChromium,
    systemChromiumUsable: isExecutableFile(systemChromium),
    playwrightChromium: await playwrightChromium(),
    isRoot: process.getuid?.() === 0,
    hasAptGet: onPath("apt-get"),
  };
}

function aptGet(args: readonly string[]): boolean {
  console.log(`$ apt-get ${args.join(" ")}`);
  const result = spawnSync("apt-get", args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

function systemChromiumArg(argv: readonly string[]): string {
  const at = argv.indexOf("--system-chromium");
  return at >= 0 && argv[at + 1] ? argv[at + 1]! : SYSTEM_CHROMIUM;
}

async function main(): Promise<number> {
  const systemChromium = systemChromiumArg(process.argv.slice(2));
  const plan = decideBrowser(await gatherFacts(systemChromium));
  if (plan.kind === "ready") {
    console.log(`Chromium for the end-to-end tests: ${plan.browser}`);
    return 0;
  }
  if (plan.kind === "stop") {
    console.error(plan.message);
    return 1;
  }
  console.log(
    "Chromium is missing: installing Debian's chromium package for the end-to-end tests.",
  );
  if (!aptGet(APT_UPDATE) || !aptGet(APT_INSTALL)) {
    console.error(
      `Installing Chromium with apt-get failed (see above). Fix that, or install it yourself, then run npm test again:\n\n  ${ROOT_APT_COMMAND}`,
    );
    return 1;
  }
  if (!isExecutableFile(systemChromium)) {
    console.error(
      `apt-get installed chromium, but ${systemChromium} is still missing. Check the package, then run npm test again.`,
    );
    return 1;
  }
  console.log(`Chromium for the end-to-end tests: ${systemChromium}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
