import { and, eq } from "drizzle-orm";
import { insertUser } from "../db/factories";
import { alerts } from "../db/schema";
import { RED_FLAG_QUESTIONS } from "../server/domain/red-flags";
import {
  e2eDb,
  e2eRead,
  expect,
  expectAccessible,
  hydrated,
  makeClinic,
  PASSWORD,
  PHONE,
  receivedMail,
  signInOverHttp,
  shoot,
  test,
} from "./fixtures";

test("an emergency answer reaches the clinician at once: a banner on every page and one email", async ({
  browser,
  page,
  context,
}) => {
  const { clinic, clinician, patient, link } = await makeClinic("Delivery");
  const admin = await insertUser(e2eDb(), {
    clinicId: clinic.id,
    role: "admin",
    email: `admin-${clinician.email}`,
    name: "Delivery Admin",
    password: PASSWORD,
  });

  // The patient, on a phone, answers E2 yes from "I have new symptoms".
  const phone = await browser.newContext({ ...PHONE });
  const patientPage = await phone.newPage();
  await patientPage.goto(`/p/${(await link()).token}`);
  await hydrated(patientPage);
  await patientPage.getByRole("link", { name: "I have new symptoms" }).click();
  const questions = patientPage.getByRole("group");
  await expect(questions).toHaveCount(RED_FLAG_QUESTIONS.length);
  const e2 = RED_FLAG_QUESTIONS.findIndex((q) => q.id === "E2");
  for (let i = 0; i < RED_FLAG_QUESTIONS.length; i++) {
    await questions
      .nth(i)
      .getByRole("radio", { name: i === e2 ? "Yes" : "No" })
      .check();
  }
  await patientPage.getByRole("button", { name: "Send my answers" }).click();
  await expect(patientPage.getByRole("heading", { name: /Get help now/ })).toBeVisible();
  await expect
    .poll(() =>
      e2eRead((db) =>
        db
          .select({ id: alerts.id })
          .from(alerts)
          .where(and(eq(alerts.patientId, patient.id), eq(alerts.kind, "red-flag-emergency"))),
      ),
    )
    .toHaveLength(1);
  await phone.close();
  const [alert] = await e2eRead((db) =>
    db.select({ id: alerts.id }).from(alerts).where(eq(alerts.patientId, patient.id)).limit(1),
  );

  // The clinician's pages show the critical banner, whichever page they are on.
  await signInOverHttp(context, clinician.email);
  await page.goto("/patients");
  const banner = page.getByRole("region", { name: "Critical alerts", exact: true });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("1 critical alert waiting for someone to act");
  await expect(banner).toContainText(
    `Critical: Red flag: emergency for ${patient.displayName}, raised`,
  );
  await expect(
    banner.getByRole("link", { name: patient.displayName, exact: true }),
  ).toHaveAttribute("href", `/patients/${patient.id}`);
  await expect(
    banner.getByRole("link", { name: `See the alert for ${patient.displayName}` }),
  ).toHaveAttribute("href", `/alerts?severity=critical#alert-${alert!.id}`);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: /^Alerts 1 critical, 1 open in all/ })).toBeVisible();
  await expect(nav.getByRole("link", { name: /^Alerts/ })).toContainText("1 critical");
  await expectAccessible(page);
  await shoot(page, "banner-caseload");

  await page.goto("/library");
  await expect(banner).toBeVisible();

  // The email arrives at the test mail server once, for the clinician and for the admin.
  await expect
    .poll(() => receivedMail(clinician.email).length, { timeout: 45_000, intervals: [500] })
    .toBe(1);
  await expect.poll(() => receivedMail(admin.email).length, { timeout: 45_000 }).toBe(1);
  const [email] = receivedMail(clinician.email);
  expect(email!.subject).toBe(`Critical alert: Red flag: emergency – ${patient.displayName}`);
  expect(email!.text).toContain(`${process.env.E2E_BASE_URL}/patients/${patient.id}`);
  const e2Text = RED_FLAG_QUESTIONS[e2]!.text;
  expect(email!.text).not.toContain(e2Text);
  expect(email!.text).not.toContain("E2");

  // Acknowledging it takes the banner away, for everyone.
  await banner.getByRole("link", { name: `See the alert for ${patient.displayName}` }).click();
  const card = page.locator(`#alert-${alert!.id}`);
  await expect(card).toBeVisible();
  await card.getByRole("button", { name: "Acknowledge" }).click();
  await card.getByLabel("Note (optional, for the team)").fill("Phoned; she is on her way to A&E.");
  await card.getByRole("button", { name: "Save acknowledgement" }).click();
  await expect(banner).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Alerts, none open" })).toBeVisible();

  // Nothing more is sent later: each email went out exactly once.
  await page.waitForTimeout(3_000);
  expect(receivedMail(clinician.email)).toHaveLength(1);
  expect(receivedMail(admin.email)).toHaveLength(1);
});

test("admins keep the clinic's emergency number on the team page", async ({ page, context }) => {
  const { clinic } = await makeClinic("Details");
  const admin = await insertUser(e2eDb(), {
    clinicId: clinic.id,
    role: "admin",
    email: `admin-details-${Date.now()}@example.com`,
    name: "Details Admin",
    password: PASSWORD,
  });
  await signInOverHttp(context, admin.email);
  await page.goto("/admin/team");

  // The e2e server has a mail server: the page says so instead of warning.
  await expect(page.getByRole("heading", { name: "Email is set up" })).toBeVisible();
  const card = page.getByRole("region", { name: "Clinic details" });
  const emergency = card.getByLabel("Emergency number");
  await expect(emergency).toHaveValue("999");

  await emergency.fill("99a");
  await card.getByRole("button", { name: "Save clinic details" }).click();
  await expect(card.getByText("Use digits only for the emergency number")).toBeVisible();
  await expect(emergency).toHaveAttribute("aria-invalid", "true");
  await expect(emergency).toHaveValue("99a");
  await expectAccessible(page);
  await shoot(page, "team-clinic-details");

  await emergency.fill("112");
  await card.getByLabel("Clinic phone (optional)").fill("+353 1 555 0100");
  await card.getByRole("button", { name: "Save clinic details" }).click();
  await expect(card.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(card.getByLabel("Emergency number")).toHaveValue("112");
  await expect(card.getByLabel("Clinic phone (optional)")).toHaveValue("+353 1 555 0100");
});
