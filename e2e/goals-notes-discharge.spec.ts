import { mkdirSync, writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { insertCheckIn } from "../db/factories";
import { goals, programs, programVersions } from "../db/schema";
import { addDays, dayInZone } from "../server/domain/days";
import {
  e2eDb,
  e2eRead,
  e2eWrite,
  expect,
  expectAccessible,
  hydrated,
  makeClinic,
  PHONE,
  shoot,
  signInOverHttp,
  test,
} from "./fixtures";

const DESK = { viewport: { width: 1280, height: 900 } };
test.use(DESK);

const section = (patientId: string) => `/patients/${patientId}?section=goals-notes`;

test("a goal is set with the patient and met, and the patient sees it on their phone", async ({
  page,
  context,
  browser,
}) => {
  const { clinician, patient, link } = await makeClinic("Goals");
  await signInOverHttp(context, clinician.email);
  await page.goto(section(patient.id));
  await hydrated(page);
  const form = page.getByRole("form", { name: "New goal" });
  await form.getByLabel("Measured by").fill("Minutes walked without stopping");
  await form.getByLabel("Target").fill("30 minutes");
  await form.getByLabel("Reach it by").fill("2027-01-31");
  await form.getByRole("button", { name: "Add goal" }).click();
  // The goal itself was left out: the message says so, and nothing typed is lost.
  await expect(form.getByText(/Say what the patient wants to be able to do/)).toBeVisible();
  await expect(form.getByLabel("Measured by")).toHaveValue("Minutes walked without stopping");
  await expect(form.getByLabel("Target")).toHaveValue("30 minutes");
  await form.getByLabel(/Goal: what the patient wants/).fill("Walk the dog to the park and back");
  await form.getByRole("button", { name: "Add goal" }).click();

  const goal = page.getByRole("article", { name: "Walk the dog to the park and back" });
  await expect(goal).toBeVisible();
  await expect(goal).toContainText("Working on it");
  await expect(goal).toContainText("30 minutes by 31 Jan 2027");
  await expect(form.getByLabel("Target")).toHaveValue("");
  await expectAccessible(page);
  await goal.getByRole("button", { name: "Mark reached" }).click();
  await expect(goal).toContainText("Reached");
  await expect(goal.getByRole("button", { name: "Reopen" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Closed goals" })).toBeVisible();
  await shoot(page, "goals-clinician");

  const phone = await browser.newContext({ ...PHONE, baseURL: page.url() });
  const mobile = await phone.newPage();
  await mobile.goto(`/p/${(await link()).token}`);
  await mobile.goto("/p/progress");
  const mine = mobile.getByRole("region", { name: "My goals" });
  await expect(mine).toContainText("Walk the dog to the park and back");
  await expect(mine).toContainText("Target: 30 minutes, by 31 Jan 2027");
  await expect(mine).toContainText("Done! You reached this goal");
  expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    360,
  );
  await expectAccessible(mobile);
  await mine.scrollIntoViewIfNeeded();
  if (process.env.SCREENSHOTS)
    await mobile.screenshot({
      path: `${process.env.SCREENSHOTS}/goals-phone-360.png`,
      fullPage: true,
    });
  await phone.close();
});

test("a clinical note is written, edited by its author, and its history shown", async ({
  page,
  context,
}) => {
  const { clinician, patient } = await makeClinic("Notes");
  await signInOverHttp(context, clinician.email);
  await page.goto(section(patient.id));
  await hydrated(page);
  const form = page.getByRole("form", { name: "New note" });
  await form.getByRole("radio", { name: "SOAP" }).check();
  await form.getByRole("button", { name: "Add note" }).click();
  await expect(form.getByText(/Fill in at least one of subjective/)).toBeVisible();
  await form.getByRole("radio", { name: "Free text" }).check();
  await form.getByLabel("Note").fill("Knee swollen after a long walk on Saturday.");
  await form.getByRole("button", { name: "Add note" }).click();

  const note = page.getByRole("list", { name: "Notes, newest first" }).getByRole("article");
  await expect(note).toHaveCount(1);
  await expect(note).toContainText("Knee swollen after a long walk on Saturday.");
  await expect(form.getByLabel("Note")).toHaveValue("");

  await note.getByRole("button", { name: "Edit" }).click();
  const edit = note.getByRole("form", { name: "Edit note" });
  await edit.getByRole("radio", { name: "SOAP" }).check();
  await edit.getByLabel("Subjective").fill("Swollen after a long walk; better by Monday.");
  await edit.getByLabel("Plan").fill("Hold the program for a week.");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(note).toContainText("Edited 1×");
  await expect(note).toContainText("Hold the program for a week.");
  await note.getByRole("button", { name: "Show history" }).click();
  const history = note.getByRole("list", { name: "Versions, newest first" });
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history.getByRole("listitem").nth(1)).toContainText(
    "Knee swollen after a long walk on Saturday.",
  );
  await expect(history.getByRole("listitem").nth(1)).toContainText("Version 1");
  await expectAccessible(page);
  await shoot(page, "notes-clinician");
});

test("discharging asks for a closing note and prints a summary on A4 and Letter", async ({
  page,
  context,
}) => {
  const { clinic, clinician, patient } = await makeClinic("Discharge");
  const [version] = await e2eRead((db) =>
    db
      .select({ id: programVersions.id })
      .from(programVersions)
      .innerJoin(programs, eq(programs.id, programVersions.programId))
      .where(eq(programs.patientId, patient.id))
      .limit(1),
  );
  const today = dayInZone(new Date(), patient.timeZone);
  // The fixture's program starts today: one morning report is too few for a baseline.
  await insertCheckIn(e2eDb(), {
    clinicId: clinic.id,
    patientId: patient.id,
    versionId: version!.id,
    day: today,
    kind: "morning",
    pain: [{ context: "morning", score: 6 }],
  });
  const now = new Date();
  await e2eWrite((tx) =>
    tx.insert(goals).values([
      {
        clinicId: clinic.id,
        patientId: patient.id,
        createdBy: clinician.id,
        what: "Climb the stairs at home without the rail",
        measure: "Flights climbed",
        target: "2 flights",
        targetDay: addDays(today, 30),
        status: "met",
        statusChangedAt: now,
        statusChangedBy: clinician.id,
        createdAt: now,
        updatedAt: now,
      },
      {
        clinicId: clinic.id,
        patientId: patient.id,
        createdBy: clinician.id,
        what: "Jog for ten minutes",
        measure: "Minutes jogged",
        target: "10 minutes",
        targetDay: addDays(today, 60),
        status: "active",
        statusChangedAt: now,
        statusChangedBy: clinician.id,
        createdAt: now,
        updatedAt: now,
      },
    ]),
  );

  await signInOverHttp(context, clinician.email);
  await page.goto(`/patients/${patient.id}`);
  await hydrated(page);
  await page.getByRole("button", { name: "Discharge", exact: true }).click();
  const confirm = page.getByRole("form", { name: "Confirm discharge" });
  await confirm.getByRole("button", { name: "Discharge and write summary" }).click();
  await expect(confirm.getByText(/Write a closing note/)).toBeVisible();
  await confirm
    .getByLabel("Closing note for the summary")
    .fill("Back on the stairs without the rail. Continue the program at home for a month.");
  await confirm.getByRole("button", { name: "Discharge and write summary" }).click();

  await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}/discharge-summary$`));
  await expect(
    page.getByRole("heading", { name: "Discharge summary: Discharge Patient" }),
  ).toBeVisible();
  const sheet = page.locator(".summary-sheet");
  await expect(sheet).toContainText("Medial knee pain");
  await expect(sheet.getByRole("region", { name: "Home exercise program" })).toContainText(
    "Initial",
  );
  await expect(sheet.getByRole("region", { name: "Goals" })).toContainText("1 of 2 goals reached");
  await expect(sheet.getByRole("region", { name: "Goals" })).toContainText(
    /Reached on .*: Climb the stairs at home without the rail/,
  );
  await expect(sheet.getByRole("region", { name: "Closing note" })).toContainText(
    "Continue the program at home for a month.",
  );
  await expect(sheet.getByRole("region", { name: /Pain/ })).toContainText("Not enough morning");
  await expectAccessible(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectAccessible(page);
  await page.setViewportSize(DESK.viewport);
  await shoot(page, "discharge-summary");

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await page.setViewportSize({ width: 672, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(672);
  for (const format of ["A4", "Letter"] as const) {
    const pdf = await page.pdf({ format });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    if (process.env.SCREENSHOTS) {
      mkdirSync(process.env.SCREENSHOTS, { recursive: true });
      writeFileSync(`${process.env.SCREENSHOTS}/discharge-summary-${format}.pdf`, pdf);
    }
  }
  await page.emulateMedia({ media: "screen" });

  // The record now says discharged, and links to the summary.
  await page.goto(section(patient.id));
  await expect(page.getByRole("link", { name: "Discharge summary" })).toBeVisible();
  await expect(page.getByText(/re-admit them to set a new goal/)).toBeVisible();
});
