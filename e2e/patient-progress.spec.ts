import { eq } from "drizzle-orm";
import { insertCheckIn } from "../db/factories";
import { checkIns, programItems, programs, programVersions } from "../db/schema";
import { addDays, dayInZone } from "../server/domain/days";
import {
  e2eDb,
  e2eRead,
  expect,
  expectAccessible,
  hydrated,
  makeClinic,
  PHONE,
  shoot,
  test,
} from "./fixtures";

test.use(PHONE);

/** A patient with three weeks of answers behind them. */
async function patientWithHistory(label: string) {
  const made = await makeClinic(label);
  const d = e2eDb();
  const [version] = await e2eRead((db) =>
    db
      .select({ id: programVersions.id })
      .from(programVersions)
      .innerJoin(programs, eq(programs.id, programVersions.programId))
      .where(eq(programs.patientId, made.patient.id))
      .limit(1),
  );
  const items = await e2eRead((db) =>
    db.select().from(programItems).where(eq(programItems.versionId, version!.id)),
  );
  const today = dayInZone(new Date(), made.patient.timeZone);
  for (let i = 21; i >= 1; i--) {
    const day = addDays(today, -i);
    const base = {
      clinicId: made.clinic.id,
      patientId: made.patient.id,
      versionId: version!.id,
      day,
    };
    await insertCheckIn(d, {
      ...base,
      kind: "morning",
      pain: [{ context: "morning", score: 2 + (i % 3) }],
    });
    if (i % 2 === 1) {
      await insertCheckIn(d, {
        ...base,
        kind: "exercise",
        pain: [{ context: "during", score: 3 }],
        logs: items.map((item) => ({ programItemId: item.id })),
      });
    }
  }
  return made;
}

test("the progress page shows the week, a chart with its table, and encouragement only", async ({
  page,
}) => {
  const { link } = await patientWithHistory("Progress");
  await page.goto(`/p/${(await link()).token}`);
  await page.getByRole("link", { name: "My progress" }).click();
  await expect(page.getByRole("heading", { name: "My progress", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "This week" })).toBeVisible();
  await expect(page.getByText(/of 12 sessions done/)).toBeVisible();
  await expect(
    page.getByRole("img", { name: /morning pain and exercise pain by day/ }),
  ).toBeVisible();
  const table = page.getByRole("table", { name: /week by week/ });
  await expect(table.getByRole("row")).not.toHaveCount(1);
  await expect(page.getByText("0 = no pain, 10 = worst pain imaginable")).toBeVisible();
  const text = await page.locator("main").innerText();
  expect(text).not.toMatch(/increase|reduce|more sets|fewer|dose/i);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await expectAccessible(page);
  await shoot(page, "patient-progress");
});

test("an answer left on the phone is sent when a page loads again, once", async ({
  page,
  context,
}) => {
  const { link, patient } = await makeClinic("Reload");
  await page.goto(`/p/${(await link()).token}`);
  await context.setOffline(true);
  await page.getByRole("radio", { name: "2", exact: true }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Waiting to be sent (1)")).toBeVisible();
  await page.close();

  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto("/p/progress");
  await hydrated(again);
  const rows = () =>
    e2eRead((db) => db.select().from(checkIns).where(eq(checkIns.patientId, patient.id)));
  await expect.poll(async () => (await rows()).length).toBe(1);
  await expect(again.getByText("Waiting to be sent")).toHaveCount(0);
  await again.reload();
  expect(await rows()).toHaveLength(1);
});
