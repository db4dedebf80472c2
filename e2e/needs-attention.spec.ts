import { eq } from "drizzle-orm";
import { insertAlert, insertPatient, insertPatientSummary } from "../db/factories";
import { alerts, clinics } from "../db/schema";
import type { AlertSeverity } from "../db/schema/enums";
import { createDemoClinics, DEMO_PASSWORD } from "../db/seed/demo";
import {
  e2eDb,
  e2eRead,
  e2eWrite,
  expect,
  expectAccessible,
  makeClinic,
  signInOverHttp,
  test,
} from "./fixtures";

/**
 * "Needs attention" (CLINICAL.md, "Alerts") as a clinician sees it: on the demo clinic, built by
 * the real demo generator, and on patients made one case each through the factories.
 */

test("the demo clinic's caseload: needs attention holds a minority, each with a clear reason", async ({
  page,
  context,
}) => {
  const db = e2eDb();
  // The e2e server starts with an empty database (--no-demo); this spec adds the demo clinics,
  // built as `npm run db:demo` builds them, on the clock of the day it runs.
  const [seeded] = await e2eRead((r) =>
    r
      .select({ id: clinics.id })
      .from(clinics)
      .where(eq(clinics.name, "Riverside Physiotherapy"))
      .limit(1),
  );
  if (!seeded) await createDemoClinics(db);
  await signInOverHttp(context, "ana@riverside.example", DEMO_PASSWORD);

  await page.goto("/patients?who=all");
  const status = page.getByRole("status");
  await expect(status).toHaveText("12 patients");
  await page.getByLabel("Needs attention").check();
  await expect(page).toHaveURL(/attention=1/);
  await expect(status).toHaveText("3 patients");
  const table = page.getByRole("table", { name: "Patients" });
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(table.getByRole("row", { name: /Lukas Novak/ })).toContainText("1 critical");
  await expect(table.getByRole("row", { name: /Lukas Novak/ })).toContainText(
    "Red flag: see alert",
  );
  await expect(table.getByRole("row", { name: /James O'Neill/ })).toContainText("1 high");
  await expect(table.getByRole("row", { name: /Tom Becker/ })).toContainText("Consider regressing");
  await expect(page.getByText(/Low alerts alone do not count/)).toBeVisible();
  await expectAccessible(page);

  if (process.env.SCREENSHOTS) {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/patients?who=all&attention=1");
      await page.screenshot({
        path: `${process.env.SCREENSHOTS}/needs-attention-demo-${width}.png`,
        fullPage: true,
      });
    }
  }
});

test("the filter shows exactly the patients the definition names", async ({ page, context }) => {
  const { clinic, clinician, patient: first } = await makeClinic("Attention");
  const db = e2eDb();
  const day = 86_400_000;
  const ago = (days: number) => new Date(Date.now() - days * day);
  const kinds: Record<AlertSeverity, string> = {
    critical: "red-flag-emergency",
    high: "pain-worsening",
    medium: "pain-over-limit",
    low: "low-adherence",
  };
  const add = async (
    displayName: string,
    advice: "regress" | "hold",
    alert?: { severity: AlertSeverity; daysAgo: number; status?: "acknowledged" | "resolved" },
  ) => {
    const p = await insertPatient(db, {
      clinicId: clinic.id,
      primaryClinicianId: clinician.id,
      displayName,
    });
    await insertPatientSummary(db, {
      clinicId: clinic.id,
      patientId: p.id,
      day: new Date().toISOString().slice(0, 10),
      advice,
    });
    if (!alert) return;
    const row = await insertAlert(db, {
      clinicId: clinic.id,
      patientId: p.id,
      kind: kinds[alert.severity],
      severity: alert.severity,
      openedAt: ago(alert.daysAgo),
    });
    if (alert.status === "acknowledged")
      await e2eWrite((tx) =>
        tx
          .update(alerts)
          .set({ status: "acknowledged", acknowledgedAt: ago(0.5), acknowledgedBy: clinician.id })
          .where(eq(alerts.id, row.id)),
      );
    if (alert.status === "resolved")
      await e2eWrite((tx) =>
        tx
          .update(alerts)
          .set({ status: "resolved", resolvedAt: ago(0.5), resolvedBy: clinician.id })
          .where(eq(alerts.id, row.id)),
      );
  };
  await add("In Critical Seen", "hold", {
    severity: "critical",
    daysAgo: 1,
    status: "acknowledged",
  });
  await add("In High", "hold", { severity: "high", daysAgo: 10 });
  await add("In Medium Fresh", "hold", { severity: "medium", daysAgo: 3 });
  await add("In Regress", "regress");
  await add("Out Medium Old", "hold", { severity: "medium", daysAgo: 9 });
  await add("Out Medium Seen", "hold", { severity: "medium", daysAgo: 1, status: "acknowledged" });
  await add("Out Low", "hold", { severity: "low", daysAgo: 1 });
  await add("Out Resolved", "hold", { severity: "critical", daysAgo: 4, status: "resolved" });

  await signInOverHttp(context, clinician.email);
  await page.goto("/patients");
  const status = page.getByRole("status");
  // The eight above and the clinic's first patient, who has no figures yet.
  await expect(status).toHaveText("9 of your patients");
  await page.getByLabel("Needs attention").check();
  await expect(status).toHaveText("4 of your patients");
  const table = page.getByRole("table", { name: "Patients" });
  const names = await table.getByRole("link").allTextContents();
  expect(names).toEqual(["In Critical Seen", "In High", "In Medium Fresh", "In Regress"]);
  await expect(table).not.toContainText(first.displayName);
  // Seen is not dealt with: the acknowledged critical alert still shows on the row.
  await expect(table.getByRole("row", { name: /In Critical Seen/ })).toContainText("1 critical");
  await expectAccessible(page);

  if (process.env.SCREENSHOTS) {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/patients?attention=1");
      await page.screenshot({
        path: `${process.env.SCREENSHOTS}/needs-attention-${width}.png`,
        fullPage: true,
      });
    }
  }
});
