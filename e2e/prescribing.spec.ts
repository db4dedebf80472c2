import { insertClinic, insertUser } from "../db/factories";
import { e2eDb, expect, hydrated, PASSWORD, PHONE, signInOverHttp, test } from "./fixtures";

test("a clinician adds a patient, builds a program from a template, progresses it, and the phone shows version 2", async ({
  page,
  context,
  browser,
}) => {
  const d = e2eDb();
  const clinic = await insertClinic(d, { name: "Prescribing Clinic", timeZone: "Europe/London" });
  const clinician = await insertUser(d, {
    clinicId: clinic.id,
    email: `rx-${Date.now()}@example.com`,
    name: "Priya Prescriber",
    password: PASSWORD,
  });
  await signInOverHttp(context, clinician.email);

  await page.goto("/patients");
  await page.getByRole("link", { name: "Add a patient" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Rita Runner");
  await page.getByLabel("Year of birth").fill("18");
  await page.getByLabel("Condition").selectOption("runners_knee");
  await page.getByLabel("Year of birth").blur();
  await expect(page.getByText("The year of birth must be 1900 or later.")).toBeVisible();
  await page.getByLabel("Year of birth").fill("1990");
  await page.getByLabel("Affected side").selectOption("left");
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/London");
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Rita Runner" })).toBeVisible();

  await page.getByRole("link", { name: "Build program" }).click();
  await page
    .getByLabel("Template", { exact: true })
    .selectOption({ label: "Runner's knee (pain around the kneecap)" });
  await page.getByRole("button", { name: "Use template" }).click();
  const items = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
  await expect(items.first()).toBeVisible();
  const count = await items.count();
  expect(count).toBeGreaterThanOrEqual(4);
  await page.getByLabel("Search the library").fill("wall squat");
  await page.getByRole("button", { name: "Add Wall squat" }).click();
  await expect(items).toHaveCount(count + 1);
  await page.getByRole("button", { name: "Move Wall squat up" }).click();
  await expect(items.nth(count - 1)).toContainText("Wall squat");
  await expect(items.nth(count - 1)).toContainText("both legs together");
  await page.getByRole("button", { name: "Save version 1" }).click();
  await expect(page.getByRole("heading", { name: "Program history" })).toBeVisible();
  await expect(page.getByText("Version 1 · Initial")).toBeVisible();

  await page.getByRole("link", { name: "Change program" }).click();
  const squat = items.filter({ hasText: "Wall squat" });
  // Saved exercises show as one line each; the squat's line opens to its dose.
  await squat.getByRole("button", { name: /^\d+\. Wall squat$/ }).click();
  await squat.getByLabel("Reps").fill("0");
  await page.getByRole("button", { name: "Save version 2" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not saved yet" })).toContainText(
    "Choose why the program changes.",
  );
  await expect(squat.getByText("Reps must be at least 1.")).toBeVisible();
  await squat.getByLabel("Reps").fill("14");
  await expect(squat).toContainText("“2 sets of 14");
  await page.getByLabel("Why it changes").selectOption("progress");
  await page.getByLabel("Note (for the team, not the patient)").fill("Ready for more volume");
  await page.getByRole("button", { name: "Save version 2" }).click();
  await expect(page.getByText("Version 2 · Progress")).toBeVisible();
  await expect(page.getByText(/Wall squat: reps \d+ → 14/)).toBeVisible();

  await page.getByRole("tab", { name: "Link" }).click();
  await page.getByRole("button", { name: /Create a new link/ }).click();
  const url = await page
    .getByLabel(/New link/)
    .first()
    .inputValue();
  const phone = await browser.newContext(PHONE);
  const mobile = await phone.newPage();
  await mobile.goto(url);
  await hydrated(mobile);
  // The first visit of the day and week asks the morning question and the safety check first.
  await mobile.getByRole("button", { name: "Not now" }).click();
  await mobile.getByRole("button", { name: "Answer later" }).click();
  const squatCard = mobile.getByRole("article").filter({ hasText: "Wall squat" });
  await expect(squatCard).toContainText("2 sets of 14");

  await page.getByRole("button", { name: "Revoke" }).first().click();
  await expect(page.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  await mobile.reload();
  await expect(mobile.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await phone.close();
});

test("leaving the builder with unsaved changes asks first", async ({ page, context }) => {
  const d = e2eDb();
  const clinic = await insertClinic(d, { name: "Guard Clinic" });
  const clinician = await insertUser(d, {
    clinicId: clinic.id,
    email: `guard-${Date.now()}@example.com`,
    password: PASSWORD,
  });
  await signInOverHttp(context, clinician.email);
  await page.goto("/patients/new");
  await page.getByLabel("Name", { exact: true }).fill("Gus Guard");
  await page.getByLabel("Year of birth").fill("1970");
  await page.getByLabel("Condition").selectOption("medial_knee_pain");
  await page.getByLabel("Affected side").selectOption("right");
  await page.getByRole("button", { name: "Add patient" }).click();
  await page.getByRole("link", { name: "Build program" }).click();
  await page.getByLabel("Search the library").fill("clamshell");
  await page.getByRole("button", { name: "Add Clamshell" }).click();

  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole("link", { name: "← Gus Guard" }).click();
  expect(asked).toContain("not saved");
  await expect(page).toHaveURL(/\/program$/);
  await expect(page.getByRole("heading", { level: 3, name: /Clamshell/ })).toBeVisible();
});
