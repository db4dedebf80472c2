import { userTokens } from "../db/schema";
import { generateLinkToken, hashLinkToken } from "../server/auth/tokens";
import { e2eWrite, expect, expectAccessible, makeClinic, PASSWORD, test } from "./fixtures";
import type { Page } from "@playwright/test";

/** Each way of writing another origin that a "starts with / and not //" check let through. */
const HOSTILE = [
  "/\\evil.example",
  "/\t/evil.example",
  "/\\/evil.example",
  "/\n/evil.example",
  "//evil.example",
  "/..//evil.example",
  "https://evil.example/",
  "javascript:alert(document.domain)",
];

async function signInThroughTheForm(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a hostile callbackUrl never takes the browser off our origin after signing in", async ({
  page,
  context,
  baseURL,
}) => {
  // Nine full sign-ins, each with a password check on the server.
  test.slow();
  const { clinician } = await makeClinic("Redirect");
  const ours = new URL(baseURL!).origin;
  // The probe's own address, exactly as it was reported.
  const reported = ["/login?callbackUrl=%2F%5Cevil.example"];
  const built = HOSTILE.map((target) => `/login?${new URLSearchParams({ callbackUrl: target })}`);
  for (const address of [...reported, ...built]) {
    await context.clearCookies();
    await page.goto(address);
    await signInThroughTheForm(page, clinician.email);
    await expect(page.getByRole("heading", { name: "Patients" })).toBeVisible();
    const landed = new URL(page.url());
    expect([address, landed.origin, landed.pathname]).toEqual([address, ours, "/patients"]);
  }
});

test("a callbackUrl on this site is honoured, with its query", async ({
  page,
  context,
  baseURL,
}) => {
  const { clinician } = await makeClinic("Callback");
  for (const [target, expected] of [
    ["/patients?x=1", "/patients?x=1"],
    [`${new URL(baseURL!).origin}/alerts`, "/alerts"],
  ] as const) {
    await context.clearCookies();
    await page.goto(`/login?${new URLSearchParams({ callbackUrl: target })}`);
    await signInThroughTheForm(page, clinician.email);
    await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === expected);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  }
});

test("someone invited with an address that has an account elsewhere signs in and is told what to do", async ({
  page,
}) => {
  const inviting = await makeClinic("Inviting");
  const current = await makeClinic("Current");
  const token = generateLinkToken();
  await e2eWrite((tx) =>
    tx.insert(userTokens).values({
      clinicId: inviting.clinic.id,
      kind: "invite",
      tokenHash: hashLinkToken(token),
      email: current.clinician.email,
      role: "clinician",
      createdBy: inviting.clinician.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    }),
  );

  // Anyone holding the link (the inviting admin too) sees the usual page.
  await page.goto(`/invite/${token}`);
  await expect(page.getByRole("heading", { name: "Join Inviting Clinic" })).toBeVisible();
  await expect(page.getByText("already has a Rehabit account")).toHaveCount(0);

  await page.getByRole("link", { name: "Sign in to that account first" }).click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.reload();
  await signInThroughTheForm(page, current.clinician.email);
  await expect(page).toHaveURL(new RegExp(`/invite/${token}$`));
  await expect(
    page.getByRole("heading", { name: "Your email already has a Rehabit account" }),
  ).toBeVisible();
  await expect(page.getByRole("main")).toContainText("at Current Clinic");
  await expect(page.getByRole("main")).toContainText(
    "Ask Inviting Clinic to invite another email address of yours instead.",
  );
  await expectAccessible(page);
});
