import { expect, makeClinic, PASSWORD, test } from "./fixtures";

test("signing out ends the session on the server: a copy of the cookie stops working", async ({
  page,
  context,
  browser,
}) => {
  const { clinician } = await makeClinic("Signout");
  await page.goto("/login");
  await page.getByLabel("Email").fill(clinician.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Patients" })).toBeVisible();

  // Someone copies the cookie while the session is open.
  const copied = (await context.cookies()).filter((c) => c.name === "next-auth.session-token");
  expect(copied).toHaveLength(1);
  const thief = await browser.newContext();
  // Each check starts from the copy: an answer that clears the cookie must not hide the next one.
  const withTheCopy = async () => {
    await thief.clearCookies();
    await thief.addCookies(copied);
  };
  await withTheCopy();
  expect(await (await thief.request.get("/api/auth/session")).json()).toMatchObject({
    user: { email: clinician.email },
  });
  await withTheCopy();
  expect((await thief.request.get("/api/trpc/auth.me")).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  await withTheCopy();
  expect(await (await thief.request.get("/api/auth/session")).json()).toEqual({});
  await withTheCopy();
  expect((await thief.request.get("/api/trpc/auth.me")).status()).toBe(401);
  await withTheCopy();
  const stolen = await thief.newPage();
  await stolen.goto("/patients");
  await expect(stolen).toHaveURL(/\/login/);
  await thief.close();

  // Signing in again works as usual.
  await page.getByLabel("Email").fill(clinician.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Patients" })).toBeVisible();
});
