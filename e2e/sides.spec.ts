import type { Locator } from "@playwright/test";
import { insertClinic, insertPatient, insertPatientLink, insertUser } from "../db/factories";
import {
  e2eDb,
  expect,
  expectAccessible,
  hydrated,
  PASSWORD,
  PHONE,
  signInOverHttp,
  shoot,
  test,
} from "./fixtures";

/** Neither the visible text nor a form value names the left side. */
async function expectNoLeft(where: Locator) {
  await expect(where).not.toContainText(/\bleft\b/i);
}

test("a wall squat for a patient with a left knee reads “both legs together” everywhere", async ({
  page,
  context,
  browser,
}) => {
  // One journey through four screens at two widths: longer than the default 30 s.
  test.setTimeout(120_000);
  const d = e2eDb();
  const clinic = await insertClinic(d, { name: "Sides Clinic", timeZone: "Europe/London" });
  const clinician = await insertUser(d, {
    clinicId: clinic.id,
    email: `sides-${Date.now()}@example.com`,
    name: "Sam Sides",
    password: PASSWORD,
  });
  const patient = await insertPatient(d, {
    clinicId: clinic.id,
    primaryClinicianId: clinician.id,
    displayName: "Lena Leftknee",
    condition: "runners_knee",
    affectedSide: "left",
  });
  await signInOverHttp(context, clinician.email);

  // The builder: the squat starts on both legs, its side cannot be changed, the preview agrees.
  await page.goto(`/patients/${patient.id}/program`);
  await page.getByLabel("Search the library").fill("wall squat");
  await page.getByRole("button", { name: "Add Wall squat" }).click();
  const items = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
  const squat = items.filter({ hasText: "Wall squat" });
  await expect(squat).toBeVisible();
  const side = squat.getByLabel("Side");
  await expect(side).toBeDisabled();
  await expect(side).toHaveValue("both");
  await expect(side.locator("option:checked")).toHaveText("Both legs together");
  await expect(squat).toContainText("Done with both legs at once, so it cannot be set to one leg.");
  await expect(squat).toContainText(
    "“2 sets of 10, both legs together, once a day, 4 days a week”",
  );
  await expectNoLeft(squat);

  // A one-leg exercise starts on the left; a note naming another side is a field error.
  await page.getByLabel("Search the library").fill("quadriceps sets");
  await page.getByRole("button", { name: /Add Quadriceps sets/ }).click();
  const quads = items.filter({ hasText: "Quadriceps sets" });
  await expect(quads.getByLabel("Side")).toHaveValue("left");
  await expect(quads).toContainText("left leg, once a day, every day");
  await quads.getByLabel("Note for the patient").fill("Each leg");
  const noteError =
    "The note says “each leg” but the patient is told “left leg”. Change the note or the side so they say the same.";
  await expect(quads.getByText(noteError)).toBeVisible();
  await expect(quads.getByLabel("Note for the patient")).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Save version 1" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not saved yet" })).toContainText(
    "1 exercise has a dose, side or note to fix.",
  );
  await shoot(page, "sides-builder-note-error");
  await quads.getByLabel("Note for the patient").fill("Keep the knee straight");
  await expect(quads.getByText(noteError)).toHaveCount(0);
  await expectAccessible(page);
  await shoot(page, "sides-builder");

  await page.getByRole("button", { name: "Save version 1" }).click();
  await expect(page.getByText("Version 1 · Initial")).toBeVisible();

  // The saved program on the patient's page.
  const row = page.getByRole("row").filter({ hasText: "Wall squat" });
  await expect(row).toContainText("2 sets of 10, both legs together, once a day, 4 days a week");
  await expectNoLeft(row);

  // The handout.
  await page.goto(`/patients/${patient.id}/handout`);
  const paper = page.getByRole("article").filter({ hasText: "Wall squat" });
  await expect(paper).toContainText(
    "How much: 2 sets of 10, both legs together, once a day, 4 days a week.",
  );
  await expectNoLeft(paper);
  await shoot(page, "sides-handout");

  // The patient's card on a phone, on the program's first day.
  const { token } = await insertPatientLink(d, {
    clinicId: clinic.id,
    patientId: patient.id,
    createdBy: clinician.id,
  });
  const phone = await browser.newContext(PHONE);
  const mobile = await phone.newPage();
  await mobile.goto(`/p/${token}`);
  await hydrated(mobile);
  // The first visit of the day asks this morning's pain and the weekly safety check first.
  await mobile.getByRole("radio", { name: "3", exact: true }).check();
  await mobile.getByRole("button", { name: "Save" }).click();
  await expect(mobile.getByRole("heading", { name: "Safety check" })).toBeVisible();
  for (const no of await mobile.getByRole("radio", { name: "No" }).all()) await no.check();
  await mobile.getByRole("button", { name: "Send my answers" }).click();
  const card = mobile.getByRole("article").filter({ hasText: "Wall squat" });
  await expect(card).toContainText("both legs together, once a day, 4 days a week");
  await expectNoLeft(card);
  await expect(mobile.getByRole("article").filter({ hasText: "Quadriceps sets" })).toContainText(
    "left leg, once a day, every day",
  );
  await shoot(mobile, "sides-card");

  await mobile.getByRole("button", { name: "Done: Wall squat" }).click();
  // Acknowledged before the page is left: on a slower database the answer may still be on its way.
  await expect(card.getByText("Done for today.")).toBeVisible();

  // The progress page on day one: today's sessions, not a week's total; the chart starts today.
  await mobile.goto("/p/progress");
  await hydrated(mobile);
  await expect(mobile.getByText(/1\s+of 2 sessions done today/)).toBeVisible();
  await expect(
    mobile.getByText("Your plan started today, so this page counts from today."),
  ).toBeVisible();
  const weekly = mobile.getByRole("table", { name: /week by week/ });
  await expect(weekly.getByRole("row")).toHaveCount(2);
  const width = await mobile.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  // Every heading of the weekly table fits its own column: nothing spills into the next one.
  const spilled = await weekly
    .locator("th")
    .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth).length);
  expect(spilled).toBe(0);
  await expectAccessible(mobile);
  await shoot(mobile, "sides-progress-first-day");
  await phone.close();
});

test("an admin says how a clinic exercise is done, and its page and preview say it too", async ({
  page,
  context,
}) => {
  const d = e2eDb();
  const clinic = await insertClinic(d, { name: "Sidedness Clinic" });
  const admin = await insertUser(d, {
    clinicId: clinic.id,
    role: "admin",
    email: `sides-admin-${Date.now()}@example.com`,
    password: PASSWORD,
  });
  await signInOverHttp(context, admin.email);
  await page.goto("/library/new");
  const how = page.getByRole("group", { name: "How it is done" });
  await expect(how.getByRole("radio")).toHaveCount(3);
  await page.getByLabel("Name").fill("Mini squats at the counter");
  await page.getByLabel("Target (nerve or muscle group)").fill("Quadriceps");
  await page.getByLabel("Category").selectOption("strengthening");
  await page.getByLabel("Body region").selectOption("knee");
  await page.getByLabel("One-line summary for the patient").fill("Small squats holding a counter.");
  await page.getByLabel("Steps").fill("Hold the counter.\nBend your knees a little.\nStand up.");
  await page.getByLabel("What the patient should feel").fill("Work in your thighs.");
  await page.getByLabel("Stop if…").fill("Your knee hurts.");
  await page.getByLabel("Reps").fill("10");
  await page.getByRole("button", { name: "Create exercise" }).click();
  await expect(
    page.getByText("Choose how it is done: both legs together, each leg in turn, or one leg."),
  ).toBeVisible();
  await shoot(page, "sides-exercise-form");
  await how.getByRole("radio", { name: /^Both legs together/ }).check();
  await page.getByRole("button", { name: "Create exercise" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Mini squats at the counter" }),
  ).toBeVisible();
  const details = page
    .getByRole("definition")
    .filter({ hasText: "A program cannot set it to one leg." });
  await expect(details).toContainText("Both legs together");
  await expect(page.getByRole("article")).toContainText(
    "both legs together, once a day, every day",
  );
  await expectAccessible(page);
  await shoot(page, "sides-exercise-page");
});
