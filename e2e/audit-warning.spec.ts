import { desc, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../db/engine";
import { insertUser } from "../db/factories";
import { auditEvents } from "../db/schema";
import { systemData } from "../server/data/clinic-data";
import { runAuditChecks } from "../server/services/audit/audit-checks";
import {
  e2eDb,
  e2eRead,
  e2eWrite,
  expect,
  makeClinic,
  PASSWORD,
  shoot,
  signInOverHttp,
  test,
} from "./fixtures";

/**
 * Edits one audit row the way someone with the database's own rights could: the append-only
 * trigger is set aside for this one transaction (SQLite: dropped and made again; PostgreSQL: the
 * table's owner disables it), so the trigger stays only a first wall and the chain check must
 * catch the edit.
 */
async function tamper(tx: Tx, id: string) {
  const engine = e2eDb();
  const run = (query: SQL) => engine.rows(tx, query);
  if (engine.kind === "sqlite") {
    await run(sql`drop trigger audit_events_no_update`);
    await run(sql`update audit_events set ip = '10.9.9.9' where id = ${id}`);
    await run(
      sql.raw(`create trigger audit_events_no_update before update on audit_events
        begin select raise(abort, 'audit events are append-only'); end`),
    );
  } else {
    await run(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
    await run(sql`update audit_events set ip = '10.9.9.9' where id = ${id}`);
    await run(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
  }
}

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
  const system = systemData(d);
  await runAuditChecks({ system, ...quiet });
  await page.goto("/admin/team");
  await expect(page.getByRole("heading", { name: /audit trail failed/ })).toHaveCount(0);

  // A new request adds a read row; then someone edits it behind the application's back (the
  // trigger is only a first wall).
  await page.goto(`/patients/${patient.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(patient.displayName);
  const [row] = await e2eRead((db) =>
    db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(eq(auditEvents.clinicId, clinic.id))
      .orderBy(desc(auditEvents.seq))
      .limit(1),
  );
  await e2eWrite((tx) => tamper(tx, row!.id));
  await runAuditChecks({ system, ...quiet });

  await page.goto("/admin/team");
  const warning = page.getByRole("region", { name: "The audit trail failed its integrity check" });
  await expect(warning).toContainText(/entry number \d+ of this clinic/);
  await expect(warning).toContainText(row!.id);
  await expect(warning).toContainText("npm run audit:verify");
  await shoot(page, "admin-audit-warning");
});
