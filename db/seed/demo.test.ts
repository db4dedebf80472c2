import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sidesNamedIn } from "@/server/domain/dosage";
import { RED_FLAG_SET_VERSION } from "@/server/domain/red-flags";
import { staffCaller } from "@/server/testing/callers";
import { createTestDb } from "../factories/test-db";
import {
  alerts,
  checkIns,
  clinics,
  painReports,
  patients,
  programItems,
  programVersions,
  redFlagAnswers,
  users,
} from "../schema";
import { createDemoClinics, isDatabaseEmpty } from "./demo";
import { seedLibrary } from "./library";

const a = createTestDb();
const b = createTestDb();
afterAll(() => {
  a.cleanup();
  b.cleanup();
});
const now = new Date("2026-11-22T10:00:00Z");

describe("demo clinics", () => {
  it("builds two clinics with staff, a dozen patients and weeks of history", async () => {
    expect(isDatabaseEmpty(a.db)).toBe(true);
    const demo = await createDemoClinics(a.db, now);
    expect(isDatabaseEmpty(a.db)).toBe(false);
    expect(
      a.db
        .select()
        .from(clinics)
        .all()
        .map((c) => c.name),
    ).toEqual(["Riverside Physiotherapy", "Harbour Sports Clinic"]);
    const riverside = a.db
      .select()
      .from(clinics)
      .where(eq(clinics.name, "Riverside Physiotherapy"))
      .get()!;
    const staff = a.db.select().from(users).where(eq(users.clinicId, riverside.id)).all();
    expect(staff.map((u) => u.role).sort()).toEqual(["admin", "clinician", "clinician"]);
    const riversidePatients = a.db
      .select()
      .from(patients)
      .where(eq(patients.clinicId, riverside.id))
      .all();
    expect(riversidePatients).toHaveLength(12);
    expect(new Set(riversidePatients.map((p) => p.condition)).size).toBe(4);
    const span = a.db.get<{ first: string; last: string }>(
      sql`select min(day) as first, max(day) as last from check_ins`,
    );
    expect(span.last <= "2026-11-22").toBe(true);
    expect(span.first <= "2026-10-11").toBe(true); // at least 6 weeks back
    const multiVersion = a.db.get<{ n: number }>(
      sql`select count(*) as n from (select program_id from program_versions group by program_id having count(*) >= 2)`,
    );
    expect(multiVersion.n).toBeGreaterThanOrEqual(12);
    const flags = a.db.get<{ n: number }>(
      sql`select count(*) as n from red_flag_answers where answer = 1`,
    );
    expect(flags.n).toBeGreaterThanOrEqual(2);
    expect(a.db.select().from(alerts).all().length).toBeGreaterThanOrEqual(2);
    expect(demo.signIns.map((s) => s.email)).toContain("ana@riverside.example");
    expect(demo.patientLink.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("is the same every time (seeded random numbers)", async () => {
    await createDemoClinics(b.db, now);
    const summary = (db: typeof a.db) => ({
      checkIns: db.select({ n: count() }).from(checkIns).get()?.n,
      pain: db.all(sql`select day, context, score from pain_reports order by day, context, score`),
      versions: db.select({ n: count() }).from(programVersions).get()?.n,
    });
    expect(summary(b.db)).toEqual(summary(a.db));
    expect(a.db.select({ n: count() }).from(painReports).get()?.n).toBeGreaterThan(500);
  });

  it("can seed the library again without duplicating anything", () => {
    const before = a.db.all(sql`select count(*) as n from exercises`);
    seedLibrary(a.db);
    expect(a.db.all(sql`select count(*) as n from exercises`)).toEqual(before);
  });
});

describe("the demo clinic's week", () => {
  const c = createTestDb();
  afterAll(() => c.cleanup());
  const riverside = () =>
    c.db.select().from(clinics).where(eq(clinics.name, "Riverside Physiotherapy")).get()!;
  const ana = () =>
    c.db.select().from(users).where(eq(users.email, "ana@riverside.example")).get()!;
  // The caseload reads "the last 7 days" from the clock: run it on the day the demo was built.
  const onDemoDay = async <T>(work: () => Promise<T>): Promise<T> => {
    vi.useFakeTimers({ toFake: ["Date"], now });
    try {
      return await work();
    } finally {
      vi.useRealTimers();
    }
  };
  const everyone = { mine: false, status: "active" as const };

  beforeAll(async () => {
    await onDemoDay(() => createDemoClinics(c.db, now));
  });

  it("needs attention for a minority: the three with clear reasons, counted by the caseload", async () => {
    const { all, attention } = await onDemoDay(async () => {
      const caller = staffCaller(c.db, ana());
      return {
        all: await caller.caseload.list({
          pageSize: 100,
          filters: { ...everyone, needsAttention: false },
        }),
        attention: await caller.caseload.list({
          pageSize: 100,
          filters: { ...everyone, needsAttention: true },
        }),
      };
    });
    expect(all.total).toBe(12);
    expect(attention.total).toBeGreaterThanOrEqual(2);
    expect(attention.total).toBeLessThanOrEqual(4);
    expect(attention.total * 2).toBeLessThan(all.total);
    const row = (name: string) => attention.rows.find((r) => r.displayName === name);
    // Pain rising for weeks and over his limit: advice to regress and a high alert.
    expect(row("Tom Becker")).toMatchObject({ advice: "regress", openAlerts: { high: 1 } });
    // Red flags: the urgent one two days ago, the emergency one yesterday.
    expect(row("James O'Neill")).toMatchObject({ redFlag: true, openAlerts: { high: 1 } });
    expect(row("Lukas Novak")).toMatchObject({ redFlag: true, openAlerts: { critical: 1 } });
    expect(attention.rows.map((r) => r.displayName).sort()).toEqual([
      "James O'Neill",
      "Lukas Novak",
      "Tom Becker",
    ]);
  });

  it("keeps everyone else quiet: no open alert above low, mostly improving", async () => {
    const all = await onDemoDay(() =>
      staffCaller(c.db, ana()).caseload.list({
        pageSize: 100,
        filters: { ...everyone, needsAttention: false },
      }),
    );
    const quiet = all.rows.filter((r) => !r.needsAttention);
    expect(quiet).toHaveLength(9);
    for (const r of quiet) {
      expect(r.openAlerts, r.displayName).toMatchObject({ critical: 0, high: 0, medium: 0 });
      expect(r.advice, r.displayName).not.toBe("regress");
    }
    expect(quiet.filter((r) => r.improved).length).toBeGreaterThan(quiet.length / 2);
  });

  it("raises the emergency red flag yesterday, from answers to the current question set", () => {
    const critical = c.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.clinicId, riverside().id), eq(alerts.severity, "critical")))
      .all();
    expect(critical).toHaveLength(1);
    expect(critical[0]).toMatchObject({ ruleId: "red-flag-emergency@2", status: "open" });
    const age = now.getTime() - critical[0]!.openedAt.getTime();
    expect(age).toBeGreaterThan(0);
    expect(age).toBeLessThan(2 * 86_400_000);
    const sets = c.db
      .selectDistinct({ set: redFlagAnswers.questionSet })
      .from(redFlagAnswers)
      .all();
    expect(sets).toEqual([{ set: RED_FLAG_SET_VERSION }]);
  });

  it("never names a side in a program item's note", () => {
    const notes = c.db
      .select({ notes: programItems.notes })
      .from(programItems)
      .all()
      .map((i) => i.notes)
      .filter((n): n is string => n !== null);
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) expect(sidesNamedIn(n), n).toEqual([]);
  });
});
