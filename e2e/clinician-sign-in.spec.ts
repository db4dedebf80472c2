import { expect, makeClinic, PASSWORD, test } from "./fixtures";

test("a clinician signs in, sees their caseload and opens a patient's program", async ({
  page,
}) => {
  const { clinician, patient } = await makeClinic("Signin");
  await page.goto("/patients");
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Email").fill(clinician.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "do not match an active account",
  );
  await expect(page.getByLabel("Email")).toHaveValue(clinician.email);

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Patients" })).toBeVisible();
  await expect(page.getByText("1 patient of yours")).toBeVisible();

  await page.getByRole("link", { name: patient.displayName }).click();
  await expect(page.getByRole("heading", { name: patient.displayName })).toBeVisible();
  const program = page.getByRole("table", { name: /current program/i });
  await expect(program.getByRole("row")).toHaveCount(3);
  await expect(program).toContainText("Wall squat");
  await expect(program).toContainText(
    "2 sets of 10, hold 5 s, both legs together, once a day, 5 days a week",
  );
});

test("an unknown email gets the same message as a wrong password", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody-here@example.com");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That email and password do not match an active account. Check them and try again.",
  );
});
