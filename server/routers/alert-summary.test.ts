import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { insertAlert, insertPatient } from "@/db/factories";
import { createTestDb } from "@/db/factories/test-db";
import { alerts } from "@/db/schema";
import { BANNER_CRITICAL_LIMIT } from "@/server/services/alerts/alerts";
import { anonymousCaller, staffCaller } from "@/server/testing/callers";
import { buildTwoClinics } from "@/server/testing/world";

const t = createTestDb();
afterAll(() => t.cleanup());

let w: Awaited<ReturnType<typeof buildTwoClinics>>;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

beforeAll(async () => {
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

    const newer = insertAlert(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      kind: "red-flag-emergency",
      severity: "critical",
      inputs: { questionIds: ["E2"] },
      openedAt: hoursAgo(1),
    });
    const carl = insertPatient(t.db, {
      clinicId: w.clinicA.id,
      primaryClinicianId: w.adminA.id,
      displayName: "Carl Cole",
    });
    const older = insertAlert(t.db, {
      clinicId: w.clinicA.id,
      patientId: carl.id,
      kind: "red-flag-emergency",
      severity: "critical",
      openedAt: hoursAgo(5),
    });
    insertAlert(t.db, {
      clinicId: w.clinicA.id,
      patientId: carl.id,
      kind: "pain-high",
      severity: "high",
    });
    insertAlert(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      kind: "no-check-in",
      severity: "low",
    });
    // Acknowledged: someone has it in hand, so it leaves the banner.
    const seen = insertPatient(t.db, { clinicId: w.clinicA.id, primaryClinicianId: w.adminA.id });
    const acknowledged = insertAlert(t.db, {
      clinicId: w.clinicA.id,
      patientId: seen.id,
      kind: "red-flag-emergency",
      severity: "critical",
    });
    t.db.update(alerts).set({ status: "acknowledged" }).where(eq(alerts.id, acknowledged.id)).run();
    // Another clinic's critical alert never shows.
    insertAlert(t.db, {
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
      const patient = insertPatient(t.db, {
        clinicId: w.clinicA.id,
        primaryClinicianId: w.adminA.id,
      });
      insertAlert(t.db, {
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

  it("reads alerts through the (clinic_id, status) index, never a scan of the table", async () => {
    const statements: string[] = [];
    const prepare = t.db.$client.prepare.bind(t.db.$client);
    const spy = vi.spyOn(t.db.$client, "prepare").mockImplementation((source: string) => {
      statements.push(source);
      return prepare(source);
    });
    await staffCaller(t.db, w.clinicianA).alerts.summary();
    spy.mockRestore();
    const onAlerts = statements.filter((s) => /from "alerts"/.test(s));
    expect(onAlerts).toHaveLength(2);
    for (const sql of onAlerts) {
      const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null);
      const plan = (
        t.db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
      ).map((r) => r.detail);
      expect(plan.some((d) => /SEARCH alerts USING INDEX alerts_clinic_status_idx/.test(d))).toBe(
        true,
      );
      expect(plan.some((d) => /SCAN alerts\b/.test(d))).toBe(false);
    }
  });
});
