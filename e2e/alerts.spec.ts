import { insertAlert } from "../db/factories";
import { e2eDb, expect, expectAccessible, makeClinic, signInOverHttp, test } from "./fixtures";

test("a clinician works through the alerts inbox: acknowledge with a note, then resolve", async ({
  page,
  context,
}) => {
  const { clinic, clinician, patient } = await makeClinic("Inbox");
  insertAlert(e2eDb(), {
    clinicId: clinic.id,
    patientId: patient.id,
    kind: "no-check-in",
    severity: "low",
    inputs: { silentDays: 9, lastCheckInDay: "2026-11-10", programStartDay: "2026-10-01" },
    openedAt: new Date(Date.now() - 3 * 86_400_000),
  });
  insertAlert(e2eDb(), {
    clinicId: clinic.id,
    patientId: patient.id,
    kind: "red-flag-urgent",
    severity: "high",
    inputs: { questionIds: ["U2"], day: "2026-11-20" },
  });
  await signInOverHttp(context, clinician.email);
  await page.goto("/patients");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Alerts 2 open" })).toBeVisible();
  await nav.getByRole("link", { name: /^Alerts/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();

  const cards = page.getByRole("article");
  await expect(cards).toHaveCount(2);
  // Most severe first, then the longest waiting.
  await expect(cards.first()).toContainText("Red flag: urgent");
  await expect(cards.first()).toContainText("rule red-flag-urgent@1 (version 1)");
  await expect(cards.first()).toContainText("Answered yes on Friday 20 November");
  await expect(cards.nth(1)).toContainText("No check-in for 9 days");
  await expectAccessible(page);

  const urgent = cards.first();
  await urgent.getByRole("button", { name: "Acknowledge" }).click();
  await urgent.getByLabel("Note (optional, for the team)").fill("Phoned; seeing her tomorrow.");
  await urgent.getByRole("button", { name: "Save acknowledgement" }).click();
  await expect(cards).toHaveCount(1);
  await expect(nav.getByRole("link", { name: "Alerts 1 open" })).toBeVisible();

  await page.getByRole("link", { name: "Acknowledged" }).click();
  await expect(cards.first()).toContainText("“Phoned; seeing her tomorrow.”");
  await cards.first().getByRole("button", { name: "Resolve" }).click();
  await cards.first().getByRole("button", { name: "Yes, resolve" }).click();
  await expect(page.getByText("No acknowledged alerts here.")).toBeVisible();

  if (process.env.SCREENSHOTS) {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/alerts");
      await page.screenshot({
        path: `${process.env.SCREENSHOTS}/alerts-${width}.png`,
        fullPage: true,
      });
    }
  }
});
