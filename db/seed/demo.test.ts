import { and, asc, count, eq, gte, max, min } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sidesNamedIn } from "@/server/domain/dosage";
import { RED_FLAG_SET_VERSION } from "@/server/domain/red-flags";
import { staffCaller } from "@/server/testing/callers";
import type { Db, Engine } from "../engine/types";
import { createTestDb, type TestDb } from "../factories/test-db";
import {
  alerts,
  checkIns,
  clinics,
  exercises,
  painReports,
  patients,
  programItems,
  programVersions,
  redFlagAnswers,
  users,
} from "../schema";
import { createDemoClinics, createDemoClinicsIfEmpty, type DemoResult } from "./demo";
import { seedLibrary } from "./library";

let a: TestDb;
let b: TestDb;
beforeAll(async () => {
  a = await createTestDb();
  b = await createTestDb();
});
afterAll(async () => {
  await a.cleanup();
  await b.cleanup();
});
const now = new Date("2026-11-22T10:00:00Z");

/**
 * Building the demo writes a clinic's weeks of history: a few seconds, and several times that on
 * PostgreSQL or a busy machine.
 */
const BUILD_TIMEOUT = 90_000;

/** Reads on the system path: the tests look at every clinic's rows. */
const read = <T>(db: Engine, fn: (db: Db) => Promise<T>) => db.read(null, fn);
const countOf = async (db: Engine, table: typeof clinics | typeof exercises | typeof painReports) =>
  (await read(db, (r) => r.select({ n: count() }).from(table)))[0]!.n;

describe("demo clinics", { timeout: BUILD_TIMEOUT }, () => {
  it("builds two clinics with staff, a dozen patients and weeks of history", async () => {
    expect(await countOf(a.db, clinics)).toBe(0);
    const demo = await createDemoClinics(a.db, now);
    expect(await countOf(a.db, clinics)).toBe(2);
    const names = await read(a.db, (r) =>
      r.select().from(clinics).orderBy(asc(clinics.createdAt), asc(clinics.id)),
    );
    expect(names.map((c) => c.name)).toEqual(["Riverside Physiotherapy", "Harbour Sports Clinic"]);
    const [riverside] = await read(a.db, (r) =>
      r.select().from(clinics).where(eq(clinics.name, "Riverside Physiotherapy")),
    );
    const staff = await read(a.db, (r) =>
      r.select().from(users).where(eq(users.clinicId, riverside!.id)),
    );
    expect(staff.map((u) => u.role).sort()).toEqual(["admin", "clinician", "clinician"]);
    const riversidePatients = await read(a.db, (r) =>
      r.select().from(patients).where(eq(patients.clinicId, riverside!.id)),
    );
    expect(riversidePatients).toHaveLength(12);
    expect(new Set(riversidePatients.map((p) => p.condition)).size).toBe(4);
    const [span] = await read(a.db, (r) =>
      r.select({ first: min(checkIns.day), last: max(checkIns.day) }).from(checkIns),
    );
    expect(span!.last! <= "2026-11-22").toBe(true);
    expect(span!.first! <= "2026-10-11").toBe(true); // at least 6 weeks back
    const multiVersion = await read(a.db, (r) =>
      r
        .select({ programId: programVersions.programId })
        .from(programVersions)
        .groupBy(programVersions.programId)
        .having(gte(count(), 2)),
    );
    expect(multiVersion.length).toBeGreaterThanOrEqual(12);
    const [flags] = await read(a.db, (r) =>
      r.select({ n: count() }).from(redFlagAnswers).where(eq(redFlagAnswers.answer, true)),
    );
    expect(flags!.n).toBeGreaterThanOrEqual(2);
    expect((await read(a.db, (r) => r.select().from(alerts))).length).toBeGreaterThanOrEqual(2);
    expect(demo.signIns.map((s) => s.email)).toContain("ana@riverside.example");
    expect(demo.patientLink.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("is the same every time (seeded random numbers)", async () => {
    await createDemoClinics(b.db, now);
    const summary = async (db: Engine) => ({
      checkIns: (await read(db, (r) => r.select({ n: count() }).from(checkIns)))[0]?.n,
      pain: await read(db, (r) =>
        r
          .select({ day: painReports.day, context: painReports.context, score: painReports.score })
          .from(painReports)
          .orderBy(asc(painReports.day), asc(painReports.context), asc(painReports.score)),
      ),
      versions: (await read(db, (r) => r.select({ n: count() }).from(programVersions)))[0]?.n,
    });
    expect(await summary(b.db)).toEqual(await summary(a.db));
    expect(await countOf(a.db, painReports)).toBeGreaterThan(500);
  });

  it("can seed the library again without duplicating anything", async () => {
    const before = await countOf(a.db, exercises);
    expect(before).toBeGreaterThan(0);
    await seedLibrary(a.db);
    expect(await countOf(a.db, exercises)).toBe(before);
  });
});

describe("the demo clinic's week", () => {
  let c: TestDb;
  afterAll(async () => {
    await c.cleanup();
  });
  const riverside = async () =>
    (
      await read(c.db, (r) =>
        r.select().from(clinics).where(eq(clinics.name, "Riverside Physiotherapy")),
      )
    )[0]!;
  const ana = async () =>
    (
      await read(c.db, (r) =>
        r.select().from(users).where(eq(users.email, "ana@riverside.example")),
      )
    )[0]!;
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

  /** What two servers starting together on the empty database each got. */
  let starts: (DemoResult | null)[] = [];

  beforeAll(async () => {
    c = await createTestDb();
    starts = await onDemoDay(() =>
      Promise.all([createDemoClinicsIfEmpty(c.db, now), createDemoClinicsIfEmpty(c.db, now)]),
    );
  }, BUILD_TIMEOUT);

  it("is built once when two servers start together, and not again once there is a clinic", async () => {
    expect(starts.filter((s) => s !== null)).toHaveLength(1);
    const names = await read(c.db, (r) => r.select({ name: clinics.name }).from(clinics));
    expect(names.map((n) => n.name).sort()).toEqual([
      "Harbour Sports Clinic",
      "Riverside Physiotherapy",
    ]);
    expect(await createDemoClinicsIfEmpty(c.db, now)).toBeNull();
  });

  it("needs attention for a minority: the three with clear reasons, counted by the caseload", async () => {
    const { all, attention } = await onDemoDay(async () => {
      const caller = staffCaller(c.db, await ana());
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
    const all = await onDemoDay(async () =>
      staffCaller(c.db, await ana()).caseload.list({
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

  it("raises the emergency red flag yesterday, from answers to the current question set", async () => {
    const clinicId = (await riverside()).id;
    const critical = await read(c.db, (r) =>
      r
        .select()
        .from(alerts)
        .where(and(eq(alerts.clinicId, clinicId), eq(alerts.severity, "critical"))),
    );
    expect(critical).toHaveLength(1);
    expect(critical[0]).toMatchObject({ ruleId: "red-flag-emergency@2", status: "open" });
    const age = now.getTime() - critical[0]!.openedAt.getTime();
    expect(age).toBeGreaterThan(0);
    expect(age).toBeLessThan(2 * 86_400_000);
    const sets = await read(c.db, (r) =>
      r.selectDistinct({ set: redFlagAnswers.questionSet }).from(redFlagAnswers),
    );
    expect(sets).toEqual([{ set: RED_FLAG_SET_VERSION }]);
  });

  it("never names a side in a program item's note", async () => {
    const notes = (
      await read(c.db, (r) => r.select({ notes: programItems.notes }).from(programItems))
    )
      .map((i) => i.notes)
      .filter((n): n is string => n !== null);
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) expect(sidesNamedIn(n), n).toEqual([]);
  });
});
