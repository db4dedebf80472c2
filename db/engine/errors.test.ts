import { sql, type SQL } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbErrorKind } from "./errors";
import { openSqliteEngine, type SqliteEngine } from "./sqlite";

const dir = mkdtempSync(path.join(tmpdir(), "rehabit-errors-"));
let engine: SqliteEngine;

/** Runs one statement in a write; throws if it fails. */
const setUp = (statement: SQL) => engine.write(null, (tx) => engine.rows(tx, statement));

beforeAll(async () => {
  engine = openSqliteEngine(path.join(dir, "errors.db"));
  await setUp(
    sql`insert into clinics (id, name, time_zone, created_at) values ('c1', 'One', 'UTC', 0)`,
  );
  await setUp(sql`insert into users (id, clinic_id, email, name, role, password_hash, created_at)
    values ('u1', 'c1', 'one@example.test', 'One', 'admin', 'x', 0)`);
  // A trigger like the audit trail's (db/migrations/0001), on a table of this test's own.
  engine.writerConnection.exec(`
    create table history (id text primary key, note text);
    insert into history values ('h1', 'first');
    create trigger history_no_update before update on history
    begin select raise(abort, 'history is append-only'); end;`);
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs one statement in a write through drizzle, as a service would; resolves to its error. */
function run(statement: SQL): Promise<unknown> {
  return engine
    .write(null, (tx) => engine.rows(tx, statement))
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}

/** The driver's own error under drizzle's wrappers. */
function innermost(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  return current;
}

const user = (id: string, clinicId: string, email: string, role = "clinician") =>
  sql`insert into users (id, clinic_id, email, name, role, password_hash, created_at)
    values (${id}, ${clinicId}, ${email}, 'Someone', ${role}, 'x', 0)`;

describe("dbErrorKind on SQLite's errors", () => {
  it("reads a unique index or a duplicate primary key as unique", async () => {
    expect(dbErrorKind(await run(user("u2", "c1", "one@example.test")))).toBe("unique");
    expect(dbErrorKind(await run(user("u1", "c1", "other@example.test")))).toBe("unique");
  });

  it("reads a CHECK constraint as check", async () => {
    expect(dbErrorKind(await run(user("u3", "c1", "three@example.test", "owner")))).toBe("check");
  });

  it("reads a missing parent row as foreign_key", async () => {
    expect(dbErrorKind(await run(user("u4", "no-such-clinic", "four@example.test")))).toBe(
      "foreign_key",
    );
  });

  it("reads a missing required value as not_null", async () => {
    const error = await run(
      sql`insert into clinics (id, name, time_zone, created_at) values ('c2', null, 'UTC', 0)`,
    );
    expect(dbErrorKind(error)).toBe("not_null");
  });

  it("reads a trigger's refusal (the append-only audit trail) as other", async () => {
    const error = await run(sql`update history set note = 'changed' where id = 'h1'`);
    const driver = innermost(error) as { code?: string; message?: string };
    expect(driver.code).toBe("SQLITE_CONSTRAINT_TRIGGER");
    expect(driver.message).toMatch(/append-only/);
    expect(dbErrorKind(error)).toBe("other");
  });

  it("reads the driver's error directly as well as under drizzle's wrapper", () => {
    let raw: unknown;
    try {
      engine.writerConnection
        .prepare(
          "insert into clinics (id, name, time_zone, created_at) values ('c1', 'Again', 'UTC', 0)",
        )
        .run();
    } catch (error) {
      raw = error;
    }
    expect((raw as { code?: string }).code).toBe("SQLITE_CONSTRAINT_PRIMARYKEY");
    expect(dbErrorKind(raw)).toBe("unique");
    expect(dbErrorKind(new DrizzleQueryError("insert …", [], raw as Error))).toBe("unique");
  });

  it("reads anything else as other", () => {
    expect(dbErrorKind(new Error("no code"))).toBe("other");
    expect(dbErrorKind({ code: "SQLITE_BUSY" })).toBe("other");
    expect(dbErrorKind({ code: "toString" })).toBe("other");
    expect(dbErrorKind(undefined)).toBe("other");
    expect(dbErrorKind("unique")).toBe("other");
  });
});

describe("dbErrorKind on PostgreSQL's errors", () => {
  /** node-postgres's DatabaseError carries the SQLSTATE in `code`; drizzle wraps it in `cause`. */
  const pgError = (code: string) =>
    new DrizzleQueryError("insert …", [], Object.assign(new Error("pg says no"), { code }));

  it.each([
    ["23505", "unique"],
    ["23514", "check"],
    ["23503", "foreign_key"],
    ["23502", "not_null"],
    ["40001", "serialization"],
    ["40P01", "serialization"],
    ["42501", "other"], // insufficient privilege: the app's DELETE on the audit trail
    ["P0001", "other"], // a trigger's RAISE EXCEPTION
    ["22P02", "other"],
  ])("reads SQLSTATE %s as %s", (code, kind) => {
    expect(dbErrorKind(pgError(code))).toBe(kind);
    expect(dbErrorKind(Object.assign(new Error("bare"), { code }))).toBe(kind);
  });
});
