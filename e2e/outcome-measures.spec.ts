import { eq, sql } from "drizzle-orm";
import { rows } from "../db/engine/raw";
import type { Tx } from "../db/engine/types";
import { engineKind } from "../db/engine-kind";
import {
  insertPatient,
  insertPatientLink,
  insertProgramVersion,
  sharedExercise,
} from "../db/factories";
import {
  measureActivities,
  measureResponses,
  measureSchedules,
  patientSummaries,
} from "../db/schema";
import {
  e2eDb,
  e2eRead,
  e2eWrite,
  expect,
  expectAccessible,
  makeClinic,
  PHONE,
  signInOverHttp,
  test,
} from "./fixtures";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Lifts the append-only triggers of measure_responses for the length of `work` (a test fixture
 * only: the app never rewrites an answer), so a test can move a patient's history back in time.
 */
async function withoutAppendOnly(tx: Tx, work: () => Promise<void>) {
  const run = (statement: string) =>
    engineKind() === "pg"
      ? rows(tx, sql.raw(statement))
      : (tx as unknown as { run: (q: unknown) => Promise<unknown> }).run(sql.raw(statement));
  const pg = engineKind() === "pg";
  const triggers = pg
    ? ["ALTER TABLE measure_responses DISABLE TRIGGER measure_responses_no_update_delete"]
    : ["DROP TRIGGER measure_responses_no_update"];
  for (const t of triggers) await run(t);
  await work();
  await run(
    pg
      ? "ALTER TABLE measure_responses ENABLE TRIGGER measure_responses_no_update_delete"
      : "CREATE TRIGGER measure_responses_no_update BEFORE UPDATE ON measure_responses BEGIN SELECT RAISE(ABORT, 'measure responses are append-only'); END",
  );
}

/**
 * "A week passes" for one patient's outcome measures: their schedules and the answers already
 * given move seven days back, so the server's today is the next week's occurrence.
 */
async function aWeekPasses(patientId: string) {
  await e2eWrite(async (tx) => {
    for (const s of await tx
      .select()
      .from(measureSchedules)
      .where(eq(measureSchedules.patientId, patientId))) {
      await tx
        .update(measureSchedules)
        .set({ firstDay: shiftDay(s.firstDay, -7) })
        .where(eq(measureSchedules.id, s.id));
    }
    await withoutAppendOnly(tx, async () => {
      for (const r of await tx
        .select()
        .from(measureResponses)
        .where(eq(measureResponses.patientId, patientId))) {
        await tx
          .update(measureResponses)
          .set({
            day: shiftDay(r.day, -7),
            occurrenceDay: shiftDay(r.occurrenceDay, -7),
            submittedAt: new Date(r.submittedAt.getTime() - WEEK_MS),
            createdAt: new Date(r.createdAt.getTime() - WEEK_MS),
          })
          .where(eq(measureResponses.id, r.id));
      }
    });
  });
}

test("a clinician schedules the PSFS, the patient answers a week apart on a phone, the chart shows the MCID band", async ({
  browser,
  page,
  context,
}) => {
  test.slow();
  const shots = process.env.SCREENSHOTS;
  const { clinic, clinician } = await makeClinic("Outcomes");
  const d = e2eDb();
  // A patient whose program began nine days ago, so its version marker is on the chart.
  const patient = await insertPatient(d, {
    clinicId: clinic.id,
    primaryClinicianId: clinician.id,
    displayName: "Olive Outcome",
    condition: "runners_knee",
    affectedSide: "left",
  });
  await insertProgramVersion(d, {
    clinicId: clinic.id,
    patientId: patient.id,
    authorId: clinician.id,
    effectiveFrom: new Date(Date.now() - 9 * DAY_MS),
    items: [{ exerciseId: (await sharedExercise(d, "wall-squat")).id, sets: 2, reps: 10 }],
  });
  const { token } = await insertPatientLink(d, {
    clinicId: clinic.id,
    patientId: patient.id,
    createdBy: clinician.id,
  });

  // The clinician names three activities with the patient and schedules the PSFS every week.
  await signInOverHttp(context, clinician.email);
  await page.goto(`/patients/${patient.id}`);
  await page.getByRole("tab", { name: "Outcomes" }).click();
  await expect(page).toHaveURL(/section=outcomes/);
  await expect(page.getByText("No answers yet.")).toBeVisible();
  const form = page.getByRole("form", { name: "Schedule a measure" });
  await form.getByRole("button", { name: "Schedule" }).click();
  await expect(form.getByText("Name at least one activity")).toBeVisible();
  await form.getByLabel("Activity 1").fill("climb stairs");
  await form.getByLabel("Activity 2").fill("run for 20 minutes");
  await form.getByLabel("Activity 3").fill("kneel in the garden");
  await form.getByRole("radio", { name: "Every few weeks" }).check();
  await form.getByLabel("Every how many weeks").fill("1");
  await form.getByRole("button", { name: "Schedule" }).click();
  await expect(form.getByText("The PSFS is scheduled.")).toBeVisible();
  const scheduled = page.getByRole("region", { name: "Scheduled" });
  await expect(scheduled).toContainText("PSFS every week from");
  await expect(scheduled).toContainText("Waiting for the patient's answer");
  await expectAccessible(page);
  if (shots)
    await page.screenshot({ path: `${shots}/outcomes-scheduled-1280.png`, fullPage: true });

  // The patient's phone (360 px): the plan says questions are waiting; they answer by keyboard.
  const phone = await browser.newContext({ ...PHONE });
  const patientPage = await phone.newPage();
  // Today's plan opens with the morning question and, once a week, the safety check (which can be
  // put off twice, then must be answered); the plan, with the questionnaire notice at its top,
  // comes after them.
  const pastTheOpeningQuestions = async (then: ReturnType<typeof patientPage.getByRole>) => {
    const notNow = patientPage.getByRole("button", { name: "Not now" });
    const safety = patientPage.getByRole("region", { name: "Safety check" });
    for (let i = 0; i < 3; i++) {
      await expect(then.or(notNow).or(safety).first()).toBeVisible();
      if (await notNow.isVisible()) {
        await notNow.click();
      } else if (await safety.isVisible()) {
        const groups = safety.getByRole("group");
        for (let g = 0; g < (await groups.count()); g++) {
          await groups.nth(g).getByRole("radio", { name: "No" }).check();
        }
        await safety.getByRole("button", { name: "Send my answers" }).click();
        await expect(safety).toHaveCount(0);
      } else return;
    }
  };
  const answer = async (values: number[]) => {
    await patientPage.goto(`/p`);
    await patientPage.waitForFunction(() => document.documentElement.dataset.hydrated === "1");
    const notice = patientPage.getByRole("region", { name: "A few questions from your clinic" });
    await pastTheOpeningQuestions(notice);
    await expect(notice).toContainText("Patient-Specific Functional Scale");
    if (shots) await notice.screenshot({ path: `${shots}/phone-notice-360.png` });
    await notice.getByRole("link", { name: "Answer the questions" }).click();
    await expect(patientPage).toHaveURL(/\/p\/measures$/);
    await patientPage.waitForFunction(() => document.documentElement.dataset.hydrated === "1");
    const questions = patientPage.getByRole("region", {
      name: "Patient-Specific Functional Scale",
    });
    const groups = questions.getByRole("group");
    await expect(groups).toHaveCount(3);
    await expect(groups.nth(0)).toHaveAccessibleName("How well can you climb stairs today?");
    // A missing answer is named, and nothing is sent.
    await questions.getByRole("button", { name: "Send my answers" }).click();
    await expect(questions.getByRole("alert")).toHaveText("3 questions still need an answer.");
    for (const [i, value] of values.entries()) {
      // Keyboard: focus the group's first radio, then arrow to the value.
      await groups.nth(i).getByRole("radio", { name: "0", exact: true }).focus();
      for (let k = 0; k < value; k++) await patientPage.keyboard.press("ArrowRight");
      await expect(
        groups.nth(i).getByRole("radio", { name: String(value), exact: true }),
      ).toBeChecked();
    }
    if (shots)
      await patientPage.screenshot({ path: `${shots}/phone-psfs-360.png`, fullPage: true });
    await expectAccessible(patientPage);
    await questions.getByRole("button", { name: "Send my answers" }).click();
    await expect(patientPage.getByRole("heading", { name: "Thank you" })).toBeVisible();
    if (shots)
      await patientPage.screenshot({ path: `${shots}/phone-thanks-360.png`, fullPage: true });
  };
  await patientPage.goto(`/p/${token}`);
  await answer([3, 5, 4]);
  // Answered: nothing more is asked this week.
  await patientPage.goto(`/p`);
  await pastTheOpeningQuestions(patientPage.getByRole("heading", { name: "Today's exercises" }));
  await expect(patientPage.getByRole("link", { name: "Answer the questions" })).toHaveCount(0);
  if (shots) await patientPage.screenshot({ path: `${shots}/phone-plan-360.png`, fullPage: true });

  await aWeekPasses(patient.id);
  await answer([6, 7, 5]);
  await phone.close();

  const stored = await e2eRead((db) =>
    db.select().from(measureResponses).where(eq(measureResponses.patientId, patient.id)),
  );
  expect(stored.map((r) => r.score).sort()).toEqual([4, 6]);
  const [summary] = await e2eRead((db) =>
    db.select().from(patientSummaries).where(eq(patientSummaries.patientId, patient.id)),
  );
  expect(summary).toMatchObject({ outcomeScore: 6, outcomeChange: 2, outcomeMeaningful: true });

  // The clinician sees both scores on the chart with the MCID band and the version marker.
  await page.goto(`/patients/${patient.id}?section=outcomes`);
  const outcomes = page.getByRole("region", { name: "Outcome measures" });
  await expect(outcomes.getByTestId("outcome-summary-psfs")).toContainText("→ 6.0 on");
  await expect(outcomes.getByTestId("outcome-summary-psfs")).toContainText(
    "+2.0, meets the MCID of 2",
  );
  await expect(outcomes.getByText("Meaningful change")).toBeVisible();
  const chart = outcomes.getByRole("img", { name: /PSFS scores/ });
  await expect(chart.locator(".outcome-point")).toHaveCount(2);
  await expect(chart.locator(".mcid-band")).toHaveCount(1);
  await expect(chart).toContainText("first score ± MCID (2)");
  await expect(chart).toContainText("v1 · initial");
  await outcomes.getByText("Show the PSFS answers as a table").click();
  await expect(
    outcomes.getByRole("table", { name: /every answer/ }).locator("tbody tr"),
  ).toHaveCount(2);
  await expectAccessible(page);
  if (shots) {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/patients/${patient.id}?section=outcomes`);
      await expect(
        page.getByRole("img", { name: /PSFS scores/ }).locator(".outcome-point"),
      ).toHaveCount(2);
      await page.screenshot({ path: `${shots}/outcomes-${width}.png`, fullPage: true });
    }
  }

  // The caseload shows the latest score and its change.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/patients?who=all`);
  const row = page.getByRole("row", { name: /Olive Outcome/ });
  await expect(row).toContainText("PSFS 6.0 (+2.0)");
  await expect(row).toContainText("MCID met");
  if (shots) await page.screenshot({ path: `${shots}/caseload-1280.png`, fullPage: true });
});

test("an answer made offline waits on the phone and is stored once when the phone is back online", async ({
  browser,
}) => {
  const { clinic, clinician, patient, link } = await makeClinic("Outcomes Offline");
  // Scheduled as the clinician's form does it, through the procedure's service rules.
  const d = e2eDb();
  const { token } = await link();
  const [schedule] = await d.write(clinic.id, async (tx) => {
    await tx.insert(measureActivities).values({
      clinicId: clinic.id,
      patientId: patient.id,
      measureId: "psfs",
      position: 1,
      text: "walk the dog",
      createdBy: clinician.id,
    });
    return tx
      .insert(measureSchedules)
      .values({
        clinicId: clinic.id,
        patientId: patient.id,
        measureId: "psfs",
        kind: "start",
        firstDay: new Date().toISOString().slice(0, 10),
        createdBy: clinician.id,
      })
      .returning({ id: measureSchedules.id });
  });
  expect(schedule?.id).toBeTruthy();

  const phone = await browser.newContext({ ...PHONE });
  const page = await phone.newPage();
  await page.goto(`/p/${token}`);
  await page.goto(`/p/measures`);
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "1");
  const form = page.getByRole("region", { name: "Patient-Specific Functional Scale" });
  await form.getByRole("radio", { name: "4", exact: true }).check();
  await phone.setOffline(true);
  await form.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByText("Saved on this phone.")).toBeVisible();
  const stored = () =>
    e2eRead((db) =>
      db.select().from(measureResponses).where(eq(measureResponses.patientId, patient.id)),
    );
  expect(await stored()).toHaveLength(0);
  await phone.setOffline(false);
  await expect.poll(async () => (await stored()).length, { timeout: 15_000 }).toBe(1);
  expect((await stored())[0]!.score).toBe(4);
  // Sent again (a reload flushes the outbox too): still one response.
  await page.reload();
  await page.waitForTimeout(1000);
  expect(await stored()).toHaveLength(1);
  await phone.close();
});
