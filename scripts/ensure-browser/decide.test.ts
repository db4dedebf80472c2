import { describe, expect, it } from "vitest";
import {
  PLAYWRIGHT_COMMAND,
  SUDO_APT_COMMAND,
  SYSTEM_CHROMIUM,
  decideBrowser,
  type BrowserFacts,
} from "./decide";

const bareMachine: BrowserFacts = {
  systemChromium: SYSTEM_CHROMIUM,
  systemChromiumUsable: false,
  playwrightChromium: null,
  isRoot: false,
  hasAptGet: false,
};

describe("decideBrowser", () => {
  it("uses Debian's Chromium when it is there, whoever runs the tests", () => {
    expect(decideBrowser({ ...bareMachine, systemChromiumUsable: true })).toEqual({
      kind: "ready",
      browser: SYSTEM_CHROMIUM,
    });
  });

  it("prefers Debian's Chromium to Playwright's own, as playwright.config.ts does", () => {
    const plan = decideBrowser({
      ...bareMachine,
      systemChromiumUsable: true,
      playwrightChromium: "/home/dev/.cache/ms-playwright/chromium-1/chrome",
    });
    expect(plan).toEqual({ kind: "ready", browser: SYSTEM_CHROMIUM });
  });

  it("uses Playwright's own Chromium when it was installed and there is no system one", () => {
    const own = "/home/dev/.cache/ms-playwright/chromium-1/chrome";
    expect(decideBrowser({ ...bareMachine, playwrightChromium: own, isRoot: true })).toEqual({
      kind: "ready",
      browser: own,
    });
  });

  it("installs Debian's package when missing and the user is root with apt-get", () => {
    expect(decideBrowser({ ...bareMachine, isRoot: true, hasAptGet: true })).toEqual({
      kind: "install-with-apt",
    });
  });

  it("stops with the sudo apt-get command when apt-get is there but the user is not root", () => {
    const plan = decideBrowser({ ...bareMachine, hasAptGet: true });
    expect(plan).toMatchObject({ kind: "stop", command: SUDO_APT_COMMAND });
    expect(plan.kind === "stop" && plan.message).toContain(`  ${SUDO_APT_COMMAND}`);
    expect(plan.kind === "stop" && plan.message).toContain(SYSTEM_CHROMIUM);
  });

  it("stops with Playwright's installer where there is no apt-get, root or not", () => {
    for (const isRoot of [false, true]) {
      const plan = decideBrowser({ ...bareMachine, isRoot });
      expect(plan).toMatchObject({ kind: "stop", command: PLAYWRIGHT_COMMAND });
      expect(plan.kind === "stop" && plan.message).toContain("then run npm test again");
    }
  });
});
