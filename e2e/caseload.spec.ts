import {
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
  refreshFigures(clinic.id, settled.id);
  const { patient: worse } = makeWorseningPatient({
    clinicId: clinic.id,
    clinicianId: clinician.id,
    name: "Wendy Worse",
  });
  await signInOverHttp(context, clinician.email);
  await page.goto("/patients");

  const table = page.getByRole("table", { name: "Patients" });
  await expect(table.getByRole("row")).toHaveCount(3);
  const wendy = table.getByRole("row", { name: /Wendy Worse/ });
  await expect(wendy).toContainText("v2 · 9 d");
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
