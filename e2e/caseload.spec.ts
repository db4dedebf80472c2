import { insertAlert, insertPatient, insertPatientSummary } from "../db/factories";
import {
  e2eDb,
  expect,
  expectAccessible,
  makeClinic,
  refreshFigures,
  signInOverHttp,
  test,
} from "./fixtures";
import { makeWorseningPatient } from "./history";

test("a clinician narrows the caseload to who needs them, sorts it, and the view survives a reload", async ({
  page,
  context,
}) => {
  const { clinic, clinician, patient: settled } = await makeClinic("Caseload");
  await refreshFigures(clinic.id, settled.id);
  const { patient: worse } = await makeWorseningPatient({
    clinicId: clinic.id,
    clinicianId: clinician.id,
    name: "Wendy Worse",
  });
  await signInOverHttp(context, clinician.email);
  await page.goto("/patients");

  const table = page.getByRole("table", { name: "Patients" });
  await expect(table.getByRole("row")).toHaveCount(3);
  const wendy = table.getByRole("row", { name: /Wendy Worse/ });
  await expect(wendy).toContainText("v2 · 9 days");
  await expect(wendy).toContainText("↑ Worsening");
  await expect(wendy).toContainText("1 high");
  await expect(wendy).toContainText("Consider regressing");

  await page.getByLabel("Needs attention").check();
  await expect(page).toHaveURL(/attention=1/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).not.toContainText(settled.displayName);

  await page.getByRole("button", { name: "A(7)" }).click();
  await expect(page).toHaveURL(/sort=adherence7/);
  await expect(page.getByRole("columnheader", { name: "A(7)" })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  await page.getByRole("button", { name: "A(7)" }).click();
  await expect(page).toHaveURL(/dir=desc/);

  await page.reload();
  await expect(page.getByLabel("Needs attention")).toBeChecked();
  await expect(page.getByRole("columnheader", { name: "A(7)" })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await expectAccessible(page);

  await page.goBack();
  await expect(page).not.toHaveURL(/dir=desc/);

  await page.getByLabel("Search by name").fill("nobody like this");
  await expect(page.getByText("No patients match these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Show every active patient in the clinic" }).click();
  await expect(page).toHaveURL(/\/patients\?who=all$/);

  await table.getByRole("link", { name: "Wendy Worse" }).click();
  await expect(page).toHaveURL(new RegExp(`/patients/${worse.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Wendy Worse" })).toBeVisible();

  if (process.env.SCREENSHOTS) {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/patients?attention=0");
      await page.screenshot({
        path: `${process.env.SCREENSHOTS}/caseload-${width}.png`,
        fullPage: true,
      });
    }
  }
});

test("a full caseload pages, says its badges in words and scrolls inside its own region on a phone", async ({
  page,
  context,
}) => {
  const { clinic, clinician } = await makeClinic("Paging");
  const db = e2eDb();
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const add = async (
    displayName: string,
    figures: Partial<Parameters<typeof insertPatientSummary>[1]>,
  ) => {
    const p = await insertPatient(db, {
      clinicId: clinic.id,
      primaryClinicianId: clinician.id,
      displayName,
      condition: "runners_knee",
    });
    await insertPatientSummary(db, {
      clinicId: clinic.id,
      patientId: p.id,
      day: today,
      versionNumber: 1,
      versionFromDay: "2026-01-01",
      ...figures,
    });
    return p;
  };
  const alerted = await add("Al Alerts", {
    lastCheckInAt: new Date(`${yesterday}T09:00:00Z`),
    advice: "hold",
    adherence7: 0.5,
  });
  for (const [kind, severity] of [
    ["red-flag-emergency", "critical"],
    ["red-flag-urgent", "high"],
    ["pain-worsening", "high"],
  ] as const)
    await insertAlert(db, { clinicId: clinic.id, patientId: alerted.id, kind, severity });
  await add("Ivy Improved", {
    lastCheckInAt: new Date(`${today}T09:00:00Z`),
    adherence7: 0.95,
    adherence28: 0.9,
    morningPain: 2.5,
    baselinePain: 5,
    painChange: -2.5,
    improved: true,
    advice: "progress",
  });
  // With "Paging Patient" from makeClinic: 30 in all, 25 on page 1 and 5 on page 2.
  for (let i = 1; i <= 27; i++)
    await add(`Zed ${String(i).padStart(2, "0")}`, {
      adherence7: i / 30,
      advice: "not_enough_data",
    });

  await signInOverHttp(context, clinician.email);
  await page.goto("/patients");
  const table = page.getByRole("table", { name: "Patients" });
  await expect(page.getByRole("status")).toHaveText("30 of your patients, page 1 of 2");
  await expect(table.getByRole("row")).toHaveCount(26);

  const al = table.getByRole("row", { name: /Al Alerts/ });
  await expect(al).toContainText("1 critical");
  await expect(al).toContainText("2 high");
  await expect(al).toContainText("Yesterday");
  await expect(al).toContainText("Hold");
  const ivy = table.getByRole("row", { name: /Ivy Improved/ });
  await expect(ivy).toContainText("−2.5");
  await expect(ivy).toContainText("↓ Improved");
  await expect(ivy).toContainText("Today");
  await expect(ivy).toContainText("Consider progressing");

  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByRole("status")).toHaveText("30 of your patients, page 2 of 2");
  await expect(table.getByRole("row")).toHaveCount(6);
  await expect(table).toContainText("Zed 27");
  // Any other change starts again at page 1.
  await page.getByLabel("Needs attention").check();
  await expect(page).toHaveURL(/attention=1/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await page.goBack();
  await expect(page).toHaveURL(/page=2/);
  await expect(table.getByRole("row")).toHaveCount(6);

  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/patients");
  const region = page.getByRole("region", { name: "Patients" });
  await region.focus();
  await expect(region).toBeFocused();
  const widths = await region.evaluate((el) => ({
    inner: el.scrollWidth,
    outer: el.clientWidth,
    pageWidth: document.documentElement.scrollWidth,
  }));
  expect(widths.inner).toBeGreaterThan(widths.outer);
  expect(widths.pageWidth).toBeLessThanOrEqual(360);
  // The patient's name stays in view while the figures scroll sideways.
  await region.evaluate((el) => el.scrollBy(400, 0));
  const name = await region
    .getByRole("link", { name: "Al Alerts" })
    .evaluate((link) => link.getBoundingClientRect());
  expect(name.left).toBeGreaterThanOrEqual(0);
  expect(name.right).toBeLessThanOrEqual(360);
  await region.evaluate((el) => el.scrollTo(0, 0));
  await expectAccessible(page);

  if (process.env.SCREENSHOTS) {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/patients");
      await page.screenshot({
        path: `${process.env.SCREENSHOTS}/caseload-full-${width}.png`,
        fullPage: true,
      });
      if (width === 360) {
        await region.evaluate((el) => el.scrollBy(400, 0));
        await page.screenshot({
          path: `${process.env.SCREENSHOTS}/caseload-full-360-scrolled.png`,
          fullPage: true,
        });
      }
    }
  }
});
