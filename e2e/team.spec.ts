import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { insertPatient, insertUser } from "../db/factories";
import { userTokens } from "../db/schema";
import { generateLinkToken, hashLinkToken } from "../server/auth/tokens";
import {
  e2eDb,
  e2eWrite,
  expect,
  expectAccessible,
  makeClinic,
  PASSWORD,
  signInOverHttp,
  test,
} from "./fixtures";

const NEW_PASSWORD = "harbour lantern violet orchard";
const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

/** A clinic from the shared fixture plus an admin who can sign in. */
async function clinicWithAdmin(label: string) {
  const made = await makeClinic(label);
  const admin = await insertUser(e2eDb(), {
    clinicId: made.clinic.id,
    role: "admin",
    email: `admin-${unique()}@example.com`,
    name: `${label} Admin`,
    password: PASSWORD,
  });
  return { ...made, admin };
}

const statusMessage = (page: Page) =>
  page.getByRole("region", { name: "Staff" }).getByRole("status");

test("an admin invites a clinician, who joins and is signed out when deactivated", async ({
  page,
  context,
  browser,
}) => {
  const { admin, clinic } = await clinicWithAdmin("Invite");
  await signInOverHttp(context, admin.email);
  await page.goto("/admin/team");
  await expect(page.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();

  const email = `nia-${unique()}@example.com`;
  await page.getByLabel("Email address").fill("nia@");
  await page.getByLabel("Email address").blur();
  await expect(page.getByText("Enter a full email address")).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await expect(page.getByText("Enter a full email address")).toHaveCount(0);
  await expect(page.getByRole("radio", { name: /Clinician/ })).toBeChecked();
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel("Invitation link (shown only now)").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("list", { name: "Pending invitations" })).toContainText(email);

  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(page.getByText("An invitation to that email is already waiting")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue(email);

  const newcomerContext = await browser.newContext();
  const newcomer = await newcomerContext.newPage();
  await newcomer.goto(link);
  await expect(newcomer.getByRole("heading", { name: `Join ${clinic.name}` })).toBeVisible();
  await expect(newcomer.getByText(email)).toBeVisible();
  await expectAccessible(newcomer);
  await newcomer.getByLabel("Your name").fill("Nia Okafor");
  await newcomer.getByLabel("New password", { exact: true }).fill("password2026");
  await newcomer.getByLabel("New password", { exact: true }).blur();
  await expect(newcomer.getByText("This password is too common")).toBeVisible();
  await newcomer.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await expect(newcomer.getByText("This password is too common")).toHaveCount(0);
  await newcomer.getByLabel("New password again").fill(NEW_PASSWORD);
  await newcomer.getByRole("button", { name: "Create my account" }).click();
  await expect(newcomer.getByRole("heading", { name: "Patients" })).toBeVisible();
  await expect(newcomer.getByRole("banner")).toContainText("Nia Okafor");
  await expect(newcomer.getByRole("banner")).toContainText(`Clinician, ${clinic.name}`);

  await newcomer.goto(link);
  await expect(newcomer.getByRole("heading", { name: "This link no longer works" })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("list", { name: "Pending invitations" })).toHaveCount(0);
  const row = page.getByRole("list", { name: "Staff" }).getByRole("listitem").filter({
    hasText: email,
  });
  await expect(row).toContainText("Active");
  await page.getByRole("button", { name: "Deactivate Nia Okafor" }).click();
  const dialog = page.getByRole("dialog", { name: "Deactivate Nia Okafor?" });
  await expect(dialog).toContainText("signed out at once");
  await dialog.getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(statusMessage(page)).toContainText("Nia Okafor is deactivated");
  await expect(row).toContainText("Deactivated");

  await newcomer.goto(new URL("/patients", link).toString());
  await expect(newcomer).toHaveURL(/\/login/);
  await newcomerContext.close();
});

test("deactivating a clinician with patients needs someone to take them over", async ({
  page,
  context,
}) => {
  const { admin, clinic, clinician, patient } = await clinicWithAdmin("Leaving");
  const colleague = await insertUser(e2eDb(), {
    clinicId: clinic.id,
    email: `colleague-${unique()}@example.com`,
    name: "Leaving Colleague",
  });
  const second = await insertPatient(e2eDb(), {
    clinicId: clinic.id,
    primaryClinicianId: clinician.id,
    displayName: "Leaving Second Patient",
  });
  await signInOverHttp(context, admin.email);
  await page.goto("/admin/team");

  await page.getByRole("button", { name: `Deactivate ${clinician.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Deactivate ${clinician.name}?` });
  await expect(dialog).toContainText("has 2 patients in active care");
  await dialog.getByRole("button", { name: "Hand over and deactivate" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Choose a new clinician for every patient");
  await expect(dialog.getByText(`Choose who takes over ${patient.displayName}.`)).toBeVisible();

  await dialog.getByLabel("Give every patient to").selectOption(colleague.id);
  await dialog.getByLabel(second.displayName).selectOption(admin.id);
  await expect(dialog).toContainText("2 of 2 patients have a new clinician");
  await dialog.getByRole("button", { name: "Hand over and deactivate" }).click();
  await expect(dialog).toBeHidden();
  await expect(statusMessage(page)).toContainText("2 patients moved");

  await page.goto("/patients?who=all");
  await expect(page.getByRole("row", { name: new RegExp(patient.displayName) })).toContainText(
    colleague.name,
  );
  await expect(page.getByRole("row", { name: /Leaving Second Patient/ })).toContainText(
    "Leaving Admin",
  );
});

test("a password reset link sets a new password and ends the old session", async ({
  page,
  context,
  browser,
}) => {
  const { admin, clinician } = await clinicWithAdmin("Reset");
  const theirContext = await browser.newContext();
  await signInOverHttp(theirContext, clinician.email);
  const theirs = await theirContext.newPage();

  await signInOverHttp(context, admin.email);
  await page.goto("/admin/team");
  await page.getByRole("button", { name: `Password reset link for ${clinician.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Password reset link for ${clinician.name}` });
  await dialog.getByRole("button", { name: "Create reset link" }).click();
  const link = await dialog.getByLabel("Password reset link (shown only now)").inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();

  const fresh = await browser.newContext();
  const visitor = await fresh.newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await visitor.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await visitor.getByLabel("New password again").fill(NEW_PASSWORD);
  await visitor.getByRole("button", { name: "Save new password" }).click();
  await expect(visitor.getByRole("heading", { name: "Patients" })).toBeVisible();

  await theirs.goto(new URL("/patients", link).toString());
  await expect(theirs).toHaveURL(/\/login/);
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await theirContext.close();
  await fresh.close();
});

test("a clinician cannot see the team page: it does not exist for them", async ({
  page,
  context,
}) => {
  const { clinician } = await makeClinic("NoTeam");
  await signInOverHttp(context, clinician.email);
  const response = await page.goto("/admin/team");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Team" })).toHaveCount(0);
});

test("the team page reads well on a phone and on a desktop", async ({ page, context, browser }) => {
  const { admin, clinic, clinician } = await clinicWithAdmin("Riverside");
  const d = e2eDb();
  await insertUser(d, {
    clinicId: clinic.id,
    email: `maximilian.featherstonehaugh-${unique()}@riverside-physiotherapy.example`,
    name: "Maximilian Featherstonehaugh-Wright",
  });
  const away = await insertUser(d, {
    clinicId: clinic.id,
    email: `away-${unique()}@example.com`,
    name: "Ben Away",
    active: false,
  });
  for (let i = 0; i < 3; i++) {
    await insertPatient(d, { clinicId: clinic.id, primaryClinicianId: clinician.id });
  }
  const now = Date.now();
  const pendingToken = generateLinkToken();
  for (const [email, token, expiresAt] of [
    [`pending-${unique()}@example.com`, pendingToken, new Date(now + 5 * 86_400_000)],
    [`late-${unique()}@example.com`, generateLinkToken(), new Date(now - 86_400_000)],
  ] as const) {
    await e2eWrite((tx) =>
      tx.insert(userTokens).values({
        clinicId: clinic.id,
        kind: "invite",
        tokenHash: hashLinkToken(token),
        email,
        role: "clinician",
        createdBy: admin.id,
        createdAt: new Date(now - 2 * 86_400_000),
        expiresAt,
      }),
    );
  }
  await signInOverHttp(context, admin.email);
  mkdirSync("screenshots", { recursive: true });

  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/admin/team");
    await expect(page.getByRole("button", { name: `Reactivate ${away.name}` })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `screenshots/team-${width}.png`, fullPage: true });
    await page.getByRole("button", { name: `Deactivate ${clinician.name}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByLabel("Give every patient to")).toBeVisible();
    await page.screenshot({ path: `screenshots/team-deactivate-${width}.png` });
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeInViewport();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  }
  await expectAccessible(page);

  const newcomer = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await newcomer.goto(new URL(`/invite/${pendingToken}`, page.url()).toString());
  await newcomer.getByLabel("New password", { exact: true }).fill("kettle");
  await newcomer.getByLabel("New password", { exact: true }).blur();
  await expect(newcomer.getByText("Use at least 12 characters")).toBeVisible();
  await newcomer.screenshot({ path: "screenshots/invite-360.png", fullPage: true });
  await newcomer.close();
});
