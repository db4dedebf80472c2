import { asc, eq } from "drizzle-orm";
import { insertPatient } from "../db/factories";
import { programItems, programs, programVersions } from "../db/schema";
import {
  e2eDb,
  e2eRead,
  expect,
  expectAccessible,
  hydrated,
  makeClinic,
  shoot,
  signInOverHttp,
  test,
} from "./fixtures";

const RUNNERS_KNEE = "Runner's knee (pain around the kneecap)";

/** The patient's saved versions, oldest first, each with its items' durations in seconds. */
function versionsOf(patientId: string) {
  return e2eRead(async (db) => {
    const rows = await db
      .select({
        number: programVersions.number,
        exerciseId: programItems.exerciseId,
        durationSeconds: programItems.durationSeconds,
      })
      .from(programVersions)
      .innerJoin(programs, eq(programs.id, programVersions.programId))
      .innerJoin(programItems, eq(programItems.versionId, programVersions.id))
      .where(eq(programs.patientId, patientId))
      .orderBy(asc(programVersions.number), asc(programItems.position));
    return rows;
  });
}

test("the builder: suggested template, minutes and seconds, keyboard reorder, sticky save, no-change save", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const { clinic, clinician } = await makeClinic("Builder");
  const patient = await insertPatient(e2eDb(), {
    clinicId: clinic.id,
    primaryClinicianId: clinician.id,
    displayName: "Bea Builder",
    condition: "runners_knee",
    affectedSide: "left",
  });
  await signInOverHttp(context, clinician.email);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`/patients/${patient.id}/program`);
  await hydrated(page);

  // Templates for the patient's condition come first, labelled, and the first is chosen already.
  await expect(page.getByText(`Suggested for Runner's knee: ${RUNNERS_KNEE}.`)).toBeVisible();
  const template = page.getByLabel("Template", { exact: true });
  await expect(template.locator("optgroup").first()).toHaveAttribute(
    "label",
    "Suggested for Runner's knee",
  );
  await expect(template.locator("option:checked")).toHaveText(RUNNERS_KNEE);
  await page.getByRole("button", { name: "Use template" }).click();
  const rows = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
  await expect(rows).toHaveCount(5);
  // Compact rows: the dose in words, the fields closed; the one-leg exercise is on the left.
  const quads = rows.filter({ hasText: "Quadriceps sets" });
  await expect(quads).toContainText("3 sets of 10, hold 5 s, left leg, once a day, every day");
  await expect(quads.getByLabel("Reps")).toHaveCount(0);
  await expect(page.getByTestId("unsaved-count")).toHaveText("5 unsaved changes");

  // The bike from the library: its 600 seconds read as 10 minutes, typed as minutes and seconds.
  await page.getByLabel("Search the library").fill("bike");
  await page.getByRole("button", { name: "Add Gentle exercise bike" }).click();
  const bike = rows.filter({ hasText: "Gentle exercise bike" });
  const duration = bike.getByRole("group", { name: "Duration" });
  await expect(duration.getByLabel("minutes")).toHaveValue("10");
  await expect(duration.getByLabel("seconds")).toHaveValue("0");
  await expect(bike).toContainText(
    "“for 10 minutes, both legs together, once a day, 5 days a week”",
  );
  await duration.getByLabel("minutes").fill("12");
  await duration.getByLabel("seconds").fill("75");
  await duration.getByLabel("seconds").blur();
  await expect(bike.getByText(/whole minutes and seconds \(0 to 59\)/)).toBeVisible();
  await expect(duration.getByLabel("seconds")).toHaveValue("75");
  await duration.getByLabel("seconds").fill("30");
  await expect(bike).toContainText("“for 12 min 30 s, both legs together");
  await expect(bike.getByText(/whole minutes and seconds/)).toHaveCount(0);

  // Keyboard reorder: Alt+Up on the bike's line, announced, focus staying on the line.
  const bikeLine = bike.getByRole("button", { name: /^\d+\. Gentle exercise bike$/ });
  await bikeLine.focus();
  await page.keyboard.press("Alt+ArrowUp");
  await page.keyboard.press("Alt+ArrowUp");
  await expect(page.getByRole("status").filter({ hasText: "moved to position" })).toHaveText(
    "Gentle exercise bike moved to position 4 of 6.",
  );
  await expect(rows.nth(3)).toContainText("Gentle exercise bike");
  await expect(bike.getByRole("button", { name: "4. Gentle exercise bike" })).toBeFocused();
  await page.keyboard.press("Alt+ArrowDown");
  await expect(rows.nth(4)).toContainText("Gentle exercise bike");
  await page.getByRole("button", { name: "Move Gentle exercise bike up" }).click();
  await expect(rows.nth(3)).toContainText("Gentle exercise bike");

  // Save stays in the window at the top of the page, after scrolling, and at the bottom.
  const save = page.getByRole("button", { name: "Save version 1" });
  for (const y of [0, 600, 100_000]) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await expect(save).toBeInViewport();
  }
  await expect(page.getByTestId("unsaved-count")).toHaveText("6 unsaved changes");
  await expectAccessible(page);
  await shoot(page, "dose-builder");

  await save.click();
  await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}$`));
  const first = await versionsOf(patient.id);
  expect(first.map((r) => r.number)).toEqual([1, 1, 1, 1, 1, 1]);
  expect(first[3]?.durationSeconds).toBe(750);

  // Nothing changed: the builder says so and no version is made.
  await page.goto(`/patients/${patient.id}/program`);
  await hydrated(page);
  await expect(page.getByTestId("unsaved-count")).toHaveText("No unsaved changes");
  await page.getByLabel("Why it changes").selectOption("hold");
  await page.getByRole("button", { name: "Save version 2" }).click();
  await expect(page.getByRole("status").filter({ hasText: "No changes to save" })).toHaveText(
    "No changes to save: version 1 stays as it is.",
  );
  // A number typed differently but meaning the same: the server finds nothing to save either.
  const bikeAgain = rows.filter({ hasText: "Gentle exercise bike" });
  await bikeAgain.getByRole("button", { name: /^\d+\. Gentle exercise bike$/ }).click();
  await bikeAgain.getByRole("group", { name: "Duration" }).getByLabel("minutes").fill("012");
  await expect(page.getByTestId("unsaved-count")).toHaveText("1 unsaved change");
  await page.getByRole("button", { name: "Save version 2" }).click();
  await expect(page.getByRole("status").filter({ hasText: "No changes to save" })).toHaveText(
    "No changes to save: version 1 stays as it is.",
  );
  await expect(page.getByTestId("unsaved-count")).toHaveText("No unsaved changes");
  await expect(page).toHaveURL(/\/program$/);
  expect((await versionsOf(patient.id)).every((r) => r.number === 1)).toBe(true);
  await shoot(page, "dose-builder-no-change");
});
