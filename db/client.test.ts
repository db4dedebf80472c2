import { asc, eq, sql } from "drizzle-orm";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/server/audit";
import { PRAGMAS, openWriterConnection } from "./client";
import { getEngine } from "./engine";
import { dbErrorKind, type DbErrorKind } from "./engine/errors";
import type { Engine } from "./engine/types";
import {
  insertCheckIn,
  insertClinic,
  insertPatient,
  insertProgramVersion,
  insertUser,
  readIn,
  sharedExercise,
  writeIn,
} from "./factories";
import { createTestDb, testEngineKind, type TestDb } from "./factories/test-db";
import { auditEvents, painReports, programItems, users } from "./schema";

/**
 * What the database itself guarantees, whichever engine runs it: the tables of the data model, the
 * CHECK constraints and foreign keys, history that cannot be rewritten, and the audit chain. Then
 * how db/client.ts opens a SQLite file. (How the engines run transactions is in db/engine.)
 */

let t: TestDb;
let db: Engine;
beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
});
afterAll(async () => {
  await t.cleanup();
});

/** How a write was refused: the engine-neutral kind, and the database's own words. */
async function constraintRefusal(
  work: Promise<unknown>,
): Promise<{ kind: DbErrorKind; message: string }> {
  try {
    await work;
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return { kind: dbErrorKind(error), message: messages.join(" | ") };
  }
  return { kind: "other", message: "no error" };
}

let ids: { clinicId: string; userId: string; patientId: string; versionId: string; itemId: string };

beforeAll(async () => {
  const clinic = await insertClinic(db);
  const user = await insertUser(db, { clinicId: clinic.id });
  const patient = await insertPatient(db, { clinicId: clinic.id, primaryClinicianId: user.id });
  const { version, items } = await insertProgramVersion(db, {
    clinicId: clinic.id,
    patientId: patient.id,
    authorId: user.id,
    items: [{ exerciseId: (await sharedExercise(db, "clamshell")).id, sets: 2, reps: 10 }],
  });
  ids = {
    clinicId: clinic.id,
    userId: user.id,
    patientId: patient.id,
    versionId: version.id,
    itemId: items[0]!.id,
  };
});

const systemAudit = (action: string) =>
  db.write(null, (tx) =>
    recordAudit(tx, {
      clinicId: ids.clinicId,
      actorKind: "system",
      actorId: null,
      action,
      entityType: "test",
    }),
  );

describe("schema", () => {
  it("is migrated: every table of the data model exists", async () => {
    const query =
      db.kind === "pg"
        ? sql`select table_name as name from information_schema.tables where table_schema = current_schema()`
        : sql`select name from sqlite_master where type = 'table'`;
    const tables = (await db.read(null, (r) => db.rows<{ name: string }>(r, query))).map(
      (row) => row.name,
    );
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
  const checkIn = (day: string, pain: { context: "morning"; score: number }[] = []) =>
    insertCheckIn(db, {
      clinicId: ids.clinicId,
      patientId: ids.patientId,
      versionId: ids.versionId,
      day,
      kind: "morning",
      pain,
    });

  it("refuses a pain score outside 0 to 10", async () => {
    for (const score of [11, -1]) {
      const refused = await constraintRefusal(
        checkIn("2026-03-01", [{ context: "morning", score }]),
      );
      expect(refused.kind, `score ${score}`).toBe("check");
      expect(refused.message).toContain("pain_reports_score_check");
    }
  });

  it("refuses zero sets, an unknown role and an unknown pain context, naming the rule", async () => {
    const sets = await constraintRefusal(
      insertProgramVersion(db, {
        clinicId: ids.clinicId,
        patientId: ids.patientId,
        authorId: ids.userId,
        items: [{ exerciseId: (await sharedExercise(db, "clamshell")).id, sets: 0, reps: 10 }],
      }),
    );
    expect(sets.kind).toBe("check");
    const role = await constraintRefusal(
      writeIn(db, (tx) =>
        tx
          .update(users)
          .set({ role: "owner" as "admin" })
          .where(eq(users.id, ids.userId)),
      ),
    );
    expect(role.kind).toBe("check");
    const saved = await checkIn("2026-03-02");
    const context = await constraintRefusal(
      writeIn(db, (tx) =>
        tx.insert(painReports).values({
          clinicId: ids.clinicId,
          checkInId: saved.id,
          patientId: ids.patientId,
          day: "2026-03-02",
          context: "evening" as "morning",
          score: 3,
        }),
      ),
    );
    expect(context).toMatchObject({ kind: "check" });
    expect(context.message).toContain("pain_reports_context_check");
  });

  it("enforces foreign keys", async () => {
    const refused = await constraintRefusal(
      insertPatient(db, { clinicId: "no-such-clinic", primaryClinicianId: ids.userId }),
    );
    expect(refused.kind).toBe("foreign_key");
  });

  it("never lets a saved program item or an audit event change", async () => {
    const item = await constraintRefusal(
      writeIn(db, (tx) =>
        tx.update(programItems).set({ reps: 99 }).where(eq(programItems.id, ids.itemId)),
      ),
    );
    expect(item.message).toMatch(/immutable/);
    await systemAudit("test");
    const update = await constraintRefusal(
      writeIn(db, (tx) =>
        tx
          .update(auditEvents)
          .set({ action: "changed" })
          .where(eq(auditEvents.clinicId, ids.clinicId)),
      ),
    );
    expect(update.message).toMatch(/append-only/);
    const remove = await constraintRefusal(
      writeIn(db, (tx) => tx.delete(auditEvents).where(eq(auditEvents.clinicId, ids.clinicId))),
    );
    expect(remove.message).toMatch(/append-only/);
    const [kept] = await readIn(db, (r) =>
      r
        .select({ reps: programItems.reps })
        .from(programItems)
        .where(eq(programItems.id, ids.itemId)),
    );
    expect(kept?.reps).toBe(10);
  });
});

describe("audit chain", () => {
  it("links each event to the one before it in the clinic", async () => {
    await systemAudit("one");
    await systemAudit("two");
    const events = await readIn(db, (r) =>
      r
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.clinicId, ids.clinicId))
        .orderBy(asc(auditEvents.seq)),
    );
    const last = events.find((e) => e.action === "two");
    const previous = events.find((e) => e.action === "one");
    expect(last?.prevHash).toBe(previous?.hash);
    expect(last?.seq).toBe(previous!.seq + 1);
  });
});

// How db/client.ts opens a SQLite file: there is no file on PostgreSQL.
describe.skipIf(testEngineKind() === "pg")("opening a SQLite file", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "rehabit-client-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the folder, sets WAL, full sync, foreign keys and a busy timeout, and migrates", () => {
    const file = path.join(dir, "nested", "folder", "open.db");
    const connection = openWriterConnection(file);
    try {
      expect(existsSync(file)).toBe(true);
      const pragma = (name: string) => connection.pragma(name, { simple: true });
      expect(pragma("journal_mode")).toBe(PRAGMAS.journal_mode);
      expect(pragma("synchronous")).toBe(2); // FULL
      expect(pragma("foreign_keys")).toBe(1);
      expect(pragma("busy_timeout")).toBe(PRAGMAS.busy_timeout);
      const migrated = connection
        .prepare("select name from sqlite_master where type = 'table' and name = 'clinics'")
        .all();
      expect(migrated).toHaveLength(1);
    } finally {
      connection.close();
    }
  });

  it("leaves a file unmigrated when asked to, for tools that must not change it", () => {
    const connection = openWriterConnection(path.join(dir, "bare.db"), { migrate: false });
    try {
      expect(connection.prepare("select name from sqlite_master").all()).toEqual([]);
    } finally {
      connection.close();
    }
  });

  it("opens the process's one engine once, at DATABASE_PATH, and hands back the same one", async () => {
    const global = globalThis as { rehabitEngine?: Engine };
    const saved = { path: process.env.DATABASE_PATH, engine: global.rehabitEngine };
    process.env.DATABASE_PATH = path.join(dir, "process.db");
    delete global.rehabitEngine;
    try {
      const engine = getEngine();
      expect(getEngine()).toBe(engine);
      expect(engine.kind).toBe("sqlite");
      expect(existsSync(path.join(dir, "process.db"))).toBe(true);
      await engine.close();
    } finally {
      if (saved.path === undefined) delete process.env.DATABASE_PATH;
      else process.env.DATABASE_PATH = saved.path;
      if (saved.engine) global.rehabitEngine = saved.engine;
      else delete global.rehabitEngine;
    }
  });
});
