import { count, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDb } from "../factories/test-db";
import {
  alerts,
  checkIns,
  clinics,
  painReports,
  patients,
  programVersions,
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
