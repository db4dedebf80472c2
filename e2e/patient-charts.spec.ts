import { expect, expectAccessible, makeClinic, signInOverHttp, test } from "./fixtures";
import { makeWorseningPatient } from "./history";

test("the clinician's charts draw exactly the stored reports, mark versions, and export them", async ({
  page,
  context,
}) => {
  // The pictures at two widths take longer than the journey itself.
  if (process.env.SCREENSHOTS) test.slow();
  const { clinic, clinician } = await makeClinic("Charts");
  const { patient, reports } = await makeWorseningPatient({
    clinicId: clinic.id,
    clinicianId: clinician.id,
    name: "Carla Chart",
  });
  await signInOverHttp(context, clinician.email);
  await page.goto(`/patients/${patient.id}`);
  await page.getByRole("tab", { name: "Charts" }).click();
  await expect(page).toHaveURL(/section=charts/);

  const section = page.getByRole("region", { name: "Pain and adherence" });
  const chart = section.getByRole("img", { name: /Pain per day/ });
  await expect(chart).toContainText("v2 · progress");
  // Every stored report is one drawn point of its context, and no point is drawn without one.
  for (const context of ["morning", "during"] as const) {
    const stored = reports.filter((r) => r.context === context);
    const points = chart.locator(`.pain-point-${context}`);
    await expect(points).toHaveCount(stored.length);
    const drawn = await points.evaluateAll((nodes) =>
      nodes.map((n) => `${n.getAttribute("data-day")}=${n.getAttribute("data-score")}`).sort(),
    );
    expect(drawn).toEqual(stored.map((r) => `${r.day}=${r.score}`).sort());
  }
  await expect(chart.locator(".pain-point-next_morning")).toHaveCount(0);

  await section.getByText("Show pain as a table").click();
  const table = section.getByRole("table", { name: /Pain per day/ });
  await expect(table.locator("tbody tr")).toHaveCount(20);
  await expectAccessible(page);

  await section.getByRole("link", { name: "4 weeks" }).click();
  await expect(page).toHaveURL(/range=4w/);
  await expect(section.getByRole("link", { name: "4 weeks" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(chart.locator(".pain-point-morning")).toHaveCount(20);

  await page.getByRole("tab", { name: "Check-in log" }).click();
  const logSection = page.getByRole("region", { name: "Check-in log" });
  const log = logSection.getByRole("list", { name: "Check-in log" });
  await expect(log.getByRole("listitem").first()).toContainText("Pain: 4/10 during exercise");

  const download = page.waitForEvent("download");
  await logSection.getByRole("link", { name: "Export check-ins (CSV)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^rehabit-check-ins-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await (await file.createReadStream()).toArray();
  const lines = Buffer.concat(csv).toString("utf8").trim().split("\r\n");
  expect(lines[0]).toBe(
    "day,submitted_at,check_in,row,context,score,exercise,sessions_done,sets_done,reps_done,skipped_reason,note,program_version",
  );
  // 40 pain reports and 11 + 2×9 logged sessions (one item on v1, two on v2).
  expect(lines.filter((l) => l.includes(",pain,"))).toHaveLength(40);
  expect(lines.filter((l) => l.includes(",session,"))).toHaveLength(11 + 2 * 9);

  if (process.env.SCREENSHOTS) {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/patients/${patient.id}?section=charts`);
      await expect(section.getByRole("img", { name: /Pain per day/ })).toContainText("v2");
      await section.getByText("Show pain as a table").click();
      await expect(section.getByRole("table", { name: /Pain per day/ })).toBeVisible();
      await section.screenshot({ path: `${process.env.SCREENSHOTS}/charts-${width}.png` });
      await page.screenshot({
        path: `${process.env.SCREENSHOTS}/patient-${width}.png`,
        fullPage: true,
      });
    }
  }
});
