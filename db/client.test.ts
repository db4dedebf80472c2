import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  insertCheckIn,
  insertClinic,
  insertPatient,
  insertProgramVersion,
  insertUser,
  sharedExercise,
} from "./factories";
import { createTestDb } from "./factories/test-db";
import { auditEvents, painReports, programItems, users } from "./schema";
import { recordAudit } from "@/server/audit";
import { getDb } from "./client";

const t = createTestDb();
const { db } = t;
afterAll(() => t.cleanup());

/** The SQLite message under drizzle's wrapper. */
function sqliteMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    let e: unknown = error;
    while (e instanceof Error && e.cause) e = e.cause;
    return e instanceof Error ? e.message : String(e);
  }
  return "no error";
}

let ids: { clinicId: string; userId: string; patientId: string; versionId: string; itemId: string };

beforeAll(async () => {
  const clinic = insertClinic(db);
  const user = await insertUser(db, { clinicId: clinic.id });
  const patient = insertPatient(db, { clinicId: clinic.id, primaryClinicianId: user.id });
  const { version, items } = insertProgramVersion(db, {
    clinicId: clinic.id,
    patientId: patient.id,
    authorId: user.id,
    items: [{ exerciseId: sharedExercise(db, "clamshell").id, sets: 2, reps: 10 }],
  });
  ids = {
    clinicId: clinic.id,
    userId: user.id,
    patientId: patient.id,
    versionId: version.id,
    itemId: items[0]!.id,
  };
});

describe("connection", () => {
  it("sets WAL, full sync, foreign keys and a busy timeout on open", () => {
    const pragma = (name: string) => db.$client.pragma(name, { simple: true });
    expect(pragma("journal_mode")).toBe("wal");
    expect(pragma("synchronous")).toBe(2); // FULL
    expect(pragma("foreign_keys")).toBe(1);
    expect(pragma("busy_timeout")).toBe(5000);
  });

  it("opens once per process and hands back the same connection", () => {
    expect(getDb(t.file)).toBe(getDb(t.file));
  });

  it("is migrated: every table of the data model exists", () => {
    const tables = db
      .all<{ name: string }>(sql`select name from sqlite_master where type = 'table' order by name`)
      .map((r) => r.name);
    for (const name of [
      "clinics",
      "users",
      "patients",
      "exercises",
      "program_templates",
      "template_items",
      "programs",
      "program_versions",
      "program_items",
      "patient_links",
      "check_ins",
      "exercise_logs",
      "pain_reports",
      "red_flag_answers",
      "alerts",
      "audit_events",
    ]) {
      expect(tables).toContain(name);
    }
  });
});

describe("constraints", () => {
  it("refuses a pain score outside 0 to 10", () => {
    expect(() =>
      insertCheckIn(db, {
        clinicId: ids.clinicId,
        patientId: ids.patientId,
        versionId: ids.versionId,
        day: "2026-03-01",
        kind: "morning",
        pain: [{ context: "morning", score: 11 }],
      }),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      insertCheckIn(db, {
        clinicId: ids.clinicId,
        patientId: ids.patientId,
        versionId: ids.versionId,
        day: "2026-03-01",
        kind: "morning",
        pain: [{ context: "morning", score: -1 }],
      }),
    ).toThrow(/CHECK constraint failed/);
    // The check-in and its report are one transaction: the failed ones left nothing behind.
    expect(db.select().from(painReports).all()).toHaveLength(0);
  });

  it("refuses zero sets, an unknown role and an unknown pain context", () => {
    expect(() =>
      insertProgramVersion(db, {
        clinicId: ids.clinicId,
        patientId: ids.patientId,
        authorId: ids.userId,
        items: [{ exerciseId: sharedExercise(db, "clamshell").id, sets: 0, reps: 10 }],
      }),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      db
        .update(users)
        .set({ role: "owner" as "admin" })
        .where(eq(users.id, ids.userId))
        .run(),
    ).toThrow(/CHECK constraint failed/);
    const checkIn = insertCheckIn(db, {
      clinicId: ids.clinicId,
      patientId: ids.patientId,
      versionId: ids.versionId,
      day: "2026-03-02",
      kind: "morning",
    });
    expect(
      sqliteMessage(() =>
        db.run(
          sql`insert into pain_reports (id, clinic_id, check_in_id, patient_id, day, context, score) values ('x', ${ids.clinicId}, ${checkIn.id}, ${ids.patientId}, '2026-03-02', 'evening', 3)`,
        ),
      ),
    ).toMatch(/CHECK constraint failed: pain_reports_context_check/);
  });

  it("enforces foreign keys", () => {
    expect(() =>
      insertPatient(db, { clinicId: "no-such-clinic", primaryClinicianId: ids.userId }),
    ).toThrow(/FOREIGN KEY/);
  });

  it("never lets a saved program item or an audit event change", () => {
    expect(() =>
      db.update(programItems).set({ reps: 99 }).where(eq(programItems.id, ids.itemId)).run(),
    ).toThrow(/immutable/);
    recordAudit(db, {
      clinicId: ids.clinicId,
      actorKind: "system",
      actorId: null,
      action: "test",
      entityType: "test",
    });
    expect(() =>
      db
        .update(auditEvents)
        .set({ action: "changed" })
        .where(eq(auditEvents.clinicId, ids.clinicId))
        .run(),
    ).toThrow(/append-only/);
    expect(() =>
      db.delete(auditEvents).where(eq(auditEvents.clinicId, ids.clinicId)).run(),
    ).toThrow(/append-only/);
  });
});

describe("audit chain", () => {
  it("links each event to the one before it in the clinic", () => {
    recordAudit(db, {
      clinicId: ids.clinicId,
      actorKind: "system",
      actorId: null,
      action: "one",
      entityType: "test",
    });
    recordAudit(db, {
      clinicId: ids.clinicId,
      actorKind: "system",
      actorId: null,
      action: "two",
      entityType: "test",
    });
    const events = db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.clinicId, ids.clinicId))
      .all();
    const last = events.find((e) => e.action === "two");
    const previous = events.find((e) => e.action === "one");
    expect(last?.prevHash).toBe(previous?.hash);
  });
});
