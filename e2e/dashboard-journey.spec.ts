import { expect, makeClinic, refreshFigures, signInOverHttp, test } from "./fixtures";
import { makeWorseningPatient } from "./history";

test("from the caseload to a new version: needs attention, the worsening chart, the alert, the advice", async ({
  page,
  context,
}) => {
  const { clinic, clinician, patient: settled } = await makeClinic("Journey");
  await refreshFigures(clinic.id, settled.id);
  await makeWorseningPatient({
    clinicId: clinic.id,
    clinicianId: clinician.id,
    name: "Jonah Journey",
  });
  await signInOverHttp(context, clinician.email);
  await page.goto("/patients");

  await page.getByLabel("Needs attention").check();
  const table = page.getByRole("table", { name: "Patients" });
  await expect(table.getByRole("row")).toHaveCount(2);
  await table.getByRole("link", { name: "Jonah Journey" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jonah Journey" })).toBeVisible();

  await page.getByRole("tab", { name: "Charts" }).click();
  const chart = page.getByRole("img", { name: /Pain per day/ });
  await expect(chart.locator(".version-marker")).toHaveCount(2);
  await expect(chart).toContainText("v1 · initial");
  await expect(chart).toContainText("v2 · progress");

  const alerts = page.getByRole("region", { name: "Alerts", exact: true });
  const worsening = alerts.getByRole("article").filter({ hasText: "Pain worsening" });
  await expect(worsening).toContainText("points above the baseline of 2");
  await worsening.getByRole("button", { name: "Acknowledge" }).click();
  await worsening
    .getByLabel("Note (optional, for the team)")
    .fill("Reviewed the trend; easing the load.");
  await worsening.getByRole("button", { name: "Save acknowledgement" }).click();
  await expect(worsening).toContainText("“Reviewed the trend; easing the load.”");
  await expect(worsening.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);

  const advice = page.getByRole("region", { name: "Progression advice" });
  await advice.getByRole("link", { name: "Create new version (regress)" }).click();
  await expect(page.getByLabel("Why it changes")).toHaveValue("regress");
  await page.getByLabel("Pain limit during exercise (0–10)").fill("4");
  await page.getByRole("button", { name: "Save version 3" }).click();
  await expect(page.getByText("Version 3 · Regress")).toBeVisible();
  await page.getByRole("tab", { name: "Charts" }).click();
  await expect(
    page.getByRole("img", { name: /Pain per day/ }).locator(".version-marker"),
  ).toHaveCount(3);
});
