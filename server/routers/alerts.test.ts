import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAlert, insertPatient, readIn, writeIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { alerts, auditEvents } from "@/db/schema";
import { anonymousCaller, staffCaller } from "@/server/testing/callers";
import { codeOf, outcome } from "@/server/testing/errors";
import { buildTwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(async () => {
  await t.cleanup();
});

let w: Awaited<ReturnType<typeof buildTwoClinics>>;
const ids: Record<string, string> = {};
const id = (name: string) => ids[name]!;

/**
 * Clinic A, by hand (times UTC, November 2026):
 *   Alice (clinician A's): low no-check-in 1st 10:00, high pain-worsening 5th 10:00
 *   Carl (the admin's):    critical red-flag-emergency 6th 10:00, high pain-worsening 2nd 10:00
 *   Dora (the admin's):    medium pain-over-limit 3rd 10:00, medium not-settled 3rd 09:00,
 *                          low low-adherence 30 Oct 10:00, and a not-improving already resolved
 * So, most severe first and then the longest waiting first:
 *   carlCritical, carlHigh, aliceHigh, doraNotSettled, doraOverLimit, doraAdherence, aliceLow.
 * Clinic B has a critical from 1 Oct that clinic A must never see.
 */
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
  const carl = await insertPatient(t.db, {
    clinicId: w.clinicA.id,
    primaryClinicianId: w.adminA.id,
    displayName: "Carl Cross",
  });
  const dora = await insertPatient(t.db, {
    clinicId: w.clinicA.id,
    primaryClinicianId: w.adminA.id,
    displayName: "Dora Dale",
  });
  const add = async (
    name: string,
    patientId: string,
    kind: string,
    severity: "critical" | "high" | "medium" | "low",
    openedAt: string,
    clinicId = w.clinicA.id,
  ) => {
    ids[name] = (
      await insertAlert(t.db, {
        clinicId,
        patientId,
        kind,
        severity,
        openedAt: new Date(openedAt),
        inputs: { baseline: 2, mean7: 5.3, reports7: 4 },
      })
    ).id;
  };
  await add("aliceLow", w.patientA.id, "no-check-in", "low", "2026-11-01T10:00:00Z");
  await add("aliceHigh", w.patientA.id, "pain-worsening", "high", "2026-11-05T10:00:00Z");
  await add("carlCritical", carl.id, "red-flag-emergency", "critical", "2026-11-06T10:00:00Z");
  await add("carlHigh", carl.id, "pain-worsening", "high", "2026-11-02T10:00:00Z");
  await add("doraOverLimit", dora.id, "pain-over-limit", "medium", "2026-11-03T10:00:00Z");
  await add("doraNotSettled", dora.id, "not-settled", "medium", "2026-11-03T09:00:00Z");
  await add("doraAdherence", dora.id, "low-adherence", "low", "2026-10-30T10:00:00Z");
  await add("doraOld", dora.id, "not-improving", "low", "2026-10-01T10:00:00Z");
  await writeIn(t.db, (tx) =>
    tx
      .update(alerts)
      .set({ status: "resolved", resolvedAt: new Date("2026-10-10T10:00:00Z") })
      .where(eq(alerts.id, id("doraOld"))),
  );
  await add(
    "other",
    w.patientB.id,
    "red-flag-emergency",
    "critical",
    "2026-10-01T10:00:00Z",
    w.clinicB.id,
  );
});

const api = () => staffCaller(t.db, w.clinicianA);
const SORTED = [
  "carlCritical",
  "carlHigh",
  "aliceHigh",
  "doraNotSettled",
  "doraOverLimit",
  "doraAdherence",
  "aliceLow",
];

describe("alerts.list", () => {
  it("sorts by severity, then the longest waiting first", async () => {
    const result = await api().alerts.list({});
    expect(result.rows.map((r) => r.id)).toEqual(SORTED.map(id));
    expect(result.total).toBe(7);
    expect(result.timeZone).toBe("Europe/London");
    expect(result.rows[0]).toMatchObject({
      patientName: "Carl Cross",
      kind: "red-flag-emergency",
      severity: "critical",
      ruleId: "red-flag-emergency@1",
      ruleVersion: 1,
      status: "open",
      inputs: { baseline: 2, mean7: 5.3, reports7: 4 },
    });
  });

  it("pages through the same order", async () => {
    const first = await api().alerts.list({ pageSize: 5, page: 1 });
    const second = await api().alerts.list({ pageSize: 5, page: 2 });
    expect(first.rows.map((r) => r.id)).toEqual(SORTED.slice(0, 5).map(id));
    expect(second.rows.map((r) => r.id)).toEqual(SORTED.slice(5).map(id));
    expect([first.total, second.total]).toEqual([7, 7]);
    expect((await api().alerts.list({ pageSize: 5, page: 3 })).rows).toEqual([]);
  });

  it("filters to my patients, a severity, a patient, a status, and combines them", async () => {
    const list = async (input: Parameters<ReturnType<typeof api>["alerts"]["list"]>[0]) =>
      (await api().alerts.list(input)).rows.map((r) => r.id);
    expect(await list({ mine: true })).toEqual([id("aliceHigh"), id("aliceLow")]);
    expect(await list({ severity: "high" })).toEqual([id("carlHigh"), id("aliceHigh")]);
    expect(await list({ severity: "medium", mine: true })).toEqual([]);
    expect(await list({ patientId: w.patientA.id })).toEqual([id("aliceHigh"), id("aliceLow")]);
    expect(await list({ status: "resolved" })).toEqual([id("doraOld")]);
    expect(await list({ status: "acknowledged" })).toEqual([]);
    // An admin's "mine" is the admin's own patients.
    const admin = await staffCaller(t.db, w.adminA).alerts.list({ mine: true, severity: "low" });
    expect(admin.rows.map((r) => r.id)).toEqual([id("doraAdherence")]);
  });

  it("never lists another clinic's alerts, by any filter", async () => {
    const everything = await Promise.all(
      (["open", "acknowledged", "resolved"] as const).map((status) =>
        api().alerts.list({ status }),
      ),
    );
    expect(everything.flatMap((r) => r.rows.map((a) => a.id))).not.toContain(id("other"));
    // One patient's list: another clinic's patient is not found, exactly like a missing one.
    const foreign = await codeOf(api().alerts.list({ patientId: w.patientB.id }));
    const missing = await codeOf(
      api().alerts.list({ patientId: "0190f000-0000-7000-8000-000000000000" }),
    );
    expect([foreign, missing]).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    const b = await staffCaller(t.db, w.clinicianB).alerts.list({});
    expect(b.rows.map((r) => r.id)).toEqual([id("other")]);
    expect(b.timeZone).toBe("America/New_York");
  });

  it("is for signed-in staff only", async () => {
    expect(await codeOf(anonymousCaller(t.db).alerts.list({}))).toBe("UNAUTHORIZED");
    expect(await codeOf(anonymousCaller(t.db).alerts.counts())).toBe("UNAUTHORIZED");
    expect(await codeOf(anonymousCaller(t.db).alerts.resolve({ alertId: id("aliceLow") }))).toBe(
      "UNAUTHORIZED",
    );
  });
});

describe("acknowledge and resolve", () => {
  const trail = (alertId: string, action: string) =>
    readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, alertId), eq(auditEvents.action, action))),
    );

  it("counts open alerts by severity for the navigation, clinic-wide and mine", async () => {
    expect(await api().alerts.counts()).toEqual({
      total: 7,
      mine: 2,
      critical: 1,
      high: 2,
      medium: 2,
      low: 2,
    });
    expect(await staffCaller(t.db, w.clinicianB).alerts.counts()).toEqual({
      total: 1,
      mine: 1,
      critical: 1,
      high: 0,
      medium: 0,
      low: 0,
    });
  });

  it("acknowledges with a trimmed note, once, and audits it without the note or the numbers", async () => {
    const done = await api().alerts.acknowledge({
      alertId: id("aliceHigh"),
      note: "  Called her; flare after a long walk. ",
    });
    expect(done).toEqual({ id: id("aliceHigh"), status: "acknowledged" });
    const [row] = (await api().alerts.list({ status: "acknowledged" })).rows;
    expect(row).toMatchObject({
      id: id("aliceHigh"),
      status: "acknowledged",
      acknowledgeNote: "Called her; flare after a long walk.",
      acknowledgedByName: expect.any(String),
      acknowledgedAt: expect.any(Date),
    });
    expect(row!.updatedAt.getTime()).toBe(row!.acknowledgedAt!.getTime());
    expect(await api().alerts.counts()).toMatchObject({ total: 6, mine: 1, high: 1 });

    const events = await trail(id("aliceHigh"), "alert.acknowledge");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorKind: "user",
      actorId: w.clinicianA.id,
      patientId: w.patientA.id,
      before: { alertId: id("aliceHigh"), kind: "pain-worsening", status: "open" },
      after: { alertId: id("aliceHigh"), kind: "pain-worsening", status: "acknowledged" },
    });
    // What the row records, not its clock: an instant such as 08:15:35.312 contains "5.3" too.
    const { before, after, entityType, action } = events[0]!;
    const stored = JSON.stringify({ before, after, entityType, action });
    expect(stored).not.toContain("walk");
    expect(stored).not.toContain("5.3");
  });

  it("stores a blank note as no note", async () => {
    await api().alerts.acknowledge({ alertId: id("doraOverLimit"), note: "   " });
    const row = (await api().alerts.list({ status: "acknowledged" })).rows.find(
      (r) => r.id === id("doraOverLimit"),
    );
    expect(row?.acknowledgeNote).toBeNull();
    expect((await trail(id("doraOverLimit"), "alert.acknowledge"))[0]?.after).toMatchObject({
      hasNote: false,
    });
  });

  it("refuses to acknowledge twice, saying a colleague already did", async () => {
    const again = await outcome(api().alerts.acknowledge({ alertId: id("aliceHigh"), note: "" }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/already acknowledged/);
    expect(await trail(id("aliceHigh"), "alert.acknowledge")).toHaveLength(1);
  });

  it("resolves open or acknowledged alerts, then refuses both actions", async () => {
    expect(await api().alerts.resolve({ alertId: id("aliceHigh") })).toEqual({
      id: id("aliceHigh"),
      status: "resolved",
    });
    expect(await api().alerts.resolve({ alertId: id("aliceLow") })).toEqual({
      id: id("aliceLow"),
      status: "resolved",
    });
    expect((await trail(id("aliceHigh"), "alert.resolve"))[0]).toMatchObject({
      before: { status: "acknowledged", kind: "pain-worsening" },
      after: { status: "resolved", kind: "pain-worsening", alertId: id("aliceHigh") },
    });
    expect((await trail(id("aliceLow"), "alert.resolve"))[0]?.before).toMatchObject({
      status: "open",
    });
    const [resolvedRow] = (
      await api().alerts.list({ patientId: w.patientA.id, status: "resolved" })
    ).rows;
    expect(resolvedRow).toMatchObject({
      resolvedByName: expect.any(String),
      resolvedAt: expect.any(Date),
    });

    const resolveAgain = await outcome(api().alerts.resolve({ alertId: id("aliceLow") }));
    expect(resolveAgain).toEqual({
      code: "CONFLICT",
      message: "This alert has already been resolved. Reload the page to see the current alerts.",
    });
    const acknowledgeResolved = await outcome(
      api().alerts.acknowledge({ alertId: id("aliceLow"), note: "" }),
    );
    expect(acknowledgeResolved).toEqual(resolveAgain);
    expect(await trail(id("aliceLow"), "alert.resolve")).toHaveLength(1);

    // Resolved alerts are history: the most recently resolved first.
    const resolved = (await api().alerts.list({ status: "resolved" })).rows.map((r) => r.id);
    expect(resolved.slice(0, 2).sort()).toEqual([id("aliceHigh"), id("aliceLow")].sort());
    expect(resolved[2]).toBe(id("doraOld"));
    expect(await api().alerts.counts()).toMatchObject({ total: 4, mine: 0, high: 1, low: 1 });
  });

  it("refuses a note that is too long, saying what to fix", async () => {
    const tooLong = await outcome(
      api().alerts.acknowledge({ alertId: id("carlHigh"), note: "x".repeat(501) }),
    );
    expect(tooLong.code).toBe("BAD_REQUEST");
    expect(tooLong.message).toContain("500 characters");
    // Surrounding spaces do not count against the limit.
    expect(
      await codeOf(
        api().alerts.acknowledge({ alertId: id("carlHigh"), note: ` ${"x".repeat(500)} ` }),
      ),
    ).toBe("OK");
  });

  it("treats another clinic's alert exactly like one that does not exist, and leaves it alone", async () => {
    for (const call of [
      (alertId: string) => api().alerts.acknowledge({ alertId, note: "" }),
      (alertId: string) => api().alerts.resolve({ alertId }),
    ]) {
      const foreign = await outcome(call(id("other")));
      expect(foreign.code).toBe("NOT_FOUND");
      expect(foreign).toEqual(await outcome(call(randomUUID())));
    }
    const [other] = await readIn(t.db, (db) =>
      db
        .select()
        .from(alerts)
        .where(eq(alerts.id, id("other"))),
    );
    expect(other?.status).toBe("open");
    expect(await trail(id("other"), "alert.acknowledge")).toHaveLength(0);
    expect(await trail(id("other"), "alert.resolve")).toHaveLength(0);
  });
});
