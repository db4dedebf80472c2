import { insertUser } from "../db/factories";
import { runAuditChecks } from "../server/services/audit/audit-checks";
import { e2eDb, expect, makeClinic, PASSWORD, shoot, signInOverHttp, test } from "./fixtures";

const APPEND_ONLY = `
  create trigger audit_events_no_update before update on audit_events
  begin select raise(abort, 'audit events are append-only'); end;`;

test("an admin sees a warning on every admin page once the audit trail fails its check", async ({
  page,
  context,
}) => {
  const { clinic, patient } = await makeClinic("Audit Check");
  const d = e2eDb();
  const admin = await insertUser(d, {
    clinicId: clinic.id,
    role: "admin",
    email: `audit-admin-${Date.now()}@example.com`,
    name: "Audit Admin",
    password: PASSWORD,
  });
  await signInOverHttp(context, admin.email);
  // Reading the patient's record writes the clinic's first rows of the trail.
  await page.goto(`/patients/${patient.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(patient.displayName);
  const quiet = { log: () => undefined, warn: () => undefined };
  await runAuditChecks({ db: d, ...quiet });
  await page.goto("/admin/team");
  await expect(page.getByRole("heading", { name: /audit trail failed/ })).toHaveCount(0);

  // A new request adds a read row; then someone edits it behind the application's back (the
  // trigger is only a first wall).
  await page.goto(`/patients/${patient.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(patient.displayName);
  const row = d.$client
    .prepare("select id from audit_events where clinic_id = ? order by rowid desc limit 1")
    .get(clinic.id) as { id: string };
  d.$client.exec("drop trigger audit_events_no_update");
  try {
    d.$client.prepare("update audit_events set ip = '10.9.9.9' where id = ?").run(row.id);
  } finally {
    d.$client.exec(APPEND_ONLY);
  }
  await runAuditChecks({ db: d, ...quiet });

  await page.goto("/admin/team");
  const warning = page.getByRole("region", { name: "The audit trail failed its integrity check" });
  await expect(warning).toContainText(/entry number \d+ of this clinic/);
  await expect(warning).toContainText(row.id);
  await expect(warning).toContainText("npm run audit:verify");
  await shoot(page, "admin-audit-warning");
});
