import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAlert, insertPatient, writeIn } from "@/db/factories";
import type { SqliteEngine } from "@/db/engine/sqlite";
import { createTestDb, testEngineKind, type TestDb } from "@/db/factories/test-db";
import { alerts } from "@/db/schema";
import { BANNER_CRITICAL_LIMIT, summaryStatements } from "@/server/services/alerts/alerts";
import { anonymousCaller, staffCaller } from "@/server/testing/callers";
import { buildTwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(async () => {
  await t.cleanup();
});

let w: Awaited<ReturnType<typeof buildTwoClinics>>;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

describe("the alert summary on every staff page", () => {
  it("needs a signed-in member of staff", async () => {
    await expect(anonymousCaller(t.db).alerts.summary()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("counts open alerts by severity and lists the open critical ones, longest waiting first", async () => {
    const api = staffCaller(t.db, w.clinicianA);
    expect(await api.alerts.summary()).toEqual({
      counts: { total: 0, mine: 0, critical: 0, high: 0, medium: 0, low: 0 },
      critical: [],
    });

    const newer = await insertAlert(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      kind: "red-flag-emergency",
      severity: "critical",
      inputs: { questionIds: ["E2"] },
      openedAt: hoursAgo(1),
    });
    const carl = await insertPatient(t.db, {
      clinicId: w.clinicA.id,
      primaryClinicianId: w.adminA.id,
      displayName: "Carl Cole",
    });
    const older = await insertAlert(t.db, {
      clinicId: w.clinicA.id,
      patientId: carl.id,
      kind: "red-flag-emergency",
      severity: "critical",
      openedAt: hoursAgo(5),
    });
    await insertAlert(t.db, {
      clinicId: w.clinicA.id,
      patientId: carl.id,
      kind: "pain-high",
      severity: "high",
    });
    await insertAlert(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      kind: "no-check-in",
      severity: "low",
    });
    // Acknowledged: someone has it in hand, so it leaves the banner.
    const seen = await insertPatient(t.db, {
      clinicId: w.clinicA.id,
      primaryClinicianId: w.adminA.id,
    });
    const acknowledged = await insertAlert(t.db, {
      clinicId: w.clinicA.id,
      patientId: seen.id,
      kind: "red-flag-emergency",
      severity: "critical",
    });
    await writeIn(t.db, (tx) =>
      tx.update(alerts).set({ status: "acknowledged" }).where(eq(alerts.id, acknowledged.id)),
    );
    // Another clinic's critical alert never shows.
    await insertAlert(t.db, {
      clinicId: w.clinicB.id,
      patientId: w.patientB.id,
      kind: "red-flag-emergency",
      severity: "critical",
    });

    expect(await api.alerts.summary()).toEqual({
      counts: { total: 4, mine: 2, critical: 2, high: 1, medium: 0, low: 1 },
      critical: [
        {
          id: older.id,
          patientId: carl.id,
          patientName: "Carl Cole",
          kind: "red-flag-emergency",
          openedAt: older.openedAt,
        },
        {
          id: newer.id,
          patientId: w.patientA.id,
          patientName: "Alice Andrews",
          kind: "red-flag-emergency",
          openedAt: newer.openedAt,
        },
      ],
    });
  });

  it(`names at most ${BANNER_CRITICAL_LIMIT} critical alerts and counts the rest`, async () => {
    for (let i = 0; i < BANNER_CRITICAL_LIMIT; i++) {
      const patient = await insertPatient(t.db, {
        clinicId: w.clinicA.id,
        primaryClinicianId: w.adminA.id,
      });
      await insertAlert(t.db, {
        clinicId: w.clinicA.id,
        patientId: patient.id,
        kind: "red-flag-emergency",
        severity: "critical",
      });
    }
    const summary = await staffCaller(t.db, w.adminA).alerts.summary();
    expect(summary.counts.critical).toBe(BANNER_CRITICAL_LIMIT + 2);
    expect(summary.critical).toHaveLength(BANNER_CRITICAL_LIMIT);
  });

  // SQLite's plan, read on the connection the summary's reads use; PostgreSQL plans by statistics.
  it.skipIf(testEngineKind() === "pg")(
    "reads alerts through the (clinic_id, status) index, never a scan of the table",
    async () => {
      const reader = (t.db as SqliteEngine).readerConnection;
      // The summary's two statements as prepared on the reader, which its reads use.
      const onAlerts = await t.db.read(null, async (db) => {
        const prepared = summaryStatements(db);
        return [prepared.counts.getQuery().sql, prepared.critical.getQuery().sql];
      });
      expect(onAlerts.every((sql) => /from "alerts"/.test(sql))).toBe(true);
      await expect(staffCaller(t.db, w.clinicianA).alerts.summary()).resolves.toBeDefined();
      for (const sql of onAlerts) {
        const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null);
        const plan = (
          reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
        ).map((r) => r.detail);
        expect(
          plan.some((d) =>
            /SEARCH alerts USING (COVERING )?INDEX alerts_clinic_status_severity_idx/.test(d),
          ),
        ).toBe(true);
        expect(plan.some((d) => /SCAN alerts\b/.test(d))).toBe(false);
      }
    },
  );
});
