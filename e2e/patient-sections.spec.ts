import { mkdirSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { insertPatientLink } from "../db/factories";
import {
  e2eDb,
  expect,
  expectAccessible,
  makeClinic,
  PHONE,
  signInOverHttp,
  test,
} from "./fixtures";
import { makeWorseningPatient } from "./history";

const DESK = { width: 1280, height: 800 };

async function worseningPatientWithLink(label: string) {
  const { clinic, clinician } = await makeClinic(label);
  const { patient } = await makeWorseningPatient({
    clinicId: clinic.id,
    clinicianId: clinician.id,
    name: `${label} Walker`,
  });
  await insertPatientLink(e2eDb(), {
    clinicId: clinic.id,
    patientId: patient.id,
    createdBy: clinician.id,
  });
  return { clinician, patient };
}

/** Wholly inside the first screen, with the page not scrolled. */
async function expectOnFirstScreen(page: Page, locator: Locator) {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  expect(box, "element has a box").not.toBeNull();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(DESK.height);
}

const tab = (page: Page, name: string) => page.getByRole("tab", { name, exact: true });

async function shootSection(page: Page, name: string) {
  const folder = process.env.SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  const size = page.viewportSize();
  // The charts redraw to each new width; the pictures wait for them to settle.
  const settle = () => page.waitForTimeout(500);
  await page.setViewportSize(DESK);
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle();
  await page.screenshot({ path: `${folder}/sections-${name}-1280-first-screen.png` });
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await settle();
    await page.screenshot({ path: `${folder}/sections-${name}-${width}.png`, fullPage: true });
  }
  if (size) await page.setViewportSize(size);
}

test.describe("the patient's page in sections, at a desk", () => {
  test.use({ viewport: DESK });

  test("the summary fits the first screen, with the record's state and its main actions", async ({
    page,
    context,
  }) => {
    const { clinician, patient } = await worseningPatientWithLink("Summary");
    await signInOverHttp(context, clinician.email);
    await page.goto(`/patients/${patient.id}`);

    const name = page.getByRole("heading", { level: 1, name: patient.displayName });
    await expectOnFirstScreen(page, name);
    await expectOnFirstScreen(page, page.getByText("Active", { exact: true }));
    await expectOnFirstScreen(page, page.getByText(/Medial knee pain · left side/));
    await expectOnFirstScreen(page, page.getByText(`primary clinician ${clinician.name}`));

    const glance = page.getByRole("region", { name: "At a glance" });
    await expectOnFirstScreen(page, glance.getByText("Version 2 (progress)"));
    await expect(glance).toContainText(/Changed 9 days ago \(.+\) by Summary Clinician/);
    await expectOnFirstScreen(page, glance.getByText(/^Works until \d+ \w+ \d{4}$/));
    await expect(glance).toContainText("Not opened yet.");

    const alerts = page.getByRole("region", { name: "Alerts", exact: true });
    await expectOnFirstScreen(page, alerts.getByText("2 open; the most severe is high."));
    const top = alerts.getByRole("article");
    await expect(top).toHaveCount(1);
    await expect(top).toContainText("Pain worsening");
    await expectOnFirstScreen(page, top.getByRole("button", { name: "Acknowledge" }));
    await expectOnFirstScreen(page, top.getByRole("button", { name: "Resolve" }));
    // The other open alert waits behind one click, with the same actions.
    await alerts.getByText("Show the other 1 unresolved alert").click();
    await expect(alerts.getByRole("article")).toHaveCount(2);
    await expect(alerts.getByRole("article").nth(1)).toContainText("Safety check overdue");
    await alerts.getByText("Show the other 1 unresolved alert").click();

    const advice = page.getByRole("region", { name: "Progression advice" });
    await expectOnFirstScreen(page, advice.getByText("The numbers suggest easing the program"));
    await expectOnFirstScreen(
      page,
      advice.getByRole("link", { name: "Create new version (regress)" }),
    );

    for (const action of ["Change program", "Print handout", "New link", "Edit details"])
      await expectOnFirstScreen(page, page.getByRole("link", { name: action, exact: true }));
    await expectOnFirstScreen(page, page.getByRole("button", { name: "Discharge" }));
    await expectOnFirstScreen(page, page.getByRole("tablist", { name: "Sections of the record" }));

    // The program is the section a page opens with; nothing of the charts or the log is there.
    await expect(tab(page, "Program")).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("heading", { name: "Program history" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Pain and adherence" })).toHaveCount(0);
    await expect(page.getByRole("list", { name: "Check-in log" })).toHaveCount(0);
    await expectAccessible(page);
    await shootSection(page, "summary");

    // Acknowledged, the most severe alert keeps its place with its note until it is resolved.
    await top.getByRole("button", { name: "Acknowledge" }).click();
    await top.getByLabel("Note (optional, for the team)").fill("Phoned; easing the load.");
    await top.getByRole("button", { name: "Save acknowledgement" }).click();
    await expect(alerts).toContainText("1 open, 1 acknowledged; the most severe is high.");
    await expect(top).toContainText("Pain worsening");
    await expect(top).toContainText("“Phoned; easing the load.”");
    await expect(top.getByRole("button", { name: "Resolve" })).toBeVisible();

    // "New link" opens the link section with the focus on its first field.
    await page.getByRole("link", { name: "New link", exact: true }).click();
    await expect(page).toHaveURL(/section=link/);
    await expect(page.getByRole("region", { name: "Patient link" })).toBeVisible();
    await expect(page.getByLabel("Valid for")).toBeFocused();
  });

  test("each section opens by keyboard, and the address keeps it for reload and Back", async ({
    page,
    context,
  }) => {
    test.slow();
    const { clinician, patient } = await worseningPatientWithLink("Keys");
    await signInOverHttp(context, clinician.email);
    await page.goto(`/patients/${patient.id}`);

    // From the top of the page, Tab alone reaches the tabs: the chosen one is the stop.
    let onTab = false;
    for (let i = 0; i < 60 && !onTab; i++) {
      await page.keyboard.press("Tab");
      onTab = await page.evaluate(() => document.activeElement?.getAttribute("role") === "tab");
    }
    expect(onTab, "Tab reaches the section tabs").toBe(true);
    await expect(tab(page, "Program")).toBeFocused();

    // Arrows move between tabs without opening them; they wrap, and Home / End jump.
    await page.keyboard.press("ArrowLeft");
    await expect(tab(page, "Link")).toBeFocused();
    await page.keyboard.press("Home");
    await expect(tab(page, "Program")).toBeFocused();
    await page.keyboard.press("End");
    await expect(tab(page, "Link")).toBeFocused();
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowRight");
    await expect(tab(page, "Charts")).toBeFocused();
    await expect(tab(page, "Charts")).toHaveAttribute("aria-selected", "false");
    await expect(page).not.toHaveURL(/section=/);

    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\?section=charts$/);
    await expect(tab(page, "Charts")).toHaveAttribute("aria-selected", "true");
    const charts = page.getByRole("tabpanel", { name: "Charts" });
    await expect(charts.getByRole("region", { name: "Pain and adherence" })).toBeVisible();
    await expect(charts.getByRole("img", { name: /Pain per day/ })).toContainText("v2 · progress");
    await expect(tab(page, "Charts")).toBeFocused();
    await expect(page.getByRole("heading", { name: "Program history" })).toHaveCount(0);
    await expectAccessible(page);
    await shootSection(page, "charts");

    await page.keyboard.press("ArrowRight");
    await page.keyboard.press(" ");
    await expect(page).toHaveURL(/\?section=check-ins$/);
    const log = page.getByRole("tabpanel", { name: "Check-in log" });
    await expect(log.getByRole("list", { name: "Check-in log" })).toBeVisible();
    await expect(log.getByRole("link", { name: "Export check-ins (CSV)" })).toBeVisible();
    await expectAccessible(page);
    await shootSection(page, "check-ins");

    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\?section=link$/);
    const link = page.getByRole("tabpanel", { name: "Link" });
    await expect(link.getByRole("region", { name: "Patient link" })).toBeVisible();
    await expect(link.getByRole("list", { name: "Links" }).getByRole("listitem")).toHaveCount(1);
    await expectAccessible(page);
    await shootSection(page, "link");

    // Tab from the chosen tab goes into its panel.
    await page.keyboard.press("Tab");
    await expect(link).toBeFocused();

    // The address keeps the section: reload and Back both show it.
    await page.reload();
    await expect(tab(page, "Link")).toHaveAttribute("aria-selected", "true");
    await expect(link.getByRole("region", { name: "Patient link" })).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/\?section=check-ins$/);
    await expect(tab(page, "Check-in log")).toHaveAttribute("aria-selected", "true");
    await expect(log.getByRole("list", { name: "Check-in log" })).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/\?section=charts$/);
    await expect(charts.getByRole("region", { name: "Pain and adherence" })).toBeVisible();
    await page.goBack();
    await expect(page).not.toHaveURL(/section=/);
    await expect(tab(page, "Program")).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("heading", { name: "Program history" })).toBeVisible();

    // The chart range stays within the charts section.
    await page.goto(`/patients/${patient.id}?section=charts`);
    await charts.getByRole("link", { name: "4 weeks" }).click();
    await expect(page).toHaveURL(/\?section=charts&range=4w$/);
    await expect(charts.getByRole("link", { name: "4 weeks" })).toHaveAttribute(
      "aria-current",
      "page",
    );
  });

  test("the chart script is not loaded until the charts section opens", async ({
    page,
    context,
  }, testInfo) => {
    const { clinician, patient } = await worseningPatientWithLink("Bundle");
    await signInOverHttp(context, clinician.email);
    // Every script the browser fetched, by address, with whether it holds Recharts.
    const scripts = new Map<string, boolean>();
    page.on("response", async (response) => {
      if (response.request().resourceType() !== "script") return;
      const body = await response.text().catch(() => "");
      scripts.set(response.url(), body.includes("recharts-surface"));
    });
    const scriptBytes = () =>
      page.evaluate(() => {
        const entries = performance
          .getEntriesByType("resource")
          .filter((e) => new URL(e.name).pathname.endsWith(".js")) as PerformanceResourceTiming[];
        return {
          count: entries.length,
          transferred: entries.reduce((sum, e) => sum + e.transferSize, 0),
          decoded: entries.reduce((sum, e) => sum + e.decodedBodySize, 0),
        };
      });

    await page.goto(`/patients/${patient.id}`);
    await page.waitForLoadState("networkidle");
    const before = await scriptBytes();
    expect([...scripts.values()].some(Boolean), "Recharts loaded before the charts").toBe(false);
    expect(scripts.size).toBeGreaterThan(0);

    await tab(page, "Charts").click();
    const chart = page.getByRole("img", { name: /Pain per day/ });
    await expect(chart.locator(".pain-point-morning").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    const after = await scriptBytes();
    expect([...scripts.values()].some(Boolean), "Recharts loaded with the charts").toBe(true);
    expect(after.transferred).toBeGreaterThan(before.transferred);

    const figures = `scripts before the charts: ${before.count} files, ${before.transferred} B transferred (${before.decoded} B unpacked); after opening them: ${after.count} files, ${after.transferred} B (${after.decoded} B)`;
    testInfo.annotations.push({ type: "script bytes", description: figures });
    console.log(figures);

    // Opened straight from its address, the section loads the charts on its own.
    await page.goto(`/patients/${patient.id}?section=charts`);
    await expect(chart.locator(".pain-point-morning").first()).toBeVisible();
  });
});

test.describe("the patient's page in sections, on a phone", () => {
  test.use(PHONE);

  test("the summary and the tabs fit a 360 px screen and pass axe", async ({ page, context }) => {
    const { clinician, patient } = await worseningPatientWithLink("Phone Sections");
    await signInOverHttp(context, clinician.email);
    await page.goto(`/patients/${patient.id}?section=check-ins`);
    await expect(tab(page, "Check-in log")).toHaveAttribute("aria-selected", "true");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await expectAccessible(page);
    // Every tab fits the width: none hides behind a scroll.
    const lastTab = await tab(page, "Link").boundingBox();
    expect(lastTab!.x + lastTab!.width).toBeLessThanOrEqual(360);
    await tab(page, "Link").click();
    await expect(page).toHaveURL(/\?section=link$/);
    await expect(page.getByRole("region", { name: "Patient link" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
  });
});
