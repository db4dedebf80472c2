import { and, eq } from "drizzle-orm";
import type { BrowserContext, Page } from "@playwright/test";
import { insertCheckIn } from "../db/factories";
import { alerts, checkIns, safetyPostponements } from "../db/schema";
import { dayInZone } from "../server/domain/days";
import { RED_FLAG_IDS } from "../server/domain/red-flags";
import {
  e2eDb,
  e2eRead,
  expect,
  expectAccessible,
  hydrated,
  makeClinic,
  PHONE,
  receivedMail,
  signInOverHttp,
  shoot,
  test,
} from "./fixtures";

// A 360 px phone, with the patient pages' service worker running (Playwright's default).
test.use({ ...PHONE, serviceWorkers: "allow" });

const safetyCheckInsOf = (patientId: string) =>
  e2eRead((db) =>
    db
      .select()
      .from(checkIns)
      .where(and(eq(checkIns.patientId, patientId), eq(checkIns.kind, "safety"))),
  );

const openAlertsOf = async (patientId: string, kind: string) =>
  (
    await e2eRead((db) =>
      db
        .select()
        .from(alerts)
        .where(and(eq(alerts.patientId, patientId), eq(alerts.kind, kind))),
    )
  ).filter((a) => a.status !== "resolved");

/** Answers every question of the safety check: yes to the ids given, no to the rest. */
async function answer(page: Page, yes: string[]) {
  const questions = page.getByRole("group");
  await expect(questions).toHaveCount(RED_FLAG_IDS.length);
  for (const [i, id] of RED_FLAG_IDS.entries()) {
    await questions
      .nth(i)
      .getByRole("radio", { name: yes.includes(id) ? "Yes" : "No" })
      .check();
  }
}

/** Opens the patient's link once and waits until the service worker keeps the pages. */
async function openLinkOnce(page: Page, token: string) {
  await page.goto(`/p/${token}`);
  await expect(page.getByRole("heading", { name: /^Hello/ })).toBeVisible();
  await page.waitForFunction(() => document.documentElement.dataset.offlineReady === "1");
}

/** The service worker's own view of the network: its fetches fail while the browser is offline. */
async function workerCanReachServer(context: BrowserContext): Promise<boolean> {
  const [worker] = context.serviceWorkers();
  expect(worker).toBeDefined();
  return worker!.evaluate(() =>
    fetch("/login", { cache: "no-store" }).then(
      () => true,
      () => false,
    ),
  );
}

test("offline after one visit: /p and I have new symptoms open, E2 shows Call 999 at once, sent once back online", async ({
  page,
  context,
  browser,
}) => {
  const { link, patient, clinic, clinician } = await makeClinic("Offline Safety");
  const { token } = await link();
  await openLinkOnce(page, token);
  await expect(page.getByRole("heading", { name: "Good morning" })).toBeVisible();
  await expectAccessible(page);

  // The patient answers the morning question on another phone: a fresh page would not ask it,
  // so seeing it below proves the plan came from this phone's kept copy.
  await insertCheckIn(e2eDb(), {
    clinicId: clinic.id,
    patientId: patient.id,
    versionId: null,
    day: dayInZone(new Date(), patient.timeZone),
    kind: "morning",
    pain: [{ context: "morning", score: 2 }],
  });

  await context.setOffline(true);
  expect(await workerCanReachServer(context)).toBe(false);
  // Tapping the link again with no signal leads to the kept plan, without the token in the address.
  await page.goto(`/p/${token}`);
  await expect(page).toHaveURL(/\/p$/);
  await expect(page.getByRole("heading", { name: "Good morning" })).toBeVisible();
  await page.goto("/p");
  await expect(page.getByRole("heading", { name: /^Hello/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Good morning" })).toBeVisible();
  await expect(page.getByText("You are offline")).toBeVisible();

  await page.getByRole("link", { name: "I have new symptoms" }).click();
  await page.waitForURL("**/p/safety");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "I have new symptoms", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await answer(page, ["E2"]);
  await page.getByRole("button", { name: "Send my answers" }).click();

  // At once, with no network: the number to call, as a tap-to-call link.
  await expect(page.getByRole("heading", { name: "Get help now" })).toBeFocused({ timeout: 2000 });
  await expect(page.getByText("Call 999 now, or go to an emergency department.")).toBeVisible();
  const call = page.getByRole("link", { name: "Call 999" });
  await expect(call).toBeVisible();
  await expect(call).toHaveAttribute("href", "tel:999");
  await expect(page.getByText("saved on this phone and will reach your clinic")).toBeVisible();
  await expectAccessible(page);
  expect(await safetyCheckInsOf(patient.id)).toHaveLength(0);

  // Back online: the answers reach the clinic exactly once.
  await context.setOffline(false);
  await expect.poll(async () => (await safetyCheckInsOf(patient.id)).length).toBe(1);
  await expect
    .poll(() => openAlertsOf(patient.id, "red-flag-emergency"))
    .toMatchObject([{ severity: "critical", inputs: { questionIds: ["E2"] } }]);
  await expect(page.getByRole("region", { name: "Answers waiting on this phone" })).toHaveCount(0);
  await page.goto("/p");
  await expect(page.getByRole("heading", { name: "Get help now" })).toBeVisible();
  expect(await safetyCheckInsOf(patient.id)).toHaveLength(1);

  // The clinician's pages show the critical banner, and the email arrives at the mail server once.
  const desk = await browser.newContext();
  await signInOverHttp(desk, clinician.email);
  const staff = await desk.newPage();
  await staff.goto("/patients");
  const banner = staff.getByRole("region", { name: "Critical alerts", exact: true });
  await expect(banner).toContainText(`Red flag: emergency for ${patient.displayName}`);
  await expect
    .poll(() => receivedMail(clinician.email).length, { timeout: 45_000, intervals: [500] })
    .toBe(1);
  await staff.waitForTimeout(2_000);
  expect(receivedMail(clinician.email)).toHaveLength(1);
  await desk.close();
});

test("a network that never answers: the weekly check's advice shows at once and the answers wait", async ({
  page,
  context,
}) => {
  const { link, patient } = await makeClinic("Hanging");
  await openLinkOnce(page, (await link()).token);
  await page.getByRole("button", { name: "Not now" }).click();
  await expect(page.getByRole("heading", { name: "Safety check" })).toBeVisible();

  // Every answer sent from now on hangs: no reply, no error.
  await context.route("**/api/trpc/**", () => undefined);
  await answer(page, ["E2"]);
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("heading", { name: "Get help now" })).toBeFocused({ timeout: 2000 });
  await expect(page.getByRole("link", { name: "Call 999" })).toHaveAttribute("href", "tel:999");
  // The exercises pause, and say why.
  const firstCard = page.getByRole("article").first();
  await expect(
    firstCard.getByText("because of your answers to the safety questions"),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: /^Done/ })).toHaveCount(0);

  // After the send gives up (10 s) the answers wait on the phone instead of "sending" forever.
  const waiting = page.getByRole("region", { name: "Answers waiting on this phone" });
  await expect(waiting).toContainText("Safety check: 1 answered yes", { timeout: 15_000 });
  await expect(page.getByText("saved on this phone and will reach your clinic")).toBeVisible();
  expect(await safetyCheckInsOf(patient.id)).toHaveLength(0);

  await context.unroute("**/api/trpc/**");
  await page.reload();
  await expect.poll(async () => (await safetyCheckInsOf(patient.id)).length).toBe(1);
  await expect(page.getByRole("heading", { name: "Get help now" })).toBeVisible();
  expect(await openAlertsOf(patient.id, "red-flag-emergency")).toHaveLength(1);
});

test("the weekly check may be put off twice; the third visit shows it first with no Answer later", async ({
  page,
}) => {
  const { link, patient } = await makeClinic("Postpone");
  await page.goto(`/p/${(await link()).token}`);
  await page.getByRole("button", { name: "Not now" }).click();

  const later = page.getByRole("button", { name: "Answer later" });
  await expect(page.getByText("You can put this off twice more this week.")).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "weekly-check");
  await later.click();
  await expect(page.getByRole("heading", { name: "Today's exercises" })).toBeFocused();

  await page.reload();
  await expect(page.getByText("You can put this off once more this week.")).toBeVisible();
  await later.click();
  await expect(page.getByText("Your weekly safety check is still waiting.")).toBeVisible();
  await expect
    .poll(
      async () =>
        (
          await e2eRead((db) =>
            db
              .select()
              .from(safetyPostponements)
              .where(eq(safetyPostponements.patientId, patient.id)),
          )
        ).length,
    )
    .toBe(2);

  // Third visit: the check comes first, even before the morning question, and cannot be put off.
  await page.evaluate(() => localStorage.removeItem("rehabit-morning-later"));
  await page.reload();
  const check = page.getByRole("heading", { name: "Safety check" });
  await expect(check).toBeVisible();
  await expect(page.getByText("Before anything else today")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Good morning" })).toHaveCount(0);
  await expect(later).toHaveCount(0);
  await expectAccessible(page);
  await shoot(page, "weekly-check-first");
  await answer(page, []);
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("heading", { name: "Good morning" })).toBeVisible();
  await expect.poll(async () => (await safetyCheckInsOf(patient.id)).length).toBe(1);
});

test("offline the phone counts its own postpones: a third visit cannot put the check off", async ({
  page,
  context,
}) => {
  const { link, patient } = await makeClinic("Postpone Offline");
  await openLinkOnce(page, (await link()).token);
  await page.getByRole("button", { name: "Not now" }).click();
  await page.getByRole("button", { name: "Answer later" }).click();
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.offlineReady === "1");

  await context.setOffline(true);
  await page.getByRole("button", { name: "Answer later" }).click();
  await page.goto("/p");
  await expect(page.getByRole("heading", { name: "Safety check" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Answer later" })).toHaveCount(0);

  await context.setOffline(false);
  const stored = async () =>
    (
      await e2eRead((db) =>
        db.select().from(safetyPostponements).where(eq(safetyPostponements.patientId, patient.id)),
      )
    ).length;
  await expect.poll(stored).toBe(2);
  await page.reload();
  await expect(page.getByRole("button", { name: "Answer later" })).toHaveCount(0);
  expect(await stored()).toBe(2);
});

test("the advice and the paused plan, as the patient sees them", async ({ page }) => {
  const emergency = await makeClinic("Advice Emergency");
  await page.goto(`/p/${(await emergency.link()).token}`);
  await page.getByRole("link", { name: "I have new symptoms" }).click();
  await expect(page.getByRole("heading", { name: "I have new symptoms", level: 1 })).toBeVisible();
  await shoot(page, "new-symptoms");
  await answer(page, ["E2"]);
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByText(`We have told ${emergency.clinic.name}.`)).toBeVisible();
  await shoot(page, "advice-emergency");

  // Back on the plan the pause holds: advice first, the exercises readable but paused.
  await page.getByRole("link", { name: "Today" }).click();
  await expect(page.getByText("Your exercises are paused")).toBeVisible();
  // The answers were this week's check, so only the morning question stands before the plan.
  await page.getByRole("button", { name: "Not now" }).click();
  await expect(page.getByRole("heading", { name: "Today's exercises" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Done/ })).toHaveCount(0);
  await expectAccessible(page);
  await shoot(page, "plan-paused");

  const urgent = await makeClinic("Advice Urgent");
  await page.goto(`/p/${(await urgent.link()).token}`);
  await page.getByRole("link", { name: "I have new symptoms" }).click();
  await expect(page.getByRole("heading", { name: "I have new symptoms", level: 1 })).toBeVisible();
  await answer(page, ["U4"]);
  await page.getByRole("button", { name: "Send my answers" }).click();
  const advice = page.getByRole("heading", {
    name: "Stop the exercises and contact your clinic today",
  });
  await expect(advice).toBeFocused();
  await expect(page.getByRole("link", { name: /Call your clinic/ })).toHaveAttribute(
    "href",
    "tel:02079460999",
  );
  await expect(page.getByRole("link", { name: urgent.clinic.email! }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "999", exact: true })).toHaveAttribute(
    "href",
    "tel:999",
  );
  await expect(page.getByText("We have let your clinic know too.")).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "advice-urgent");
});
