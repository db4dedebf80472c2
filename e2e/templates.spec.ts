import { insertUser, sharedExercise } from "../db/factories";
import { programTemplates, templateItems } from "../db/schema";
import {
  e2eDb,
  e2eWrite,
  expect,
  expectAccessible,
  hydrated,
  makeClinic,
  PASSWORD,
  shoot,
  signInOverHttp,
  test,
} from "./fixtures";

const RUNNERS_KNEE = "Runner's knee (pain around the kneecap)";

async function clinicWithAdmin(label: string) {
  const made = await makeClinic(label);
  const admin = await insertUser(e2eDb(), {
    clinicId: made.clinic.id,
    role: "admin",
    email: `admin-${made.clinician.email}`,
    name: `${label} Admin`,
    password: PASSWORD,
  });
  return { ...made, admin };
}

/** A clinic template written straight to the database, as the admin screens would save it. */
async function insertClinicTemplate(clinicId: string, name: string, archived = false) {
  const clamshell = await sharedExercise(e2eDb(), "clamshell");
  return e2eWrite(async (tx) => {
    const [template] = await tx
      .insert(programTemplates)
      .values({
        clinicId,
        slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Date.now()}`,
        name,
        condition: "medial_knee_pain",
        description: "Made for this test.",
        archivedAt: archived ? new Date() : null,
      })
      .returning();
    await tx.insert(templateItems).values({
      templateId: template!.id,
      exerciseId: clamshell.id,
      position: 0,
      sets: 2,
      reps: 15,
      sessionsPerDay: 1,
      daysPerWeek: 3,
    });
    return template!;
  });
}

test("an admin copies a shared template and edits it with the program builder's dose editor", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const { admin } = await clinicWithAdmin("TplAdmin");
  const foamRoller = (await sharedExercise(e2eDb(), "foam-roller-it-band")).name;
  const hamstring = (await sharedExercise(e2eDb(), "hamstring-stretch")).name;
  const quads = (await sharedExercise(e2eDb(), "quadriceps-sets")).name;
  await signInOverHttp(context, admin.email);

  await page.goto("/templates");
  await expect(page.getByRole("heading", { name: "Program templates" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: RUNNERS_KNEE }).click();
  await expect(page.getByRole("heading", { level: 1, name: RUNNERS_KNEE })).toBeVisible();
  await expect(page.getByText("Shared templates are read-only.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit template" })).toHaveCount(0);
  await expect(
    page.getByText("3 sets of 10, hold 5 s, the affected leg, once a day"),
  ).toBeVisible();
  const originalUrl = page.url();

  await page.getByRole("button", { name: "Copy to a new template" }).click();
  await expect(page.getByRole("heading", { name: "Edit template" })).toBeVisible();
  await hydrated(page);
  const name = page.getByLabel("Name", { exact: true });
  await expect(name).toHaveValue(`${RUNNERS_KNEE} (copy)`);

  // The builder's editor: library search, compact rows, minutes and seconds, side and load.
  await expect(page.getByLabel("Search the library")).toBeVisible();
  const rows = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
  await expect(rows).toHaveCount(5);
  const line = (exercise: string) =>
    rows
      .filter({ hasText: exercise })
      .getByRole("button", { name: new RegExp(`^\\d+\\. ${exercise.replace(/[()]/g, "\\$&")}$`) });
  await name.fill("Runner's knee, our clinic's way");
  const roller = rows.filter({ hasText: foamRoller });
  await line(foamRoller).click();
  const duration = roller.getByRole("group", { name: "Duration" });
  await expect(duration.getByLabel("minutes")).toHaveValue("1");
  await expect(duration.getByLabel("seconds")).toHaveValue("30");
  await duration.getByLabel("minutes").fill("0");
  await duration.getByLabel("seconds").fill("0");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(roller.getByText("Duration must be at least 1 second.")).toBeVisible();
  await expect(duration.getByLabel("minutes")).toBeFocused();
  await expect(name).toHaveValue("Runner's knee, our clinic's way");
  await duration.getByLabel("minutes").fill("2");
  await expect(roller).toContainText("for 2 minutes, each leg in turn, once a day, 5 days a week");

  // The same limits as a program's: 21 sets is refused beside the field, and kept as typed.
  const quadsRow = rows.filter({ hasText: quads });
  await line(quads).click();
  await expect(quadsRow.getByLabel("Side")).toHaveValue("affected");
  await quadsRow.getByLabel("Sets", { exact: true }).fill("21");
  await quadsRow.getByLabel("Sets", { exact: true }).blur();
  await expect(quadsRow.getByText("Sets can be at most 20.")).toBeVisible();
  await expect(quadsRow.getByLabel("Sets", { exact: true })).toHaveValue("21");
  await quadsRow.getByLabel("Sets", { exact: true }).fill("3");
  await quadsRow.getByLabel("Load").selectOption("kg");
  await quadsRow.getByLabel("Kilograms").fill("1,5");
  await expect(quadsRow).toContainText("with 1.5 kg, the affected leg, once a day, every day");

  // Reordering from the keyboard: Alt+Up on the hamstring stretch's line, focus staying there.
  await line(hamstring).focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(rows.nth(0)).toContainText(hamstring);
  await expect(line(hamstring)).toBeFocused();
  await expect(page.getByTestId("unsaved-count")).toHaveText("4 unsaved changes");
  await expectAccessible(page);
  await shoot(page, "dose-template-editor");

  await page.getByRole("button", { name: "Save template" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Runner's knee, our clinic's way" }),
  ).toBeVisible();
  const items = page.getByRole("list", { name: "Exercises in order" }).getByRole("listitem");
  await expect(items.nth(0)).toContainText(hamstring);
  await expect(items.nth(1)).toContainText(foamRoller);
  await expect(items.nth(1)).toContainText(
    "for 2 minutes, each leg in turn, once a day, 5 days a week",
  );
  await expect(items.nth(2)).toContainText(
    "3 sets of 10, hold 5 s, with 1.5 kg, the affected leg, once a day, every day",
  );
  await expect(page.getByRole("link", { name: "Edit template" })).toBeVisible();

  await page.getByRole("link", { name: "← Program templates" }).click();
  const copyRow = page.getByRole("row").filter({ hasText: "Runner's knee, our clinic's way" });
  await expect(copyRow).toContainText("Your clinic");
  await expect(copyRow).toContainText("Runner's knee");
  const originalRow = page.getByRole("row").filter({ hasText: RUNNERS_KNEE });
  await expect(originalRow).toContainText("Shared");

  await page.goto(originalUrl);
  await expect(
    page.getByText("for 1 min 30 s, each leg in turn, once a day, 5 days a week"),
  ).toBeVisible();
});

test("a clinician reads templates but has no way to change them", async ({ page, context }) => {
  const { clinic, clinician } = await clinicWithAdmin("TplClin");
  const own = await insertClinicTemplate(clinic.id, "Clinic inner knee plan");
  const retired = await insertClinicTemplate(clinic.id, "Retired inner knee plan", true);
  await signInOverHttp(context, clinician.email);

  await page.goto("/templates");
  await expect(page.getByRole("link", { name: "New template" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: own.name })).toBeVisible();
  await expect(page.getByRole("link", { name: retired.name })).toHaveCount(0);

  await page.getByLabel("Condition").selectOption({ label: "Medial knee pain" });
  await page.getByLabel("Include archived templates").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  const retiredRow = page.getByRole("row").filter({ hasText: retired.name });
  await expect(retiredRow).toContainText("Archived");
  await expect(page.getByRole("link", { name: RUNNERS_KNEE })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("link", { name: own.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: own.name })).toBeVisible();
  await expect(
    page.getByText("2 sets of 15, each leg in turn, once a day, 3 days a week"),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit template" })).toHaveCount(0);
  await expect(page.getByRole("button")).toHaveText(["Sign out"]);

  const edit = await page.goto(`/templates/${own.id}/edit`);
  expect(edit?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  const create = await page.goto("/templates/new");
  expect(create?.status()).toBe(404);
});
