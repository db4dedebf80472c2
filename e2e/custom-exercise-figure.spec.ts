import { mkdirSync } from "node:fs";
import { and, desc, eq } from "drizzle-orm";
import sharp from "sharp";
import { insertUser } from "../db/factories";
import { programItems, programs, programVersions } from "../db/schema";
import { figurePresets } from "../lib/figure/presets";
import {
  e2eDb,
  e2eRead,
  expect,
  expectAccessible,
  hydrated,
  makeClinic,
  PASSWORD,
  PHONE,
  signInOverHttp,
  test,
} from "./fixtures";

/**
 * Issue 14: a clinic gives its own exercise a drawn movement in the exercise form; the drawing is
 * on the exercise's page beside any photo, and on the patient's card once a clinician prescribes
 * it. Screenshots of the form go to /tmp/shots-figwire/.
 */

const SHOTS = "/tmp/shots-figwire";
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The exercises of the patient's newest program version, in order. */
function programExerciseIds(patientId: string) {
  return e2eRead(async (db) => {
    const [version] = await db
      .select({ id: programVersions.id })
      .from(programVersions)
      .innerJoin(programs, eq(programs.id, programVersions.programId))
      .where(and(eq(programs.patientId, patientId), eq(programs.status, "active")))
      .orderBy(desc(programVersions.number))
      .limit(1);
    if (!version) return [];
    const rows = await db
      .select({ exerciseId: programItems.exerciseId })
      .from(programItems)
      .where(eq(programItems.versionId, version.id))
      .orderBy(programItems.position);
    return rows.map((r) => r.exerciseId);
  });
}

test("an admin draws a clinic exercise; the clinician prescribes it; the patient's card shows the drawing", async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  const { clinic, clinician, patient, link } = await makeClinic("Figure");
  const admin = await insertUser(e2eDb(), {
    clinicId: clinic.id,
    role: "admin",
    email: `figure-admin-${Date.now()}@example.com`,
    password: PASSWORD,
  });
  await signInOverHttp(context, admin.email);
  const name = `Drawn step-ups ${Date.now() % 100_000}`;

  await page.setViewportSize({ width: 1280, height: 900 });
  const form = await page.goto("/library/new");
  // The movements' drawings come with the page, drawn on the server: say what they weigh.
  test.info().annotations.push({
    type: "new exercise page",
    description: `${Math.round((await form!.body()).length / 1024)} KiB of HTML`,
  });
  const illustration = page.getByRole("group", { name: "Illustration" });
  await expect(illustration.getByRole("radio", { name: "No drawing" })).toBeChecked();
  await illustration.getByRole("radio", { name: "Drawn figure" }).check();

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Target (nerve or muscle group)").fill("Quadriceps and glutes");
  await page.getByLabel("Category").selectOption("strengthening");
  await page.getByLabel("Body region").selectOption("knee");
  await page.getByRole("radio", { name: /^One leg/ }).check();
  await page
    .getByLabel("One-line summary for the patient")
    .fill("Step up onto a low step to build strength for stairs.");
  await page.getByLabel("Steps").fill("Stand facing a low step.\nStep up.\nStep down slowly.");
  await page.getByLabel("What the patient should feel").fill("Work in the front of your thigh.");
  await page.getByLabel("Stop if…").fill("Your knee gives way.");
  await page.getByLabel("Sets").fill("2");
  await page.getByLabel("Reps").fill("10");

  // "Drawn figure" with no movement chosen yet is refused, and nothing typed is lost.
  await page.getByRole("button", { name: "Create exercise" }).click();
  await expect(illustration).toContainText("Choose one of the ready-made movements");
  await expect(page.getByLabel("Name")).toHaveValue(name);

  // The movements are a radio group: arrow keys move the choice, and the preview follows.
  const movements = illustration.getByRole("group", { name: "Movement" });
  const [first, second] = figurePresets;
  const firstRadio = movements.getByRole("radio", { name: first!.label, exact: true });
  await firstRadio.check();
  await expect(illustration.getByText("Choose one of the ready-made movements")).toHaveCount(0);
  const preview = illustration.getByRole("img", { name: new RegExp(escape(first!.label)) }).last();
  await expect(preview).toBeVisible();
  if (second) {
    await firstRadio.focus();
    await page.keyboard.press("ArrowRight");
    await expect(movements.getByRole("radio", { name: second.label, exact: true })).toBeChecked();
    await expect(movements.getByRole("radio", { name: second.label, exact: true })).toBeFocused();
    await page.keyboard.press("ArrowLeft");
    await expect(firstRadio).toBeChecked();
  }
  await expectAccessible(page);
  await illustration.screenshot({ path: `${SHOTS}/form-illustration-1280.png` });
  await page.screenshot({ path: `${SHOTS}/form-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await illustration.screenshot({ path: `${SHOTS}/form-illustration-360.png` });
  await page.screenshot({ path: `${SHOTS}/form-360.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole("button", { name: "Create exercise" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const exerciseId = new URL(page.url()).pathname.split("/").pop()!;
  // The exercise page shows the drawing (as the patient's card will).
  await expect(page.getByRole("img", { name: new RegExp(escape(name)) }).first()).toBeVisible();

  // Photos can still be added once it is saved; the drawing stays beside them.
  await page.getByLabel(/Add a picture/).setInputFiles({
    name: "step-up.png",
    mimeType: "image/png",
    buffer: await sharp({
      create: { width: 320, height: 200, channels: 3, background: "#2f7d8c" },
    })
      .png()
      .toBuffer(),
  });
  await page.getByLabel("What the picture shows").fill("Starting position");
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expect(page.getByRole("img", { name: "Starting position" }).first()).toBeVisible();
  await expect(page.getByRole("img", { name: new RegExp(escape(name)) }).first()).toBeVisible();

  // Editing shows the movement chosen.
  await page.goto(`/library/${exerciseId}/edit`);
  await expect(illustration.getByRole("radio", { name: "Drawn figure" })).toBeChecked();
  await expect(movements.getByRole("radio", { name: first!.label, exact: true })).toBeChecked();

  // A clinician adds it to the patient's program.
  const staff = await browser.newContext();
  await signInOverHttp(staff, clinician.email);
  const builder = await staff.newPage();
  await builder.goto(`/patients/${patient.id}/program`);
  await hydrated(builder);
  await builder.getByLabel("Search the library").fill(name);
  await builder.getByRole("button", { name: `Add ${name}` }).click();
  await builder.getByLabel("Why it changes").selectOption("progress");
  await builder.getByRole("button", { name: /^Save version 2/ }).click();
  await expect
    .poll(() => programExerciseIds(patient.id), { timeout: 15_000 })
    .toContain(exerciseId);
  await staff.close();

  // The patient's card shows the drawing.
  const { token } = await link();
  const phone = await browser.newContext(PHONE);
  const mobile = await phone.newPage();
  await mobile.goto(`/p/${token}`);
  await hydrated(mobile);
  await mobile.getByRole("button", { name: "Not now" }).click();
  await mobile.getByRole("button", { name: "Answer later" }).click();
  const card = mobile.getByRole("article").filter({ hasText: name });
  await expect(card.getByRole("img", { name: new RegExp(escape(name)) }).first()).toBeVisible();
  await mobile.screenshot({ path: `${SHOTS}/patient-card-360.png`, fullPage: true });
  await phone.close();
});
