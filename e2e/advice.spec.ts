import { expect, expectAccessible, makeClinic, signInOverHttp, test } from "./fixtures";
import { makeWorseningPatient } from "./history";

test("the clinician sees the advice with its numbers and acts on it through the builder", async ({
  page,
  context,
}) => {
  const { clinic, clinician } = await makeClinic("Advice");
  const { patient } = await makeWorseningPatient({
    clinicId: clinic.id,
    clinicianId: clinician.id,
    name: "Wendy Worse",
  });
  await signInOverHttp(context, clinician.email);
  await page.goto(`/patients/${patient.id}`);

  const panel = page.getByRole("region", { name: "Progression advice" });
  await expect(panel).toContainText("The numbers suggest easing the program");
  await expect(panel).toContainText(
    /Morning pain averaged 5\.\d this week, up from 3 the week before/,
  );
  await expect(panel).toContainText("this week's mean morning pain ≥ last week's + 1");
  await panel.getByText("The numbers behind this advice").click();
  await expect(panel).toContainText("v2, 9 full days on it");
  await expectAccessible(page);

  await panel.getByRole("link", { name: "Create new version (regress)" }).click();
  await expect(page.getByLabel("Why it changes")).toHaveValue("regress");
  await page.getByLabel("Pain limit during exercise (0–10)").fill("4");
  await page.getByLabel("Note (for the team, not the patient)").fill("Easing after a rising week");
  await page.getByRole("button", { name: "Save version 3" }).click();
  await expect(page.getByText("Version 3 · Regress")).toBeVisible();
  // The morning trend still reads the days before today; the panel says the new version is new.
  await expect(panel).toContainText("Version 3 started today");
});
