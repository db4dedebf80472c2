import {
  expect,
  expectAccessible,
  hydrated,
  makeClinic,
  PHONE,
  signInOverHttp,
  test,
} from "./fixtures";

test.use(PHONE);

test("a patient opens their link on a phone and sees today's plan", async ({ page }) => {
  const { link, clinic } = await makeClinic("Phone");
  const { token } = await link();
  await page.goto(`/p/${token}`);
  await expect(page).toHaveURL(/\/p$/);
  expect(page.url()).not.toContain(token);
  await expect(page.getByRole("heading", { name: "Hello Phone" })).toBeVisible();
  await expect(page.getByText(clinic.name).first()).toBeVisible();
  // The first visit of the day and week asks the morning question and the safety check first.
  await page.getByRole("button", { name: "Not now" }).click();
  await page.getByRole("button", { name: "Answer later" }).click();
  const exercises = page.getByRole("article");
  await expect(exercises).toHaveCount(2);
  await expect(exercises.first()).toContainText("2 sets of 10, hold 5 s");
  await expect(exercises.first()).toContainText("both legs together, once a day, 5 days a week");
  await exercises.first().getByText("How to do it").click();
  await expect(exercises.first().getByRole("listitem").first()).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await expectAccessible(page);
});

test("a bad link shows a friendly page, never an error", async ({ page }) => {
  for (const bad of ["A".repeat(43), "short", "%27%3B--"]) {
    const response = await page.goto(`/p/${bad}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
    await expect(page.getByText("contact your clinic")).toBeVisible();
  }
  await expectAccessible(page);
  const plain = await page.goto("/p");
  expect(plain?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});

test("a link the clinician revokes stops working on the phone at once", async ({
  page,
  browser,
}) => {
  const { clinician, patient } = await makeClinic("Revoked");
  const staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signInOverHttp(staff, clinician.email);
  const desk = await staff.newPage();
  await desk.goto(`/patients/${patient.id}?section=link`);
  await hydrated(desk);
  await desk.getByRole("button", { name: "Create a new link" }).click();
  const url = await desk.getByLabel(/New link/).inputValue();
  expect(url).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);

  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Hello Revoked" })).toBeVisible();

  await desk.getByRole("button", { name: "Revoke" }).click();
  await expect(desk.getByRole("list", { name: "Links" })).toContainText("Revoked");
  await expect(desk.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await staff.close();
});
