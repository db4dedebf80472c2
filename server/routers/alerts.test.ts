import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAlert, insertPatient } from "@/db/factories";
import { createTestDb } from "@/db/factories/test-db";
import { auditEvents } from "@/db/schema";
import { staffCaller } from "@/server/testing/callers";
import { buildTwoClinics } from "@/server/testing/world";

const t = createTestDb();
afterAll(() => t.cleanup());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : "not a TRPCError";
  }
}

let w: Awaited<ReturnType<typeof buildTwoClinics>>;
const at = (iso: string) => new Date(iso);
const ids: Record<string, string> = {};

/**
 * Clinic A, by hand: Alice (clinician A's) has a low alert from 1 Nov and a high one from 5 Nov;
 * Carl (the admin's) has a critical from 6 Nov and a high from 2 Nov. Clinic B has a critical
 * from 1 Oct that clinic A must never see.
 */
beforeAll(async () => {
  w = await buildTwoClinics(t.db);
  const carl = insertPatient(t.db, {
    clinicId: w.clinicA.id,
    primaryClinicianId: w.adminA.id,
    displayName: "Carl Cross",
  });
  const add = (
    name: string,
    patientId: string,
    kind: string,
    severity: "critical" | "high" | "medium" | "low",
    openedAt: string,
    clinicId = w.clinicA.id,
  ) => {
    ids[name] = insertAlert(t.db, {
      clinicId,
      patientId,
      kind,
      severity,
      openedAt: at(openedAt),
      inputs: { silentDays: 8 },
    }).id;
  };
  add("aliceLow", w.patientA.id, "no-check-in", "low", "2026-11-01T10:00:00Z");
  add("aliceHigh", w.patientA.id, "pain-worsening", "high", "2026-11-05T10:00:00Z");
  add("carlCritical", carl.id, "red-flag-emergency", "critical", "2026-11-06T10:00:00Z");
  add("carlHigh", carl.id, "pain-worsening", "high", "2026-11-02T10:00:00Z");
  add(
    "other",
    w.patientB.id,
    "red-flag-emergency",
    "critical",
    "2026-10-01T10:00:00Z",
    w.clinicB.id,
  );
});

const api = () => staffCaller(t.db, w.clinicianA);

describe("alerts.list", () => {
  it("sorts by severity, then the longest waiting first", async () => {
    const result = await api().alerts.list({});
    expect(result.rows.map((r) => r.id)).toEqual([
      ids.carlCritical,
      ids.carlHigh,
      ids.aliceHigh,
      ids.aliceLow,
    ]);
    expect(result.total).toBe(4);
    expect(result.rows[0]).toMatchObject({
      patientName: "Carl Cross",
      ruleId: "red-flag-emergency@1",
    });
  });

  it("filters to my patients, a severity, a patient, and pages", async () => {
    expect((await api().alerts.list({ mine: true })).rows.map((r) => r.id)).toEqual([
      ids.aliceHigh,
      ids.aliceLow,
    ]);
    expect((await api().alerts.list({ severity: "high" })).total).toBe(2);
    expect((await api().alerts.list({ patientId: w.patientA.id })).total).toBe(2);
    const page2 = await api().alerts.list({ pageSize: 5, page: 1 });
    expect(page2.rows).toHaveLength(4);
    expect((await api().alerts.list({ pageSize: 5, page: 2 })).rows).toEqual([]);
  });

  it("never lists another clinic's alerts", async () => {
    const everything = await Promise.all(
      (["open", "acknowledged", "resolved"] as const).map((status) =>
        api().alerts.list({ status }),
      ),
    );
    expect(everything.flatMap((r) => r.rows.map((a) => a.id))).not.toContain(ids.other);
    expect((await api().alerts.list({ patientId: w.patientB.id })).total).toBe(0);
  });
});

describe("acknowledge and resolve", () => {
  it("counts open alerts for the navigation, clinic-wide and mine", async () => {
    expect(await api().alerts.counts()).toEqual({
      total: 4,
      mine: 2,
      critical: 1,
      high: 2,
      medium: 0,
      low: 1,
    });
  });

  it("acknowledges with a note, once, and audits it without the note's text", async () => {
    const done = await api().alerts.acknowledge({
      alertId: ids.aliceHigh!,
      note: "  Called her; flare after a long walk. ",
    });
    expect(done).toEqual({ id: ids.aliceHigh, status: "acknowledged" });
    const [row] = (await api().alerts.list({ status: "acknowledged" })).rows;
    expect(row).toMatchObject({
      id: ids.aliceHigh,
      acknowledgeNote: "Called her; flare after a long walk.",
      acknowledgedByName: expect.any(String),
    });
    expect((await api().alerts.counts()).total).toBe(3);
    expect(await codeOf(api().alerts.acknowledge({ alertId: ids.aliceHigh!, note: "" }))).toBe(
      "CONFLICT",
    );
    const trail = t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityId, ids.aliceHigh!), eq(auditEvents.action, "alert.acknowledge")),
      )
      .all();
    expect(trail).toHaveLength(1);
    expect(JSON.stringify(trail[0])).not.toContain("walk");
  });

  it("resolves open or acknowledged alerts, then refuses to again", async () => {
    expect(await api().alerts.resolve({ alertId: ids.aliceHigh! })).toEqual({
      id: ids.aliceHigh,
      status: "resolved",
    });
    expect(await api().alerts.resolve({ alertId: ids.aliceLow! })).toEqual({
      id: ids.aliceLow,
      status: "resolved",
    });
    expect(await codeOf(api().alerts.resolve({ alertId: ids.aliceLow! }))).toBe("CONFLICT");
    expect(await codeOf(api().alerts.acknowledge({ alertId: ids.aliceLow!, note: "" }))).toBe(
      "CONFLICT",
    );
    expect((await api().alerts.list({ status: "resolved" })).total).toBe(2);
  });

  it("refuses a note that is too long, saying what to fix", async () => {
    await expect(
      api().alerts.acknowledge({ alertId: ids.carlHigh!, note: "x".repeat(501) }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("treats another clinic's alert exactly like one that does not exist", async () => {
    for (const call of [
      (id: string) => api().alerts.acknowledge({ alertId: id, note: "" }),
      (id: string) => api().alerts.resolve({ alertId: id }),
    ]) {
      expect(await codeOf(call(ids.other!))).toBe("NOT_FOUND");
      expect(await codeOf(call(randomUUID()))).toBe("NOT_FOUND");
    }
  });
});
