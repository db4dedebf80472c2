import { eq } from "drizzle-orm";
import { insertAlert, insertPatient } from "../db/factories";
import { alerts } from "../db/schema";
import {
  e2eDb,
  e2eWrite,
  expect,
  expectAccessible,
  makeClinic,
  signInOverHttp,
  shoot,
  test,
} from "./fixtures";

const DAY = 86_400_000;
test("a clinician works through the alerts inbox: acknowledge with a note, a conflict, resolve", async ({
  page,
  context,
}) => {
  const { clinic, clinician, patient } = await makeClinic("Inbox");
  const d = e2eDb();
  const other = await insertPatient(d, {
    clinicId: clinic.id,
    primaryClinicianId: clinician.id,
    displayName: "Olive Other",
  });
  const add = (
    patientId: string,
    kind: string,
    severity: "critical" | "high" | "medium" | "low",
    inputs: Record<string, unknown>,
    daysAgo: number,
  ) =>
    insertAlert(d, {
      clinicId: clinic.id,
      patientId,
      kind,
      severity,
      inputs,
      openedAt: new Date(Date.now() - daysAgo * DAY),
    });
  const silent = await add(
    patient.id,
    "no-check-in",
    "low",
    { silentDays: 9, lastCheckInDay: "2026-11-10", programStartDay: "2026-10-01" },
    3,
  );
  await add(patient.id, "red-flag-urgent", "high", { questionIds: ["U2"], day: "2026-11-20" }, 0);
  await add(other.id, "pain-worsening", "high", { baseline: 2, mean7: 5.3, reports7: 4 }, 5);
  await add(
    other.id,
    "red-flag-emergency",
    "critical",
    { questionIds: ["E4"], day: "2026-11-19" },
    1,
  );

  await signInOverHttp(context, clinician.email);
  await page.goto("/patients");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(
    nav.getByRole("link", {
      name: "Alerts 1 critical, 2 high, 4 open in all, 4 for your patients",
    }),
  ).toBeVisible();
  await nav.getByRole("link", { name: /^Alerts/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();

  const cards = page.getByRole("article");
  await expect(cards).toHaveCount(4);
  // Most severe first, then the longest waiting.
  await expect(cards.nth(0)).toContainText("Critical");
  await expect(cards.nth(0)).toContainText("Is your knee hot, red and swollen");
  await expect(cards.nth(1)).toContainText(
    "Morning pain averaged 5.3 over the last 7 days (4 reports), 3.3 points above the baseline of 2.0.",
  );
  await expect(cards.nth(1)).toContainText("Rule pain-worsening@1");
  await expect(cards.nth(2)).toContainText("Red flag: urgent");
  await expect(cards.nth(2)).toContainText("Answered yes on Friday 20 November");
  await expect(cards.nth(3)).toContainText("No check-in for 9 days");
  await expect(cards.nth(3)).toContainText(/Opened 3 days ago \(\d+ \w+ \d{4}, \d\d:\d\d\)/);
  await expectAccessible(page);
  await shoot(page, "inbox");

  // Keyboard only: open the form, type the note, save.
  const urgent = cards.nth(2);
  await urgent.getByRole("button", { name: "Acknowledge" }).focus();
  await page.keyboard.press("Enter");
  const note = urgent.getByLabel("Note (optional, for the team)");
  await expect(note).toBeFocused();
  await page.keyboard.type("Phoned; seeing her tomorrow.");
  await page.keyboard.press("Tab");
  await expect(urgent.getByRole("button", { name: "Save acknowledgement" })).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press("Enter");
  await expect(cards).toHaveCount(3);
  await expect(
    nav.getByRole("link", { name: /^Alerts 1 critical, 1 high, 3 open in all/ }),
  ).toBeVisible();

  // A colleague resolves the no-check-in alert while this one is typing a note: the note stays.
  const silentCard = page.locator(`article[data-alert-kind="no-check-in"]`);
  await silentCard.getByRole("button", { name: "Acknowledge" }).click();
  await silentCard.getByLabel("Note (optional, for the team)").fill("Texted him.");
  await shoot(page, "inbox-acknowledging");
  await e2eWrite((tx) =>
    tx
      .update(alerts)
      .set({ status: "resolved", resolvedAt: new Date() })
      .where(eq(alerts.id, silent.id)),
  );
  await silentCard.getByRole("button", { name: "Save acknowledgement" }).click();
  await expect(silentCard.getByRole("alert")).toHaveText(
    "This alert has already been resolved. Reload the page to see the current alerts.",
  );
  await expect(silentCard.getByLabel("Note (optional, for the team)")).toHaveValue("Texted him.");
  await page.reload();
  await expect(cards).toHaveCount(2);
  await expect(
    nav.getByRole("link", { name: /^Alerts 1 critical, 1 high, 2 open in all/ }),
  ).toBeVisible();

  // The acknowledged alert keeps its note and can still be resolved, after a confirm.
  await page
    .getByRole("navigation", { name: "Status" })
    .getByRole("link", { name: "Acknowledged" })
    .click();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText("Phoned; seeing her tomorrow.");
  await cards.first().getByRole("button", { name: "Resolve" }).click();
  await expect(cards.first().getByRole("button", { name: "Yes, resolve" })).toBeFocused();
  await cards.first().getByRole("button", { name: "Yes, resolve" }).click();
  await expect(page.getByText("No acknowledged alerts.")).toBeVisible();
  await page
    .getByRole("navigation", { name: "Status" })
    .getByRole("link", { name: "Resolved" })
    .click();
  await expect(cards).toHaveCount(2);
  await expect(cards.first()).toContainText(`Resolved by ${clinician.name}`);

  // The patient's own page lists their unresolved alerts with the same actions.
  await page
    .getByRole("navigation", { name: "Status" })
    .getByRole("link", { name: "Open" })
    .click();
  await cards.first().getByRole("link", { name: "Olive Other" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Olive Other" })).toBeVisible();
  const section = page.getByRole("region", { name: "Alerts", exact: true });
  // The summary shows the most severe unresolved alert; the other waits behind one click.
  await expect(section).toContainText("2 open; the most severe is critical.");
  await expect(section.getByRole("article")).toHaveCount(1);
  await section.getByText("Show the other 1 unresolved alert").click();
  await expect(section.getByRole("article")).toHaveCount(2);
  await shoot(page, "patient-alerts");
  const worsening = section.locator(`article[data-alert-kind="pain-worsening"]`);
  await worsening.getByRole("button", { name: "Resolve" }).click();
  await worsening.getByRole("button", { name: "Yes, resolve" }).click();
  await expect(section.getByRole("article")).toHaveCount(1);
  await expect(nav.getByRole("link", { name: /^Alerts 1 critical, 1 open in all/ })).toBeVisible();

  // Filters: the critical one is the only open one left; nothing is low.
  await page.goto("/alerts?severity=low");
  await expect(page.getByText("No open alerts match these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Show every open alert" }).click();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText("Red flag: emergency");
});

test("an empty inbox says nothing needs the clinician", async ({ page, context }) => {
  const { clinician } = await makeClinic("Quiet");
  await signInOverHttp(context, clinician.email);
  await page.goto("/alerts");
  await expect(page.getByText("No open alerts — nothing needs you right now.")).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts, none open" }),
  ).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "inbox-empty");
});
