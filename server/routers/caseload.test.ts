import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  insertAlert,
  insertClinic,
  insertPatient,
  insertPatientSummary,
  insertUser,
  writeIn,
} from "@/db/factories";
import type { SqliteEngine } from "@/db/engine/sqlite";
import { createTestDb, testEngineKind, type TestDb } from "@/db/factories/test-db";
import { alerts } from "@/db/schema";
import type { Condition } from "@/db/schema/enums";
import { clinicData } from "@/server/data/clinic-data";
import {
  caseloadQueries,
  listCaseload,
  type CaseloadSort,
} from "@/server/services/caseload/list-caseload";
import type { ClinicScope } from "@/server/services/scope";
import { anonymousCaller, staffCaller } from "@/server/testing/callers";

let t: TestDb;
afterAll(async () => {
  await t.cleanup();
});

/**
 * The fixture, counted by hand. Clinic A: Ana (the caller) and Ben.
 *   Amy  Ana  runners_knee        A7 0.90  A28 0.80  pain 2  change −3  improved  progress
 *   Bob  Ana  medial_knee_pain    A7 0.40  A28 0.60  pain 6  change +2.5 worsening regress  1 high open
 *   Cat  Ben  runners_knee        A7 0.70  A28 0.75  pain 4  change 0   hold      1 low acknowledged
 *   Dan  Ben  sciatica_knee_pain  no figures yet
 *   Eve  Ana  knee_nerve_pain     discharged
 *   Fay  Ana  knee_nerve_pain     in the red-flag pause, 1 critical open
 *   7 fillers, Ben, medial_knee_pain, no figures
 * Clinic B: one patient who would top every list if it leaked.
 */
let ana: Awaited<ReturnType<typeof insertUser>>;
let ben: Awaited<ReturnType<typeof insertUser>>;
let otherClinician: Awaited<ReturnType<typeof insertUser>>;
const id: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDb();
  const a = await insertClinic(t.db, { name: "A" });
  const b = await insertClinic(t.db, { name: "B" });
  ana = await insertUser(t.db, { clinicId: a.id, role: "clinician", name: "Ana Patel" });
  ben = await insertUser(t.db, { clinicId: a.id, role: "clinician", name: "Ben Carter" });
  otherClinician = await insertUser(t.db, { clinicId: b.id, role: "clinician", name: "Zoe B" });
  const add = async (name: string, clinician: { id: string }, condition: Condition) => {
    const p = await insertPatient(t.db, {
      clinicId: a.id,
      primaryClinicianId: clinician.id,
      displayName: name,
      condition,
    });
    id[name] = p.id;
    return p.id;
  };
  const summary = (name: string, figures: Parameters<typeof insertPatientSummary>[1]) =>
    insertPatientSummary(t.db, figures);

  await summary("Amy", {
    clinicId: a.id,
    patientId: await add("Amy Adams", ana, "runners_knee"),
    versionNumber: 2,
    versionFromDay: "2026-11-01",
    lastCheckInAt: new Date("2026-11-21T08:00:00Z"),
    adherence7: 0.9,
    adherence28: 0.8,
    morningPain: 2,
    baselinePain: 5,
    painChange: -3,
    improved: true,
    advice: "progress",
  });
  await summary("Bob", {
    clinicId: a.id,
    patientId: await add("Bob Brown", ana, "medial_knee_pain"),
    versionNumber: 1,
    versionFromDay: "2026-10-01",
    lastCheckInAt: new Date("2026-11-20T08:00:00Z"),
    adherence7: 0.4,
    adherence28: 0.6,
    morningPain: 6,
    baselinePain: 3.5,
    painChange: 2.5,
    worsening: true,
    advice: "regress",
  });
  await insertAlert(t.db, {
    clinicId: a.id,
    patientId: id["Bob Brown"]!,
    kind: "pain-worsening",
    severity: "high",
  });
  await summary("Cat", {
    clinicId: a.id,
    patientId: await add("Cat Cole", ben, "runners_knee"),
    versionNumber: 3,
    versionFromDay: "2026-11-15",
    lastCheckInAt: new Date("2026-11-22T08:00:00Z"),
    adherence7: 0.7,
    adherence28: 0.75,
    morningPain: 4,
    baselinePain: 4,
    painChange: 0,
    advice: "hold",
  });
  const seen = await insertAlert(t.db, {
    clinicId: a.id,
    patientId: id["Cat Cole"]!,
    kind: "low-adherence",
    severity: "low",
  });
  await writeIn(t.db, (tx) =>
    tx.update(alerts).set({ status: "acknowledged" }).where(eq(alerts.id, seen.id)),
  );
  await add("Dan Dale", ben, "sciatica_knee_pain");
  const eve = await add("Eve Evans", ana, "knee_nerve_pain");
  await staffCaller(t.db, ana).patients.discharge({ patientId: eve });
  await summary("Fay", {
    clinicId: a.id,
    patientId: await add("Fay Fox", ana, "knee_nerve_pain"),
    versionNumber: 1,
    versionFromDay: "2026-11-20",
    redFlag: true,
  });
  await insertAlert(t.db, {
    clinicId: a.id,
    patientId: id["Fay Fox"]!,
    kind: "red-flag-emergency",
    severity: "critical",
  });
  for (let i = 1; i <= 7; i++) await add(`Filler ${i}`, ben, "medial_knee_pain");

  const leak = await insertPatient(t.db, {
    clinicId: b.id,
    primaryClinicianId: otherClinician.id,
    displayName: "Amy Leak",
  });
  await insertPatientSummary(t.db, {
    clinicId: b.id,
    patientId: leak.id,
    adherence7: 0.01,
    advice: "regress",
  });
  await insertAlert(t.db, {
    clinicId: b.id,
    patientId: leak.id,
    kind: "no-check-in",
    severity: "critical",
  });
});

const list = (input: Parameters<ReturnType<typeof staffCaller>["caseload"]["list"]>[0]) =>
  staffCaller(t.db, ana).caseload.list(input);
const everyone = { mine: false, needsAttention: false, status: "active" as const };
const names = (result: { rows: { displayName: string }[] }) =>
  result.rows.map((r) => r.displayName.split(" ")[0]);

describe("caseload.list filters", () => {
  it("shows my active patients by default, by name", async () => {
    const result = await list({});
    expect(names(result)).toEqual(["Amy", "Bob", "Fay"]);
    expect(result.total).toBe(3);
  });

  it("shows everyone's active patients: 12 in 3 pages of 5", async () => {
    const first = await list({ pageSize: 5, filters: everyone });
    expect(first.total).toBe(12);
    expect(names(first)).toEqual(["Amy", "Bob", "Cat", "Dan", "Fay"]);
    const second = await list({ pageSize: 5, page: 2, filters: everyone });
    expect(names(second)).toEqual(["Filler", "Filler", "Filler", "Filler", "Filler"]);
    const last = await list({ pageSize: 5, page: 3, filters: everyone });
    expect(last.rows.map((r) => r.displayName)).toEqual(["Filler 6", "Filler 7"]);
    expect((await list({ pageSize: 5, page: 4, filters: everyone })).rows).toEqual([]);
  });

  it("narrows to needs attention: Bob (regress, a high alert) and Fay (a critical alert)", async () => {
    const result = await list({ filters: { ...everyone, needsAttention: true } });
    expect(names(result)).toEqual(["Bob", "Fay"]);
    expect(result.total).toBe(2);
    expect(result.rows.every((r) => r.needsAttention)).toBe(true);
    // Cat's only alert is low: it shows on her row (acknowledged, not yet resolved) but does not
    // make her need attention.
    expect(
      (await list({ filters: everyone })).rows.find((r) => r.displayName === "Cat Cole"),
    ).toMatchObject({ needsAttention: false, openAlerts: { low: 1 } });
  });

  it("filters by condition, clinician and status", async () => {
    expect(names(await list({ filters: { ...everyone, condition: "runners_knee" } }))).toEqual([
      "Amy",
      "Cat",
    ]);
    const bens = await list({ filters: { ...everyone, clinicianId: ben.id } });
    expect(bens.total).toBe(9);
    expect(names(await list({ filters: { ...everyone, status: "discharged" } }))).toEqual(["Eve"]);
    expect((await list({ filters: { ...everyone, status: "all" } })).total).toBe(13);
  });

  it("searches names, taking % and _ literally", async () => {
    expect(names(await list({ filters: { ...everyone, search: "am" } }))).toEqual(["Amy"]);
    expect(names(await list({ filters: { ...everyone, search: "FILLER 7" } }))).toEqual(["Filler"]);
    expect((await list({ filters: { ...everyone, search: "%" } })).total).toBe(0);
    expect((await list({ filters: { ...everyone, search: "_" } })).total).toBe(0);
  });

  it("never shows another clinic's patients or clinicians", async () => {
    const all = await list({ pageSize: 100, filters: { ...everyone, status: "all" } });
    expect(all.rows.map((r) => r.displayName)).not.toContain("Amy Leak");
    expect(all.clinicians.map((c) => c.name)).toEqual(["Ana Patel", "Ben Carter"]);
    const theirs = await list({ filters: { ...everyone, clinicianId: otherClinician.id } });
    expect(theirs.total).toBe(0);
    expect((await list({ filters: { ...everyone, search: "Leak" } })).total).toBe(0);
  });
});

describe("caseload.list sorting (nulls always last)", () => {
  const sorted = async (sortId: CaseloadSort, desc = false) =>
    names(await list({ pageSize: 5, sort: { id: sortId, desc }, filters: everyone }));

  it("sorts by A(7) and A(28) both ways", async () => {
    expect(await sorted("adherence7")).toEqual(["Bob", "Cat", "Amy", "Dan", "Fay"]);
    expect(await sorted("adherence7", true)).toEqual(["Amy", "Cat", "Bob", "Dan", "Fay"]);
    expect(await sorted("adherence28")).toEqual(["Bob", "Cat", "Amy", "Dan", "Fay"]);
  });

  it("sorts by morning pain and its change from baseline", async () => {
    expect(await sorted("pain", true)).toEqual(["Bob", "Cat", "Amy", "Dan", "Fay"]);
    expect(await sorted("painChange")).toEqual(["Amy", "Cat", "Bob", "Dan", "Fay"]);
  });

  it("sorts by open alerts, most urgent first", async () => {
    expect(await sorted("alerts")).toEqual(["Fay", "Bob", "Cat", "Amy", "Dan"]);
  });

  it("sorts by advice, regress first", async () => {
    expect(await sorted("advice")).toEqual(["Bob", "Cat", "Amy", "Dan", "Fay"]);
  });

  it("sorts by days on the version, last check-in, clinician and condition", async () => {
    // Bob since 1 Oct, Amy 1 Nov, Cat 15 Nov, Fay 20 Nov: fewest days first.
    expect(await sorted("version")).toEqual(["Fay", "Cat", "Amy", "Bob", "Dan"]);
    expect(await sorted("lastCheckIn", true)).toEqual(["Cat", "Amy", "Bob", "Dan", "Fay"]);
    expect((await sorted("clinician")).slice(0, 3)).toEqual(["Amy", "Bob", "Fay"]);
    expect(await sorted("condition")).toEqual(["Fay", "Bob", "Filler", "Filler", "Filler"]);
  });
});

describe("caseload.list sorting: every column both ways, the whole list", () => {
  // Patients without a figure (Dan and the fillers have no summary; Fay only a version and a
  // red flag) come last in both directions, in id order (insertion order here).
  const F = ["F1", "F2", "F3", "F4", "F5", "F6", "F7"];
  const short = (name: string) =>
    name.startsWith("Filler ") ? `F${name.slice(7)}` : name.split(" ")[0]!;
  const order = async (sortId: CaseloadSort, desc: boolean) =>
    (await list({ pageSize: 100, sort: { id: sortId, desc }, filters: everyone })).rows.map((r) =>
      short(r.displayName),
    );
  const cases: [CaseloadSort, string[], string[]][] = [
    [
      "name",
      ["Amy", "Bob", "Cat", "Dan", "Fay", ...F],
      [...F].reverse().concat(["Fay", "Dan", "Cat", "Bob", "Amy"]),
    ],
    [
      "condition",
      ["Fay", "Bob", ...F, "Amy", "Cat", "Dan"],
      ["Dan", "Amy", "Cat", "Bob", ...F, "Fay"],
    ],
    [
      "clinician",
      ["Amy", "Bob", "Fay", "Cat", "Dan", ...F],
      ["Cat", "Dan", ...F, "Amy", "Bob", "Fay"],
    ],
    [
      "version",
      ["Fay", "Cat", "Amy", "Bob", "Dan", ...F],
      ["Bob", "Amy", "Cat", "Fay", "Dan", ...F],
    ],
    [
      "lastCheckIn",
      ["Bob", "Amy", "Cat", "Dan", "Fay", ...F],
      ["Cat", "Amy", "Bob", "Dan", "Fay", ...F],
    ],
    [
      "adherence7",
      ["Bob", "Cat", "Amy", "Dan", "Fay", ...F],
      ["Amy", "Cat", "Bob", "Dan", "Fay", ...F],
    ],
    [
      "adherence28",
      ["Bob", "Cat", "Amy", "Dan", "Fay", ...F],
      ["Amy", "Cat", "Bob", "Dan", "Fay", ...F],
    ],
    ["pain", ["Amy", "Cat", "Bob", "Dan", "Fay", ...F], ["Bob", "Cat", "Amy", "Dan", "Fay", ...F]],
    [
      "painChange",
      ["Amy", "Cat", "Bob", "Dan", "Fay", ...F],
      ["Bob", "Cat", "Amy", "Dan", "Fay", ...F],
    ],
    // Open (unresolved) alerts: ascending is most urgent first; descending puts those with none
    // first (a count of none is a figure, not a missing one). Cat's acknowledged low counts.
    [
      "alerts",
      ["Fay", "Bob", "Cat", "Amy", "Dan", ...F],
      ["Amy", "Dan", ...F, "Cat", "Bob", "Fay"],
    ],
    [
      "advice",
      ["Bob", "Cat", "Amy", "Dan", "Fay", ...F],
      ["Amy", "Cat", "Bob", "Dan", "Fay", ...F],
    ],
  ];

  it.each(cases)("sorts by %s ascending and descending", async (sortId, ascending, descending) => {
    expect(await order(sortId, false)).toEqual(ascending);
    expect(await order(sortId, true)).toEqual(descending);
  });

  it("pages through a sorted list without losing or repeating anyone", async () => {
    const whole = await order("adherence7", false);
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      const result = await list({
        page,
        pageSize: 5,
        sort: { id: "adherence7", desc: false },
        filters: everyone,
      });
      expect(result).toMatchObject({ total: 12, page, pageSize: 5 });
      pages.push(...result.rows.map((r) => short(r.displayName)));
    }
    expect(pages).toEqual(whole);
  });
});

describe("caseload.list input bounds", () => {
  it("refuses page sizes outside 5 to 100 and pages below 1", async () => {
    await expect(list({ pageSize: 101 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(list({ pageSize: 1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(list({ page: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(list({ page: 10_001 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses a search longer than 100 characters and an unknown sort", async () => {
    await expect(list({ filters: { ...everyone, search: "a".repeat(101) } })).rejects.toMatchObject(
      { code: "BAD_REQUEST" },
    );
    await expect(
      list({ sort: { id: "displayName" as CaseloadSort, desc: false } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("caseload.list figures", () => {
  it("returns each figure as stored, and empty ones for a patient without a summary", async () => {
    const rows = (await list({ pageSize: 100, filters: everyone })).rows;
    expect(rows.find((r) => r.displayName === "Bob Brown")).toMatchObject({
      clinicianName: "Ana Patel",
      versionNumber: 1,
      versionFromDay: "2026-10-01",
      day: "2026-11-22",
      adherence7: 0.4,
      adherence28: 0.6,
      morningPain: 6,
      baselinePain: 3.5,
      painChange: 2.5,
      improved: false,
      worsening: true,
      advice: "regress",
      redFlag: false,
      needsAttention: true,
      openAlerts: { critical: 0, high: 1, medium: 0, low: 0 },
    });
    expect(rows.find((r) => r.displayName === "Dan Dale")).toMatchObject({
      clinicianName: "Ben Carter",
      day: null,
      versionNumber: null,
      lastCheckInAt: null,
      adherence7: null,
      morningPain: null,
      painChange: null,
      improved: false,
      worsening: false,
      advice: null,
      redFlag: false,
      needsAttention: false,
      openAlerts: { critical: 0, high: 0, medium: 0, low: 0 },
    });
  });

  it("combines filters: Ben's runner's knee patients, and of them those needing attention", async () => {
    const result = await list({
      filters: { ...everyone, clinicianId: ben.id, condition: "runners_knee" },
    });
    expect(names(result)).toEqual(["Cat"]);
    expect(
      (
        await list({
          filters: {
            ...everyone,
            clinicianId: ben.id,
            condition: "runners_knee",
            needsAttention: true,
          },
        })
      ).total,
    ).toBe(0);
  });

  it("mine and a colleague's id together show nobody: both must hold", async () => {
    const result = await list({ filters: { ...everyone, mine: true, clinicianId: ben.id } });
    expect(result.total).toBe(0);
  });
});

describe("caseload.list access", () => {
  it("needs a staff session", async () => {
    await expect(anonymousCaller(t.db).caseload.list({})).rejects.toBeInstanceOf(TRPCError);
  });
});

describe('caseload.list needs attention, case by case (CLINICAL.md, "Alerts")', () => {
  /**
   * One clinic, one patient a case, counted by hand (days are 24-hour spans back from now):
   *   in   Crit  critical, acknowledged yesterday (seen is not dealt with)
   *   in   High  high, open
   *   in   Mfre  medium, open, raised 3 days ago
   *   out  Mold  medium, open, raised 9 days ago, nothing since
   *   in   Mnew  medium, open, raised 12 days ago, new evidence 2 days ago (reads updated_at)
   *   out  Mack  medium, raised 2 days ago, acknowledged yesterday
   *   out  Low   low only, open (shows on the row)
   *   in   Regr  advice regress, no alert
   *   out  Res   critical, resolved
   *   out  Calm  advice hold, no alert
   * → 5 of 10. Another clinic's patient with every reason never counts.
   */
  const day = 86_400_000;
  const ago = (days: number) => new Date(Date.now() - days * day);
  let clinician: Awaited<ReturnType<typeof insertUser>>;
  const expected = { in: ["Crit", "High", "Mfre", "Mnew", "Regr"], total: 10 };
  const KIND = {
    critical: "red-flag-emergency",
    high: "pain-worsening",
    medium: "pain-over-limit",
    low: "low-adherence",
  } as const;

  beforeAll(async () => {
    const clinic = await insertClinic(t.db, { name: "C" });
    const other = await insertClinic(t.db, { name: "D" });
    clinician = await insertUser(t.db, { clinicId: clinic.id, name: "Cy Clinician" });
    const otherClinician = await insertUser(t.db, { clinicId: other.id, name: "Di Clinician" });
    const patient = async (name: string, advice: "regress" | "hold" = "hold", at = clinic.id) => {
      const p = await insertPatient(t.db, {
        clinicId: at,
        primaryClinicianId: at === clinic.id ? clinician.id : otherClinician.id,
        displayName: name,
      });
      await insertPatientSummary(t.db, { clinicId: at, patientId: p.id, advice });
      return p.id;
    };
    const alert = async (
      patientId: string,
      severity: "critical" | "high" | "medium" | "low",
      opened: Date,
      change: Partial<typeof alerts.$inferInsert> = {},
      at = clinic.id,
    ) => {
      const row = await insertAlert(t.db, {
        clinicId: at,
        patientId,
        kind: KIND[severity],
        severity,
        openedAt: opened,
      });
      if (Object.keys(change).length > 0) {
        await writeIn(t.db, (tx) => tx.update(alerts).set(change).where(eq(alerts.id, row.id)));
      }
    };
    await alert(await patient("Crit"), "critical", ago(2), {
      status: "acknowledged",
      acknowledgedAt: ago(1),
      acknowledgedBy: clinician.id,
      updatedAt: ago(1),
    });
    await alert(await patient("High"), "high", ago(20));
    await alert(await patient("Mfre"), "medium", ago(3));
    await alert(await patient("Mold"), "medium", ago(9));
    await alert(await patient("Mnew"), "medium", ago(12), { updatedAt: ago(2) });
    await alert(await patient("Mack"), "medium", ago(2), {
      status: "acknowledged",
      acknowledgedAt: ago(1),
      acknowledgedBy: clinician.id,
      updatedAt: ago(1),
    });
    await alert(await patient("Low"), "low", ago(1));
    await patient("Regr", "regress");
    await alert(await patient("Res"), "critical", ago(4), {
      status: "resolved",
      resolvedAt: ago(3),
      resolvedBy: clinician.id,
      updatedAt: ago(3),
    });
    await patient("Calm");
    const leak = await patient("Leak", "regress", other.id);
    await alert(leak, "critical", ago(1), {}, other.id);
    await alert(leak, "medium", ago(1), {}, other.id);
  });

  const theirs = (input: Parameters<ReturnType<typeof staffCaller>["caseload"]["list"]>[0]) =>
    staffCaller(t.db, clinician).caseload.list(input);

  it("filters to exactly the hand-counted five, and counts them", async () => {
    const result = await theirs({ filters: { ...everyone, needsAttention: true } });
    expect(result.rows.map((r) => r.displayName)).toEqual(expected.in);
    expect(result.total).toBe(5);
    const all = await theirs({ filters: everyone });
    expect(all.total).toBe(expected.total);
    expect(all.rows.filter((r) => r.needsAttention).map((r) => r.displayName)).toEqual(expected.in);
  });

  it("shows every unresolved alert on the row, acknowledged or not, and no resolved one", async () => {
    const rows = (await theirs({ filters: everyone })).rows;
    const row = (name: string) => rows.find((r) => r.displayName === name)!;
    expect(row("Crit").openAlerts).toEqual({ critical: 1, high: 0, medium: 0, low: 0 });
    expect(row("Mack").openAlerts).toEqual({ critical: 0, high: 0, medium: 1, low: 0 });
    expect(row("Low")).toMatchObject({ needsAttention: false, openAlerts: { low: 1 } });
    expect(row("Res")).toMatchObject({
      needsAttention: false,
      openAlerts: { critical: 0, high: 0, medium: 0, low: 0 },
    });
  });

  const scopeOf = (user: typeof clinician): ClinicScope => ({
    data: clinicData(t.db, user.clinicId),
    clinicId: user.clinicId,
    userId: user.id,
    role: user.role,
    ip: null,
  });

  it("reads the last 7 days back from the moment asked: Mfre drops out after 4 more days", async () => {
    const scope = scopeOf(clinician);
    const input = {
      page: 1,
      pageSize: 25,
      sort: { id: "name" as const, desc: false },
      filters: { ...everyone, needsAttention: true },
    };
    const at = async (days: number) =>
      (await listCaseload({ scope, input, now: new Date(Date.now() + days * day) })).rows.map(
        (r) => r.displayName,
      );
    expect(await at(0)).toEqual(expected.in);
    // 3 + 3.9 days: still inside; 3 + 4.1: outside. Mnew (2 days) holds on a day longer.
    expect(await at(3.9)).toEqual(expected.in);
    expect(await at(4.1)).toEqual(["Crit", "High", "Mnew", "Regr"]);
    expect(await at(5.1)).toEqual(["Crit", "High", "Regr"]);
  });

  it("never counts another clinic's patient", async () => {
    const result = await list({ pageSize: 100, filters: { ...everyone, needsAttention: true } });
    expect(result.rows.map((r) => r.displayName)).not.toContain("Leak");
    expect(result.rows.map((r) => r.displayName)).not.toContain("Crit");
    const mine = await theirs({ pageSize: 100, filters: { ...everyone, status: "all" } });
    expect(mine.rows.map((r) => r.displayName)).not.toContain("Leak");
  });

  // SQLite's plan; PostgreSQL chooses by its statistics, which a test database does not have.
  it.skipIf(testEngineKind() === "pg")(
    "reads alerts through the (clinic_id, status) index, never scanning the table",
    async () => {
      const queries = await caseloadQueries({
        scope: scopeOf(clinician),
        input: {
          page: 1,
          pageSize: 25,
          sort: { id: "adherence7", desc: false },
          filters: { ...everyone, needsAttention: true },
        },
      });
      const reader = (t.db as SqliteEngine).readerConnection;
      const plan = queries.flatMap((query) =>
        reader
          .prepare(`explain query plan ${query.sql}`)
          .all(...query.params)
          .map((step) => (step as { detail: string }).detail),
      );
      const alertSteps = plan.filter((step) => /\balerts\b/.test(step));
      expect(alertSteps.length).toBeGreaterThan(0);
      for (const step of alertSteps)
        expect(step).toMatch(/USING (COVERING )?INDEX alerts_clinic_status_severity_idx/);
      expect(plan.some((step) => /^SCAN alerts\b/.test(step))).toBe(false);
    },
  );
});
