/** Debian's Chromium, which playwright.config.ts prefers whenever it exists. */
export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** What `npm test` does as root with apt-get (and what .ci/run relied on before). */
export const APT_UPDATE = ["update"] as const;
export const APT_INSTALL = ["install", "-y", "--no-install-recommends", "chromium"] as const;

/** The one command to give someone who must install the browser themselves. */
export const ROOT_APT_COMMAND =
  "apt-get update && apt-get install -y --no-install-recommends chromium";
export const SUDO_APT_COMMAND =
  "sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium";
export const PLAYWRIGHT_COMMAND = "npx playwright install chromium";

/** What the machine has, gathered by main.ts (or made up by a test). */
export interface BrowserFacts {
  /** The system Chromium checked, usually SYSTEM_CHROMIUM. */
  systemChromium: string;
  systemChromiumUsable: boolean;
  /** Playwright's own Chromium when it is installed, otherwise null. */
  playwrightChromium: string | null;
  isRoot: boolean;
  hasAptGet: boolean;
}

export type BrowserPlan =
  | { kind: "ready"; browser: string }
  | { kind: "install-with-apt" }
  | { kind: "stop"; command: string; message: string };

/**
 * Whether the end-to-end tests have a browser, and if not what to do: install Debian's package
 * when we may (root with apt-get), otherwise stop before the slow build with the one command that
 * fixes it. The order matches playwright.config.ts: the system Chromium first.
 */
export function decideBrowser(facts: BrowserFacts): BrowserPlan {
  if (facts.systemChromiumUsable) return { kind: "ready", browser: facts.systemChromium };
  if (facts.playwrightChromium) return { kind: "ready", browser: facts.playwrightChromium };
  if (facts.isRoot && facts.hasAptGet) return { kind: "install-with-apt" };
  const command = facts.hasAptGet ? SUDO_APT_COMMAND : PLAYWRIGHT_COMMAND;
  return { kind: "stop", command, message: missingBrowserMessage(facts.systemChromium, command) };
}

export function missingBrowserMessage(systemChromium: string, command: string): string {
  return [
    `The end-to-end tests need Chromium, and this machine has neither ${systemChromium} nor Playwright's own Chromium.`,
    "Install it with this command, then run npm test again:",
    "",
    `  ${command}`,
  ].join("\n");
}
