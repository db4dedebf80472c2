import { e2eWrite, expect, makeClinic, signInOverHttp, test } from "./fixtures";
import { users } from "../db/schema";
import { eq } from "drizzle-orm";

test("another clinic's patient looks exactly like a patient that does not exist", async ({
  page,
  context,
}) => {
  const mine = await makeClinic("Own");
  const theirs = await makeClinic("Other");
  await signInOverHttp(context, mine.clinician.email);

  const foreign = await page.goto(`/patients/${theirs.patient.id}`);
  expect(foreign?.status()).toBe(404);
  const foreignText = await page.getByRole("heading").first().textContent();
  const missing = await page.goto("/patients/0190f000-0000-7000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  expect(await page.getByRole("heading").first().textContent()).toBe(foreignText);

  await page.goto("/patients?who=all");
  await expect(page.getByRole("link", { name: mine.patient.displayName })).toBeVisible();
  await expect(page.getByText(theirs.patient.displayName)).toHaveCount(0);
});

test("a deactivated clinician's open session stops working at once", async ({ page, context }) => {
  const { clinician, patient } = await makeClinic("Leaver");
  await signInOverHttp(context, clinician.email);
  await page.goto("/patients");
  await expect(page.getByRole("link", { name: patient.displayName })).toBeVisible();

  await e2eWrite((tx) => tx.update(users).set({ active: false }).where(eq(users.id, clinician.id)));
  await page.goto(`/patients/${patient.id}`);
  await expect(page).toHaveURL(/\/login/);
  const api = await context.request.get("/api/trpc/auth.me");
  expect(api.status()).toBe(401);
});
