import { asc, eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { SqliteEngine } from "@/db/engine/sqlite";
import { readIn } from "@/db/factories";
import { createTestDb, testEngineKind, type TestDb } from "@/db/factories/test-db";
import { AUDIT_CHECK_PROBLEMS, auditChecks, auditEvents } from "@/db/schema";
import type { Context } from "@/server/context";
import { recordAudit } from "@/server/audit";
import { CHAIN_PROBLEMS } from "@/server/audit-verify";
import { systemData } from "@/server/data/clinic-data";
import { runAuditChecks } from "@/server/services/audit/audit-checks";
import { startAuditCheckTimer } from "@/server/services/audit/audit-check-timer";
import { claimsFor, staffCaller, testContext } from "@/server/testing/callers";
import { errorCode } from "@/server/testing/errors";
import { buildTwoClinicsWithAdminB, type TwoClinicsWithAdminB } from "@/server/testing/world";

/**
 * Issue 12, finding 8: the server checks each clinic's chain on a timer, from where the last good
 * check ended, records every result, and a failure puts a warning in front of the clinic's admins.
 */
let requestContext: Context;
vi.mock("@/server/request-context", () => ({
  createRequestContext: async () => requestContext,
}));

let t: TestDb;
afterAll(() => t?.cleanup());
afterEach(() => vi.useRealTimers());

let w: TwoClinicsWithAdminB;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinicsWithAdminB(t.db);
});

const note = (clinicId: string, n: number) =>
  t.db.write(clinicId, (tx) =>
    recordAudit(tx, {
      clinicId,
      actorKind: "system",
      actorId: null,
      action: `test.note_${n}`,
      entityType: "test",
      after: { n },
    }),
  );

const trailOf = (clinicId: string) =>
  readIn(t.db, (db) =>
    db
      .select({ id: auditEvents.id, hash: auditEvents.hash })
      .from(auditEvents)
      .where(eq(auditEvents.clinicId, clinicId))
      .orderBy(asc(auditEvents.seq)),
  );

/** A clinic's checks in the order they were recorded (UUIDv7 ids sort by creation). */
const checksOf = (clinicId: string) =>
  readIn(t.db, (db) =>
    db
      .select()
      .from(auditChecks)
      .where(eq(auditChecks.clinicId, clinicId))
      .orderBy(asc(auditChecks.id)),
  );

const system = () => systemData(t.db);

/** The admin area's layout as it renders for this member of staff, as HTML. */
async function adminAreaAs(user: Parameters<typeof claimsFor>[0]): Promise<string> {
  requestContext = testContext(t.db, { claims: claimsFor(user) });
  const { default: AdminLayout } = await import("@/app/(clinic)/admin/layout");
  return renderToStaticMarkup(await AdminLayout({ children: "the page" }));
}

describe("the scheduled check of the audit chain", () => {
  it("knows every problem the verifier can name", () => {
    expect([...AUDIT_CHECK_PROBLEMS]).toEqual([...CHAIN_PROBLEMS]);
  });

  it("checks every clinic, records the result and logs an anchor per clinic", async () => {
    for (let n = 1; n <= 3; n += 1) await note(w.clinicA.id, n);
    await note(w.clinicB.id, 1);
    const lines: string[] = [];
    const at = new Date("2026-11-29T06:00:00Z");
    const results = await runAuditChecks({ system: system(), now: at, log: (l) => lines.push(l) });
    const a = await trailOf(w.clinicA.id);
    expect(results.map((r) => [r.clinicId, r.status])).toEqual(
      expect.arrayContaining([
        [w.clinicA.id, "ok"],
        [w.clinicB.id, "ok"],
      ]),
    );
    expect(await checksOf(w.clinicA.id)).toEqual([
      expect.objectContaining({
        status: "ok",
        checkedAt: at,
        rowsChecked: a.length,
        chainLength: a.length,
        lastEventId: a.at(-1)!.id,
        lastHash: a.at(-1)!.hash,
        brokenEventId: null,
        problem: null,
      }),
    ]);
    expect(lines).toContain(
      `[audit] anchor clinic=${w.clinicA.id} rows=${a.length} hash=${a.at(-1)!.hash} at=2026-11-29T06:00:00.000Z`,
    );
    expect(await adminAreaAs(w.adminA)).not.toContain("audit trail");
  });

  it("resumes from the last good check, so only the rows since are read", async () => {
    const before = (await trailOf(w.clinicA.id)).length;
    await note(w.clinicA.id, 4);
    await note(w.clinicA.id, 5);
    await runAuditChecks({ system: system(), log: () => undefined });
    expect((await checksOf(w.clinicA.id)).at(-1)).toMatchObject({
      status: "ok",
      rowsChecked: 2,
      chainLength: before + 2,
    });
  });

  // Editing a row needs the append-only trigger gone, which only SQLite's file lets a test do.
  it.skipIf(testEngineKind() === "pg")(
    "records a failed check, keeps failing it, and warns the clinic's admins",
    async () => {
      await note(w.clinicA.id, 6);
      await note(w.clinicA.id, 7);
      const trail = await trailOf(w.clinicA.id);
      const edited = trail.at(-2)!;
      const position = trail.length - 1;
      // This test's database is a throwaway: the append-only trigger goes, as an intruder's would.
      const sqlite = (t.db as SqliteEngine).writerConnection;
      sqlite.exec("drop trigger audit_events_no_update");
      sqlite
        .prepare("update audit_events set after = ? where id = ?")
        .run(JSON.stringify({ n: 99 }), edited.id);
      const errors: string[] = [];
      const at = new Date("2026-11-29T12:00:00Z");
      await runAuditChecks({
        system: system(),
        now: at,
        log: () => undefined,
        warn: (l) => errors.push(l),
      });
      const failed = (await checksOf(w.clinicA.id)).at(-1)!;
      expect(failed).toMatchObject({
        status: "broken",
        brokenEventId: edited.id,
        brokenPosition: position,
        problem: "hash-mismatch",
      });
      expect(errors).toEqual([
        `[audit] chain broken clinic=${w.clinicA.id} row=${edited.id} position=${position} problem=hash-mismatch at=2026-11-29T12:00:00.000Z`,
      ]);

      const status = await staffCaller(t.db, w.adminA).clinic.auditStatus();
      expect(status.latest).toMatchObject({
        status: "broken",
        checkedAt: at,
        brokenEventId: edited.id,
        brokenPosition: position,
        problem: "hash-mismatch",
      });
      const page = await adminAreaAs(w.adminA);
      expect(page).toContain("The audit trail failed its integrity check");
      expect(page).toContain(edited.id);
      expect(page).toContain(`number ${position}`);
      expect(page).toContain("the page");

      // The other clinic's chain is its own: its admins see nothing.
      expect((await staffCaller(t.db, w.adminB).clinic.auditStatus()).latest?.status).toBe("ok");
      expect(await adminAreaAs(w.adminB)).not.toContain("audit trail");
      // Clinicians never see it; the admin area is not found for them, as before.
      const forbidden = await staffCaller(t.db, w.clinicianA).clinic.auditStatus().catch(errorCode);
      expect(forbidden).toBe("FORBIDDEN");

      // New rows do not make the break go away: the next check starts from the last good one.
      await note(w.clinicA.id, 8);
      await runAuditChecks({ system: system(), log: () => undefined, warn: () => undefined });
      expect((await checksOf(w.clinicA.id)).at(-1)).toMatchObject({
        status: "broken",
        brokenEventId: edited.id,
      });
    },
  );
});

describe("the timer", () => {
  it("does not start when switched off", () => {
    expect(startAuditCheckTimer({ system, hours: 0 })).toBe(false);
  });

  it("checks shortly after start and then on its interval, with one timer per process", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval"] });
    const count = async () =>
      (await readIn(t.db, (db) => db.select({ id: auditChecks.id }).from(auditChecks))).length;
    const before = await count();
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(startAuditCheckTimer({ system, hours: 6 })).toBe(true);
    expect(startAuditCheckTimer({ system, hours: 6 })).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.waitFor(async () => expect(await count()).toBe(before + 2));
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    await vi.waitFor(async () => expect(await count()).toBe(before + 4));
    expect(log.mock.calls.flat().join("\n")).toMatch(/\[audit\] anchor clinic=/);
    // The chain broken above stays broken (SQLite); on PostgreSQL every chain is whole.
    if (testEngineKind() === "pg") expect(error).not.toHaveBeenCalled();
    else expect(error.mock.calls.flat().join("\n")).toMatch(/\[audit\] chain broken/);
  });
});
