import { and, eq } from "drizzle-orm";
import { alerts, checkIns, painReports } from "../db/schema";
import { RED_FLAG_IDS } from "../server/domain/red-flags";
import { e2eRead, expect, expectAccessible, makeClinic, PHONE, test } from "./fixtures";

test.use(PHONE);

const checkInsOf = (patientId: string) =>
  e2eRead((db) => db.select().from(checkIns).where(eq(checkIns.patientId, patientId)));

test("a full day: morning pain, the weekly safety check, sessions done, exercise pain", async ({
  page,
}) => {
  const { link, patient } = await makeClinic("Day");
  await page.goto(`/p/${(await link()).token}`);

  // First visit of the day: the morning question comes before anything else.
  await expect(page.getByRole("heading", { name: "Good morning" })).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(0);
  await expect(page.getByText("0 = no pain, 10 = worst pain imaginable")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("radio", { name: "3", exact: true }).check();
  await page.getByRole("button", { name: "Save" }).click();

  // First check-in of the week: the safety check, every question answered.
  await expect(page.getByRole("heading", { name: "Safety check" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByText("questions still need an answer")).toBeVisible();
  for (const no of await page.getByRole("radio", { name: "No" }).all()) await no.check();
  await page.getByRole("button", { name: "Send my answers" }).click();

  // Today's sessions.
  const cards = page.getByRole("article");
  await expect(cards).toHaveCount(2);
  await expect(page.getByText("This morning's pain: 3 out of 10. Thank you.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "After your exercises" })).toHaveCount(0);
  await cards.first().getByRole("button", { name: "Done: Wall squat" }).click();
  await expect(cards.first().getByText("Done for today.")).toBeVisible();

  const second = cards.nth(1);
  await second.getByText("I did a different amount").click();
  await second.getByLabel("Sets done").fill("2");
  await second.getByLabel("Reps each set").fill("10");
  await second.getByRole("button", { name: "Save as done" }).click();
  await expect(second.getByText("Done for today.")).toBeVisible();

  // After exercising: the worst pain during the exercises, with a note.
  const painForm = page.getByRole("region", { name: "After your exercises" });
  await expect(painForm).toBeVisible();
  await expect(painForm.getByText("0 = no pain, 10 = worst pain imaginable")).toBeVisible();
  await painForm.getByRole("radio", { name: "4", exact: true }).check();
  await painForm.getByLabel(/Anything to add/).fill("A little sore on the stairs");
  await painForm.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("worst pain during the exercises 4 out of 10")).toBeVisible();
  await expectAccessible(page);

  const rows = await checkInsOf(patient.id);
  expect(rows.map((r) => r.kind).sort()).toEqual([
    "exercise",
    "exercise",
    "exercise",
    "morning",
    "safety",
  ]);
  const pain = await e2eRead((db) =>
    db
      .select({ context: painReports.context, score: painReports.score })
      .from(painReports)
      .where(eq(painReports.patientId, patient.id)),
  );
  expect(pain.sort((a, b) => a.context.localeCompare(b.context))).toEqual([
    { context: "during", score: 4 },
    { context: "morning", score: 3 },
  ]);

  // A later visit the same day asks nothing again and shows what was done.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Good morning" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Safety check" })).toHaveCount(0);
  await expect(page.getByText("Done for today.")).toHaveCount(2);
  await expect(
    page.getByText(/worst pain during today's exercises\s+was 4 out of 10/),
  ).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
});

test("an emergency answer shows what to do now, first, and raises a critical alert", async ({
  page,
}) => {
  const { link, patient } = await makeClinic("Emergency");
  await page.goto(`/p/${(await link()).token}`);
  await expect(page.getByRole("heading", { name: "Good morning" })).toBeVisible();

  // "I have new symptoms" is reachable even before the morning question is answered.
  await page.getByRole("link", { name: "I have new symptoms" }).click();
  await expect(page.getByRole("heading", { name: "I have new symptoms", level: 1 })).toBeVisible();
  await expectAccessible(page);
  const questions = page.getByRole("group");
  await expect(questions).toHaveCount(RED_FLAG_IDS.length);
  for (let i = 0; i < RED_FLAG_IDS.length; i++) {
    await questions
      .nth(i)
      .getByRole("radio", { name: i === 1 ? "Yes" : "No" })
      .check();
  }
  await page.getByRole("button", { name: "Send my answers" }).click();

  const advice = page.getByRole("heading", { name: "Get help now" });
  await expect(advice).toBeVisible();
  await expect(advice).toBeFocused();
  await expect(page.getByText("Call 999 now, or go to an emergency department.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Call 999" })).toHaveAttribute("href", "tel:999");
  await expectAccessible(page);

  await expect
    .poll(() =>
      e2eRead((db) =>
        db
          .select()
          .from(alerts)
          .where(and(eq(alerts.patientId, patient.id), eq(alerts.kind, "red-flag-emergency"))),
      ),
    )
    .toMatchObject([
      {
        severity: "critical",
        status: "open",
        ruleId: "red-flag-emergency@2",
        inputs: { questionIds: ["E2"] },
      },
    ]);

  // Back on today's plan the advice stays above everything, the morning question included.
  await page.getByRole("link", { name: "Today" }).click();
  await expect(page).toHaveURL(/\/p$/);
  await expect(page.getByRole("heading", { name: /^Hello/ })).toBeVisible();
  const top = page.getByRole("heading", { name: "Get help now" });
  await expect(top).toBeVisible();
  const adviceY = (await top.boundingBox())!.y;
  const helloY = (await page.getByRole("heading", { name: /^Hello/ }).boundingBox())!.y;
  expect(adviceY).toBeLessThan(helloY);
});

test("an urgent answer says to stop and contact the clinic, with its phone and email", async ({
  page,
}) => {
  const { link, clinic } = await makeClinic("Urgent");
  await page.goto(`/p/${(await link()).token}`);
  await page.getByRole("button", { name: "Not now" }).click();
  await expect(page.getByRole("heading", { name: "Safety check" })).toBeVisible();
  const questions = page.getByRole("group");
  for (let i = 0; i < RED_FLAG_IDS.length; i++) {
    await questions
      .nth(i)
      .getByRole("radio", { name: i === 8 ? "Yes" : "No" })
      .check();
  }
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(
    page.getByRole("heading", { name: "Stop the exercises and contact your clinic today" }),
  ).toBeFocused();
  await expect(page.getByRole("link", { name: clinic.phone! }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: clinic.email! }).first()).toBeVisible();
  // The sessions pause: no Done or Skip until the clinic has been in touch.
  await expect(
    page.getByRole("article").first().getByText("because of your answers to the safety questions"),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: /^Done/ })).toHaveCount(0);
  await expectAccessible(page);
  // "Not now" holds for the day: a reload does not ask the morning question again.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Good morning" })).toHaveCount(0);
});

test("an answer given offline waits on the phone and is stored once when back online", async ({
  page,
  context,
}) => {
  const { link, patient } = await makeClinic("Offline");
  await page.goto(`/p/${(await link()).token}`);
  await expect(page.getByRole("heading", { name: "Good morning" })).toBeVisible();

  await context.setOffline(true);
  await page.getByRole("radio", { name: "5", exact: true }).check();
  await page.getByRole("button", { name: "Save" }).click();
  const waiting = page.getByRole("region", { name: "Answers waiting on this phone" });
  await expect(waiting).toContainText("You are offline");
  await expect(waiting).toContainText("Waiting to be sent (1)");
  await expect(waiting).toContainText("This morning's pain: 5 out of 10");
  expect(await checkInsOf(patient.id)).toHaveLength(0);

  await context.setOffline(false);
  await expect(waiting).toHaveCount(0);
  await expect.poll(async () => (await checkInsOf(patient.id)).length).toBe(1);
  // Loading the page again retries whatever waits; nothing is left, nothing is stored twice.
  await page.reload();
  await expect(page.getByRole("region", { name: "Answers waiting on this phone" })).toHaveCount(0);
  expect(await checkInsOf(patient.id)).toMatchObject([{ kind: "morning" }]);
});

test("the morning question and a session work with the keyboard alone", async ({ page }) => {
  const { link, patient } = await makeClinic("Keys");
  await page.goto(`/p/${(await link()).token}`);
  const zero = page.getByRole("radio", { name: "0", exact: true });
  await zero.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "2", exact: true })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Save" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Safety check" })).toBeFocused();
  await page.getByRole("button", { name: "Answer later" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Today's exercises" })).toBeFocused();
  await page.getByRole("button", { name: "Done: Wall squat" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("article").first().getByText("Done for today.")).toBeVisible();
  await expect
    .poll(async () => (await checkInsOf(patient.id)).map((r) => r.kind).sort())
    .toEqual(["exercise", "morning"]);
});
