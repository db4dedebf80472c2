import sharp from "sharp";
import { insertUser } from "../db/factories";
import { e2eDb, expect, makeClinic, signInOverHttp, test } from "./fixtures";

async function pngPicture() {
  return sharp({ create: { width: 320, height: 200, channels: 3, background: "#2f7d8c" } })
    .png()
    .toBuffer();
}

test("an admin creates an exercise with a picture, edits it and archives it", async ({
  page,
  context,
}) => {
  const { clinic } = await makeClinic("Library");
  const admin = await insertUser(e2eDb(), {
    clinicId: clinic.id,
    role: "admin",
    email: `lib-admin-${Date.now()}@example.com`,
    password: "e2e password long enough",
  });
  await signInOverHttp(context, admin.email);

  const picker = page.getByLabel(/Add a picture/);
  await page.goto("/library");
  await page.getByRole("link", { name: "New exercise" }).click();
  await page.getByLabel("Name").fill("Step-ups onto a low box");
  await page.getByRole("button", { name: "Create exercise" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "fixing before saving" })).toBeVisible();
  await expect(page.getByText("Choose a category.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Step-ups onto a low box");

  await page.getByLabel("Target (nerve or muscle group)").fill("Quadriceps and glutes");
  await page.getByLabel("Category").selectOption("strengthening");
  await page.getByLabel("Body region").selectOption("knee");
  await page.getByRole("radio", { name: /^One leg/ }).check();
  await page
    .getByLabel("One-line summary for the patient")
    .fill("Step up onto a low step to build strength for stairs.");
  await page.getByLabel("Runner's knee").check();
  await page
    .getByLabel("Steps")
    .fill("Stand facing a low step.\nStep up with your sore leg.\nStep down slowly.");
  await page.getByLabel("What the patient should feel").fill("Work in the front of your thigh.");
  await page.getByLabel("Stop if…").fill("Your knee gives way.");
  await page.getByLabel("Sets").fill("2");
  await page.getByLabel("Reps").fill("10");
  await page.getByLabel("Days a week").fill("4");
  await page.getByRole("button", { name: "Create exercise" }).click();

  await expect(
    page.getByRole("heading", { level: 1, name: "Step-ups onto a low box" }),
  ).toBeVisible();
  await expect(
    page.getByText("2 sets of 10, the affected leg, once a day, 4 days a week"),
  ).toBeVisible();

  await picker.setInputFiles({
    name: "step-up.png",
    mimeType: "image/png",
    buffer: await pngPicture(),
  });
  await page.getByLabel("What the picture shows").fill("Starting position");
  await page.getByRole("button", { name: "Upload picture" }).click();
  const preview = page.getByRole("article");
  await expect(preview.getByRole("img", { name: "Starting position" })).toBeVisible();
  const loaded = await preview
    .getByRole("img", { name: "Starting position" })
    .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
  expect(loaded).toBe(true);

  await picker.setInputFiles({
    name: "holiday.png",
    mimeType: "image/png",
    buffer: Buffer.from("%PDF-1.7 not a picture"),
  });
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not a PNG, JPEG or WebP");

  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Reps").fill("12");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(
    page.getByText("2 sets of 12, the affected leg, once a day, 4 days a week"),
  ).toBeVisible();

  await page.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByText("Archived: hidden from pickers and search")).toBeVisible();
  await page.goto("/library?q=step-ups");
  await expect(page.getByText("No exercises match.")).toBeVisible();
  await page.getByLabel("Show archived exercises").check();
  await expect(page.getByRole("link", { name: "Step-ups onto a low box" })).toBeVisible();
});

test("a clinician browses the library read-only and searches as they type", async ({
  page,
  context,
}) => {
  const { clinician } = await makeClinic("Reader");
  await signInOverHttp(context, clinician.email);
  await page.goto("/library");
  await expect(page.getByRole("link", { name: "New exercise" })).toHaveCount(0);
  await page.getByLabel("Search").fill("clamshell");
  await expect(page.getByRole("status")).toHaveText(/^1 exercise$/);
  await expect(page).toHaveURL(/q=clamshell/);
  await page.getByRole("link", { name: "Clamshell" }).click();
  await expect(page.getByRole("heading", { name: "As a patient sees it" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy into my clinic" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  const forbidden = await page.goto("/library/new");
  expect(forbidden?.status()).toBe(404);
});
