import { ACCOUNT_FREE_FAILURES } from "../server/auth/sign-in-throttle";
import { expect, makeClinic, PASSWORD, shoot, test } from "./fixtures";

test("after too many failed sign-ins the form says when to try again and keeps the email", async ({
  page,
}) => {
  const { clinician } = await makeClinic("Throttle");
  await page.goto("/login");
  const alert = page.getByRole("main").getByRole("alert");
  const attempt = async (password: string) => {
    await page.getByLabel("Email").fill(clinician.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  };

  for (let i = 0; i <= ACCOUNT_FREE_FAILURES; i++) {
    await attempt(`not the password ${i}`);
    await expect(alert).toContainText("do not match an active account");
  }
  // The next attempt is too early: refused before the password is looked at, even the right one.
  await attempt(PASSWORD);
  await expect(alert).toHaveText(/^Too many sign-in attempts\. Try again in [1-3]\d seconds\.$/);
  await expect(page.getByLabel("Email")).toHaveValue(clinician.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page).toHaveURL(/\/login/);
  await shoot(page, "login-throttled");
});
