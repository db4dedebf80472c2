import { and, eq } from "drizzle-orm";
import { insertCheckIn } from "../db/factories";
import { checkIns } from "../db/schema";
import { dayInZone } from "../server/domain/days";
import { e2eDb, e2eRead, expect, expectAccessible, makeClinic, PHONE, test } from "./fixtures";

test.use(PHONE);

/** The default number of answers a link may send in a minute (decision 016). */
const PER_MINUTE = 60;

test("an answer over the link's limit is kept on the phone, with a kind word and no error", async ({
  page,
}) => {
  const { link, patient, clinic } = await makeClinic("Limits");
  const today = dayInZone(new Date(), patient.timeZone);
  // A minute's worth of answers has just arrived from this link.
  for (let i = 0; i < PER_MINUTE; i++) {
    await insertCheckIn(e2eDb(), {
      clinicId: clinic.id,
      patientId: patient.id,
      versionId: null,
      day: today,
      kind: "exercise",
      submittedAt: new Date(),
    });
  }

  await page.goto(`/p/${(await link()).token}`);
  await expect(page.getByRole("heading", { name: "Good morning" })).toBeVisible();
  await page.getByRole("radio", { name: "3", exact: true }).check();
  await page.getByRole("button", { name: "Save" }).click();

  const waiting = page.getByRole("region", { name: "Answers waiting on this phone" });
  await expect(waiting.getByText("Waiting to be sent (1)")).toBeVisible();
  await expect(
    waiting.getByText(
      "You have sent a lot of answers, so this phone keeps them for now and sends them by itself in a minute. You do not need to answer again.",
    ),
  ).toBeVisible();
  await expect(waiting.getByText("This morning's pain: 3 out of 10")).toBeVisible();
  // Waiting, not refused: nothing is shown as an error.
  await expect(page.getByText("could not be saved")).toHaveCount(0);
  await expectAccessible(page);

  const morning = await e2eRead((db) =>
    db
      .select()
      .from(checkIns)
      .where(and(eq(checkIns.patientId, patient.id), eq(checkIns.kind, "morning"))),
  );
  expect(morning).toEqual([]);
});
