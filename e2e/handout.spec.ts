import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { eq } from "drizzle-orm";
import { exercises, patients, type ExerciseMedia } from "../db/schema";
import { insertProgramVersion, sharedExercise } from "../db/factories";
import {
  e2eDb,
  e2eWrite,
  expect,
  expectAccessible,
  hydrated,
  makeClinic,
  PHONE,
  signInOverHttp,
  test,
} from "./fixtures";

const DESK = { viewport: { width: 1280, height: 900 } };

test.use(DESK);

test("a clinician prints a program handout with a link QR code, on A4 and US Letter", async ({
  page,
  context,
  browser,
}) => {
  const { clinic, clinician, patient } = await makeClinic("Handout");
  await signInOverHttp(context, clinician.email);
  await page.goto(`/patients/${patient.id}`);
  await page.getByRole("link", { name: "Print handout" }).click();
  await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}/handout$`));

  await expect(
    page.getByRole("heading", { name: "Home exercises for Handout Patient" }),
  ).toBeVisible();
  await expect(page.getByText(clinic.name).first()).toBeVisible();
  await expect(page.getByText("020 7946 0999").first()).toBeVisible();
  const exercisesOnPaper = page.getByRole("article");
  await expect(exercisesOnPaper).toHaveCount(2);
  await expect(exercisesOnPaper.nth(0)).toContainText("Wall squat");
  await expect(exercisesOnPaper.nth(0)).toContainText(
    "2 sets of 10, hold 5 s, both legs together, once a day, 5 days a week",
  );
  await expect(exercisesOnPaper.nth(0)).toContainText("Stop if");
  await expect(exercisesOnPaper.nth(1)).toContainText("3 sets of 12, hold 5 s");
  for (const exercise of await exercisesOnPaper.all()) {
    expect(await exercise.getByRole("listitem").count()).toBeGreaterThan(1);
  }
  await expect(page.getByText(/your pain may reach 5 out of 10/)).toBeVisible();
  await expect(page.getByText(/Ask Handout Clinic for your personal link/)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Add a link QR code to this handout" }).click();
  const qr = page.getByRole("img", { name: /QR code of Handout Patient's personal link/ });
  await expect(qr.locator("svg")).toBeVisible();
  await expect(page.getByText(/Ask Handout Clinic for your personal link/)).toHaveCount(0);
  const shortUrl = await page.locator(".handout-link .font-mono").innerText();
  expect(shortUrl).toMatch(/^localhost:\d+\/p\/[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("link", { name: /Handout Patient/ })).toBeHidden();
  await expect(exercisesOnPaper).toHaveCount(2);
  await expect(exercisesOnPaper.first()).toBeVisible();
  await expect(qr.locator("svg")).toBeVisible();
  // 7 inches (672 CSS px) is narrower than what A4 or Letter leave between the margins.
  await page.setViewportSize({ width: 672, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(672);

  for (const format of ["A4", "Letter"] as const) {
    const pdf = await page.pdf({ format });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.byteLength).toBeGreaterThan(5_000);
  }
  await page.emulateMedia({ media: "screen" });

  // The printed code leads to the tracked plan, and the patient's other links were left alone.
  const phone = await browser.newContext(PHONE);
  const phonePage = await phone.newPage();
  await phonePage.goto(`http://${shortUrl}`);
  await expect(phonePage.getByRole("heading", { name: "Hello Handout" })).toBeVisible();
  await phone.close();
});

test("a missing picture never breaks the handout", async ({ page, context }) => {
  const { clinic, clinician, patient } = await makeClinic("Pictures");
  const db = e2eDb();
  const mediaDir = path.join(process.env.DATA_DIR!, "media");
  mkdirSync(mediaDir, { recursive: true });
  const present = `present-${Date.now()}`;
  const png = await sharp({
    create: { width: 320, height: 240, channels: 3, background: "#0b5d6b" },
  })
    .png()
    .toBuffer();
  writeFileSync(path.join(mediaDir, `${present}.png`), png);
  const picture = (id: string, alt: string): ExerciseMedia => ({
    id,
    file: `${id}.png`,
    mimeType: "image/png",
    width: 320,
    height: 240,
    alt,
  });
  const {
    id: sharedId,
    createdAt: _c,
    updatedAt: _u,
    ...squat
  } = await sharedExercise(db, "wall-squat");
  const [withPictures] = await e2eWrite((tx) =>
    tx
      .insert(exercises)
      .values({
        ...squat,
        clinicId: clinic.id,
        slug: `wall-squat-pictures-${Date.now()}`,
        name: "Wall squat with pictures",
        copiedFromId: sharedId,
        media: [picture(present, "Starting position"), picture("gone-missing", "Lost picture")],
      })
      .returning(),
  );
  await insertProgramVersion(db, {
    clinicId: clinic.id,
    patientId: patient.id,
    authorId: clinician.id,
    items: [
      { exerciseId: withPictures!.id, sets: 2, reps: 10 },
      { exerciseId: (await sharedExercise(db, "adductor-squeeze")).id, sets: 3, reps: 12 },
    ],
  });

  await signInOverHttp(context, clinician.email);
  await page.goto(`/patients/${patient.id}/handout`);
  await expect(page.getByRole("article")).toHaveCount(2);
  await expect(page.getByRole("img", { name: "Starting position" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Lost picture" })).toHaveCount(0);
  const loaded = await page
    .getByRole("img", { name: "Starting position" })
    .evaluate((img: HTMLImageElement) => img.naturalWidth);
  expect(loaded).toBe(320);
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
});

test("a clinician replaces a link: the old one stops working on the phone, the new one works", async ({
  page,
  browser,
}) => {
  const { clinician, patient, link } = await makeClinic("Replace");
  const { token: oldToken } = await link();
  await page.goto(`/p/${oldToken}`);
  await expect(page.getByRole("heading", { name: "Hello Replace" })).toBeVisible();

  const staff = await browser.newContext(DESK);
  await signInOverHttp(staff, clinician.email);
  const desk = await staff.newPage();
  await desk.goto(`/patients/${patient.id}`);
  await hydrated(desk);
  await desk.getByRole("tab", { name: "Link" }).click();
  const panel = desk.getByRole("region", { name: "Patient link" });
  await expect(panel.getByRole("list", { name: "Links" }).getByRole("listitem")).toHaveCount(1);

  await panel.getByLabel("Valid for").selectOption("custom");
  await panel.getByLabel("Days (1–730)").fill("800");
  await panel.getByRole("button", { name: "Replace link…" }).click();
  await expect(panel.getByText("Replace the link?")).toBeVisible();
  await panel.getByRole("button", { name: "Replace now" }).click();
  await expect(panel.getByText("A link can last two years at most (730 days).")).toBeVisible();
  await expect(panel.getByLabel("Days (1–730)")).toBeFocused();

  // Refused before anything changed: the phone still works.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Hello Replace" })).toBeVisible();

  await panel.getByLabel("Days (1–730)").fill("45");
  await panel.getByRole("button", { name: "Replace now" }).click();
  const newUrl = await panel.getByLabel("New link", { exact: true }).inputValue();
  expect(newUrl).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);
  expect(newUrl).not.toContain(oldToken);
  await expect(panel.getByText("The previous link has stopped working.")).toBeVisible();
  await expect(
    panel.getByRole("img", { name: "QR code of the new link for Replace Patient" }).locator("svg"),
  ).toBeVisible();
  const inFortyFiveDays = new Date(Date.now() + 45 * 86_400_000).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
  });
  await expect(panel.getByRole("status").filter({ hasText: "Works until" })).toContainText(
    inFortyFiveDays,
  );
  const list = panel.getByRole("list", { name: "Links" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list).toContainText("Revoked");
  await expect(panel.getByRole("button", { name: /^Revoke/ })).toHaveCount(1);
  await expectAccessible(desk);

  await page.reload();
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await page.goto(`/p/${oldToken}`);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await page.goto(newUrl);
  await expect(page.getByRole("heading", { name: "Hello Replace" })).toBeVisible();
  await staff.close();
});

test("a discharged patient's link panel explains why links are off", async ({ page, context }) => {
  const { clinician, patient } = await makeClinic("Discharged");
  await signInOverHttp(context, clinician.email);
  await e2eWrite((tx) =>
    tx.update(patients).set({ status: "discharged" }).where(eq(patients.id, patient.id)),
  );
  await page.goto(`/patients/${patient.id}?section=link`);
  const panel = page.getByRole("region", { name: "Patient link" });
  await expect(panel.getByText(/Links are switched off/)).toBeVisible();
  await expect(panel.getByRole("button", { name: "Create a new link" })).toHaveCount(0);

  await page.goto(`/patients/${patient.id}/handout`);
  await expect(page.getByRole("article")).toHaveCount(2);
  await expect(
    page.getByRole("button", { name: "Add a link QR code to this handout" }),
  ).toBeDisabled();
  await expect(page.getByText(/is discharged, so links are switched off/)).toBeVisible();
});
