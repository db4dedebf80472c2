import { asc, desc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { SqliteEngine } from "@/db/engine/sqlite";
import {
  insertAlert,
  insertCheckIn,
  insertPatient,
  insertPatientLink,
  readIn,
} from "@/db/factories";
import { createTestDb, testEngineKind, type TestDb } from "@/db/factories/test-db";
import { auditEvents, patientLinks } from "@/db/schema";
import { PROCEDURE_AUDIT, READ_ACTION } from "@/server/audit-classification";
import type { Context } from "@/server/context";
import { addDays, dayInZone } from "@/server/domain/days";
import {
  anonymousCaller,
  claimsFor,
  patientCaller,
  staffCaller,
  TEST_ORIGIN,
  testContext,
} from "@/server/testing/callers";
import { codeOf, outcome } from "@/server/testing/errors";
import { trpcHandler } from "@/server/trpc-handler";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";

/**
 * Issue 12, finding 7: every read of a patient's health data leaves an audit row, with who, what
 * kind of record and which patient, and nothing of the data itself; a refused call or an id of
 * another clinic leaves none (decision 021). One row per request and patient: the calls of one
 * page or one HTTP batch about the same patient share the first call's row. A test caller holds
 * one context, so it is one request; a test that wants a row per call gives each call its own.
 */
/** The request the route handlers and pages below see, as `createRequestContext` builds it. */
let requestContext: Context;
vi.mock("@/server/request-context", () => ({
  createRequestContext: async () => requestContext,
}));

const onSqlite = testEngineKind() === "sqlite";
let t: TestDb;
afterAll(() => t?.cleanup());
afterEach(() => vi.restoreAllMocks());

let w: TwoClinics;
let token: string;
/** The patient's link, the actor of the patient's own reads. */
let linkId: string;
/** A second patient of clinic A's clinician: two patients in one request make two rows. */
let carol: { id: string };
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
  carol = await insertPatient(t.db, {
    clinicId: w.clinicA.id,
    primaryClinicianId: w.clinicianA.id,
    displayName: "Carol Clarke",
  });
  token = (
    await insertPatientLink(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      createdBy: w.clinicianA.id,
    })
  ).token;
  const [link] = await readIn(t.db, (db) =>
    db
      .select({ id: patientLinks.id })
      .from(patientLinks)
      .where(eq(patientLinks.patientId, w.patientA.id))
      .limit(1),
  );
  linkId = link!.id;
  const today = dayInZone(new Date(), "Europe/London");
  await insertCheckIn(t.db, {
    clinicId: w.clinicA.id,
    patientId: w.patientA.id,
    versionId: w.programA.version.id,
    day: addDays(today, -1),
    kind: "exercise",
    note: "Knee felt tight going downstairs",
    pain: [{ context: "during", score: 7 }],
  });
  await insertAlert(t.db, {
    clinicId: w.clinicA.id,
    patientId: w.patientA.id,
    kind: "pain-spike",
    severity: "critical",
    inputs: { score: 7 },
  });
});

type Caller = ReturnType<typeof staffCaller>;
type Who = "clinician" | "admin" | "patient";

/** Every health read, called as someone allowed to, and the patient the row must name. */
const READS: Record<
  string,
  { who: Who; call: (c: Caller) => Promise<unknown>; aboutPatient: boolean }
> = {
  "advice.forPatient": {
    who: "clinician",
    call: (c) => c.advice.forPatient({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "alerts.list": {
    who: "clinician",
    call: (c) => c.alerts.list({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "alerts.summary": { who: "clinician", call: (c) => c.alerts.summary(), aboutPatient: false },
  "caseload.list": {
    who: "clinician",
    call: (c) =>
      c.caseload.list({ filters: { mine: false, needsAttention: false, status: "all" } }),
    aboutPatient: false,
  },
  "discharge.list": {
    who: "clinician",
    call: (c) => c.discharge.list({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "discharge.summary": {
    who: "clinician",
    call: (c) => c.discharge.summary({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "fhir.patientBundle": {
    who: "clinician",
    call: (c) => c.fhir.patientBundle({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "goals.list": {
    who: "clinician",
    call: (c) => c.goals.list({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "goals.mine": { who: "patient", call: (c) => c.goals.mine(), aboutPatient: true },
  "handout.get": {
    who: "clinician",
    call: (c) => c.handout.get({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "measures.due": { who: "patient", call: (c) => c.measures.due(), aboutPatient: true },
  "measures.forPatient": {
    who: "clinician",
    call: (c) => c.measures.forPatient({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "messages.exportRows": {
    who: "clinician",
    call: (c) => c.messages.exportRows({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "messages.forPatient": {
    who: "clinician",
    call: (c) => c.messages.forPatient({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "messages.inbox": { who: "clinician", call: (c) => c.messages.inbox(), aboutPatient: false },
  "messages.thread": { who: "patient", call: (c) => c.messages.thread(), aboutPatient: true },
  "notes.list": {
    who: "clinician",
    call: (c) => c.notes.list({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "patientCharts.charts": {
    who: "clinician",
    call: (c) => c.patientCharts.charts({ patientId: w.patientA.id, range: "all" }),
    aboutPatient: true,
  },
  "patientCharts.checkInLog": {
    who: "clinician",
    call: (c) => c.patientCharts.checkInLog({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "patientCharts.exportRows": {
    who: "clinician",
    call: (c) => c.patientCharts.exportRows({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "patients.get": {
    who: "clinician",
    call: (c) => c.patients.get({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "patients.list": {
    who: "clinician",
    call: (c) => c.patients.list({ filters: { mine: false, status: "all" } }),
    aboutPatient: false,
  },
  "plan.progress": { who: "patient", call: (c) => c.plan.progress(), aboutPatient: true },
  "plan.today": { who: "patient", call: (c) => c.plan.today(), aboutPatient: true },
  "programs.forEditing": {
    who: "clinician",
    call: (c) => c.programs.forEditing({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "programs.history": {
    who: "clinician",
    call: (c) => c.programs.history({ patientId: w.patientA.id }),
    aboutPatient: true,
  },
  "team.caseload": {
    who: "admin",
    call: (c) => c.team.caseload({ userId: w.clinicianA.id }),
    aboutPatient: false,
  },
};

function callerFor(who: Who): Caller {
  if (who === "patient") return patientCaller(t.db, token);
  return staffCaller(t.db, who === "admin" ? w.adminA : w.clinicianA);
}

function actorOf(who: Who) {
  if (who === "patient") return { actorKind: "patient_link", actorId: linkId };
  return { actorKind: "user", actorId: (who === "admin" ? w.adminA : w.clinicianA).id };
}

type AuditRow = typeof auditEvents.$inferSelect;

/** Every audit row of every clinic, in the order written (UUIDv7 ids sort by creation). */
function trail(): Promise<AuditRow[]> {
  return readIn(t.db, (db) => db.select().from(auditEvents).orderBy(asc(auditEvents.id)));
}

/** The rows `work` added, to any clinic's chain. */
async function newRows(work: () => Promise<unknown>): Promise<AuditRow[]> {
  const before = new Set((await trail()).map((r) => r.id));
  await work();
  return (await trail()).filter((r) => !before.has(r.id));
}

/** The clinic's latest row: the one its next row must follow. */
async function chainHeadOf(clinicId: string): Promise<AuditRow | undefined> {
  const [head] = await readIn(t.db, (db) =>
    db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.clinicId, clinicId))
      .orderBy(desc(auditEvents.seq))
      .limit(1),
  );
  return head;
}

/** Words of the patient's record that must never reach the trail. */
const HEALTH_WORDS = [
  "Alice",
  "Andrews",
  "Carol",
  "Clarke",
  "tight",
  "downstairs",
  "pain-spike",
  "knee",
  "score",
];

/** Each row as [entity type, patient, actor], sorted: what the tests of the rule compare. */
function described(rows: AuditRow[]) {
  return rows.map((r) => [r.entityType, r.patientId, r.actorId]).sort();
}

describe("reads of health data", () => {
  it("are listed here, every procedure the classification calls a read", () => {
    const reads = Object.entries(PROCEDURE_AUDIT)
      .filter(([, c]) => c.kind === "read")
      .map(([path]) => path)
      .sort();
    expect(Object.keys(READS).sort()).toEqual(reads);
  });

  for (const [path, read] of Object.entries(READS)) {
    it(`${path}, in a request of its own, writes exactly one audit row, with no health data in it`, async () => {
      const head = await chainHeadOf(w.clinicA.id);
      const rows = await newRows(() => read.call(callerFor(read.who)));
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      const classification = PROCEDURE_AUDIT[path]!;
      expect(classification.kind).toBe("read");
      expect(row).toMatchObject({
        clinicId: w.clinicA.id,
        ...actorOf(read.who),
        action: READ_ACTION,
        entityType: classification.kind === "read" ? classification.entityType : null,
        patientId: read.aboutPatient ? w.patientA.id : null,
        entityId: read.aboutPatient ? w.patientA.id : null,
        before: null,
        after: null,
        ip: "127.0.0.1",
        // The same chain as every write: this row follows the clinic's latest one.
        prevHash: head?.hash ?? null,
        seq: (head?.seq ?? 0) + 1,
      });
      const stored = JSON.stringify(row).toLowerCase();
      for (const word of HEALTH_WORDS) expect(stored).not.toContain(word.toLowerCase());
    });
  }

  it("writes nothing when the call is refused or the record is another clinic's", async () => {
    const clinician = staffCaller(t.db, w.clinicianA);
    const missing = "0190f000-0000-7000-8000-000000000000";
    const refusals = await newRows(async () => {
      for (const patientId of [w.patientB.id, missing]) {
        expect(await codeOf(clinician.patients.get({ patientId }))).toBe("NOT_FOUND");
        expect(await codeOf(clinician.patientCharts.exportRows({ patientId }))).toBe("NOT_FOUND");
        expect(await codeOf(clinician.patientCharts.charts({ patientId }))).toBe("NOT_FOUND");
        expect(await codeOf(clinician.handout.get({ patientId }))).toBe("NOT_FOUND");
        expect(await codeOf(clinician.advice.forPatient({ patientId }))).toBe("NOT_FOUND");
      }
      expect(await codeOf(anonymousCaller(t.db).caseload.list({}))).toBe("UNAUTHORIZED");
      expect(await codeOf(patientCaller(t.db, "not-a-link").plan.today())).toBe("UNAUTHORIZED");
      expect(await codeOf(clinician.team.caseload({ userId: w.clinicianA.id }))).toBe("FORBIDDEN");
    });
    expect(refusals).toEqual([]);
  });

  it("answers another clinic's patient exactly as a missing one, message included", async () => {
    const clinician = staffCaller(t.db, w.clinicianA);
    const answer = (patientId: string) =>
      outcome(clinician.patientCharts.checkInLog({ patientId }));
    expect(await answer(w.patientB.id)).toEqual(
      await answer("0190f000-0000-7000-8000-000000000000"),
    );
  });

  it("gives the data only once its row is committed", async () => {
    const clinician = staffCaller(t.db, w.clinicianA);
    const committed = await clinician.patients.get({ patientId: w.patientA.id }).then(async () => ({
      // SQLite: no write is open on the writer. Either engine: the row reads from a connection of
      // its own, which sees committed rows only.
      inTransaction: onSqlite ? (t.db as SqliteEngine).writerConnection.inTransaction : false,
      last: (await trail()).at(-1),
    }));
    expect(committed.inTransaction).toBe(false);
    expect(committed.last).toMatchObject({ entityType: "patient", actorId: w.clinicianA.id });
  });

  it("refuses the data when its row cannot be written, and the request's next read writes it", async () => {
    const clinician = staffCaller(t.db, w.clinicianA);
    // Refused as a failed commit is, a moment later: after the second read has joined the wait.
    vi.spyOn(t.db, "writeTogether").mockImplementationOnce(
      () => new Promise((_, reject) => setTimeout(() => reject(new Error("disk I/O error")), 50)),
    );
    // Two reads at once wait for the same row: when it fails, both are refused.
    const failed = await newRows(async () => {
      const codes = await Promise.all([
        codeOf(clinician.patients.get({ patientId: w.patientA.id })),
        codeOf(clinician.programs.history({ patientId: w.patientA.id })),
      ]);
      expect(codes).toEqual(["INTERNAL_SERVER_ERROR", "INTERNAL_SERVER_ERROR"]);
    });
    expect(failed).toEqual([]);
    // The same request again: the failed row is not taken as written, so this call writes it.
    const retried = await newRows(async () => {
      expect(await codeOf(clinician.patientCharts.charts({ patientId: w.patientA.id }))).toBe("OK");
      expect(await codeOf(clinician.patients.get({ patientId: w.patientA.id }))).toBe("OK");
    });
    expect(described(retried)).toEqual([["patient-charts", w.patientA.id, w.clinicianA.id]]);
  });

  // The group commit is SQLite's: PostgreSQL commits each read's row on its own.
  it.skipIf(!onSqlite)("shares one transaction among reads that arrive together", async () => {
    const commits = () => (t.db as SqliteEngine).stats.commits;
    const before = commits();
    // Four requests: each writes its own row, and the four rows are committed together.
    const clinician = () => staffCaller(t.db, w.clinicianA);
    const rows = await newRows(() =>
      Promise.all([
        clinician().patients.get({ patientId: w.patientA.id }),
        clinician().patientCharts.charts({ patientId: w.patientA.id }),
        clinician().programs.history({ patientId: w.patientA.id }),
        patientCaller(t.db, token).plan.today(),
      ]),
    );
    expect(rows.map((r) => r.entityType).sort()).toEqual([
      "patient",
      "patient-charts",
      "plan",
      "program-history",
    ]);
    expect(commits() - before).toBe(1);
  });
});

describe("one row per request and patient", () => {
  it("reads about one patient in one request write one row: the first read's", async () => {
    const clinician = staffCaller(t.db, w.clinicianA);
    const rows = await newRows(async () => {
      await clinician.patients.get({ patientId: w.patientA.id });
      await clinician.patientCharts.charts({ patientId: w.patientA.id });
      await clinician.patientCharts.exportRows({ patientId: w.patientA.id });
    });
    expect(described(rows)).toEqual([["patient", w.patientA.id, w.clinicianA.id]]);
  });

  it("reads about one patient that arrive together in one request write one row", async () => {
    const clinician = staffCaller(t.db, w.clinicianA);
    const rows = await newRows(() =>
      Promise.all([
        clinician.programs.history({ patientId: w.patientA.id }),
        clinician.advice.forPatient({ patientId: w.patientA.id }),
        clinician.alerts.list({ patientId: w.patientA.id }),
      ]),
    );
    expect(rows.map((r) => [r.patientId, r.actorId])).toEqual([[w.patientA.id, w.clinicianA.id]]);
    expect(["program-history", "advice", "alerts"]).toContain(rows[0]!.entityType);
  });

  it("the next request about the same patient writes a row again", async () => {
    const rows = await newRows(async () => {
      await staffCaller(t.db, w.clinicianA).patients.get({ patientId: w.patientA.id });
      await staffCaller(t.db, w.clinicianA).patients.get({ patientId: w.patientA.id });
    });
    expect(described(rows)).toEqual([
      ["patient", w.patientA.id, w.clinicianA.id],
      ["patient", w.patientA.id, w.clinicianA.id],
    ]);
  });

  it("two patients in one request write a row each", async () => {
    const clinician = staffCaller(t.db, w.clinicianA);
    const rows = await newRows(async () => {
      await clinician.patients.get({ patientId: w.patientA.id });
      await clinician.patientCharts.charts({ patientId: carol.id });
      await clinician.patientCharts.charts({ patientId: w.patientA.id });
      await clinician.patients.get({ patientId: carol.id });
    });
    expect(described(rows)).toEqual(
      [
        ["patient", w.patientA.id, w.clinicianA.id],
        ["patient-charts", carol.id, w.clinicianA.id],
      ].sort(),
    );
  });

  it("a read about a patient and a read about none in one request write a row each", async () => {
    const clinician = staffCaller(t.db, w.clinicianA);
    const rows = await newRows(async () => {
      await clinician.patients.get({ patientId: w.patientA.id });
      await clinician.alerts.summary();
      // Another read about no one patient shares the row the summary wrote.
      await clinician.caseload.list({});
    });
    expect(described(rows)).toEqual([
      ["alert-summary", null, w.clinicianA.id],
      ["patient", w.patientA.id, w.clinicianA.id],
    ]);
  });

  it("the patient's own plan and progress in one request write one row", async () => {
    const phone = patientCaller(t.db, token);
    const rows = await newRows(async () => {
      await phone.plan.today();
      await phone.plan.progress();
    });
    expect(rows.map((r) => [r.entityType, r.patientId, r.actorKind, r.actorId])).toEqual([
      ["plan", w.patientA.id, "patient_link", actorOf("patient").actorId],
    ]);
  });
});

describe("reads over HTTP", () => {
  /** Posts one batch, as the browser's tRPC client does, in one request of its own. */
  async function batch(calls: [path: string, input: Record<string, unknown>][]) {
    const handler = trpcHandler(
      async () => testContext(t.db, { claims: claimsFor(w.clinicianA) }),
      () => TEST_ORIGIN,
    );
    const paths = calls.map(([path]) => path).join(",");
    const body = Object.fromEntries(calls.map(([, input], i) => [String(i), { json: input }]));
    return newRows(async () => {
      const response = await handler(
        new Request(`${TEST_ORIGIN}/api/trpc/${paths}?batch=1`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: TEST_ORIGIN },
          body: JSON.stringify(body),
        }),
      );
      expect(response.status).toBe(200);
      const results = (await response.json()) as { error?: unknown }[];
      expect(results.map((r) => r.error ?? "OK")).toEqual(calls.map(() => "OK"));
    });
  }

  it("a batch of reads about one patient writes one row, naming the patient of the input", async () => {
    const writes = vi.spyOn(t.db, "writeTogether");
    const rows = await batch([
      ["patients.get", { patientId: w.patientA.id }],
      ["patientCharts.charts", { patientId: w.patientA.id, range: "4w" }],
      ["programs.history", { patientId: w.patientA.id }],
    ]);
    expect(rows.map((r) => [r.patientId, r.actorId])).toEqual([[w.patientA.id, w.clinicianA.id]]);
    expect(["patient", "patient-charts", "program-history"]).toContain(rows[0]!.entityType);
    expect(writes).toHaveBeenCalledTimes(1);
  });

  it("a batch of reads about two patients writes a row about each", async () => {
    const rows = await batch([
      ["patients.get", { patientId: w.patientA.id }],
      ["patients.get", { patientId: carol.id }],
      ["patientCharts.charts", { patientId: w.patientA.id, range: "4w" }],
      ["patientCharts.charts", { patientId: carol.id, range: "4w" }],
    ]);
    expect(rows.map((r) => [r.patientId, r.actorId]).sort()).toEqual(
      [
        [w.patientA.id, w.clinicianA.id],
        [carol.id, w.clinicianA.id],
      ].sort(),
    );
    for (const row of rows) expect(["patient", "patient-charts"]).toContain(row.entityType);
  });
});

describe("route handlers and pages that read health data", () => {
  /** A new request by clinic A's clinician: the pages called after this share it. */
  const asClinician = () => {
    requestContext = testContext(t.db, { claims: claimsFor(w.clinicianA) });
  };
  const params = (patientId: string) => ({ params: Promise.resolve({ patientId }) });
  const noSearch = { searchParams: Promise.resolve({}) };

  /** The rows a request wrote: every one a read by this actor, with no data in it. */
  function expectReads(rows: AuditRow[], actor: { actorKind: string }) {
    for (const row of rows) {
      expect(row).toMatchObject({ action: READ_ACTION, ...actor, before: null, after: null });
    }
    return described(rows);
  }

  it("the check-ins CSV export writes one row; a refused export writes none", async () => {
    const { GET } = await import("@/app/(clinic)/patients/[patientId]/check-ins.csv/route");
    const request = new Request("https://rehabit.test/patients/x/check-ins.csv");
    asClinician();
    let response: Response | undefined;
    const rows = await newRows(async () => {
      response = await GET(request, params(w.patientA.id));
    });
    expect(response?.status).toBe(200);
    expect(await response?.text()).toContain("downstairs");
    expect(expectReads(rows, actorOf("clinician"))).toEqual([
      ["check-in-export", w.patientA.id, w.clinicianA.id],
    ]);

    const refused = await newRows(async () => {
      asClinician();
      expect((await GET(request, params(w.patientB.id))).status).toBe(404);
      requestContext = testContext(t.db);
      expect((await GET(request, params(w.patientA.id))).status).toBe(401);
    });
    expect(refused).toEqual([]);
  });

  it("the patient's page writes one row about that patient, for all its reads", async () => {
    const { default: PatientPage } = await import("@/app/(clinic)/patients/[patientId]/page");
    asClinician();
    const rows = await newRows(() => PatientPage({ ...params(w.patientA.id), ...noSearch }));
    // The page opens the record first, then reads the history, advice, alerts, charts and log.
    expect(expectReads(rows, actorOf("clinician"))).toEqual([
      ["patient", w.patientA.id, w.clinicianA.id],
    ]);
  });

  it("the patient's page in the staff layout adds one row about no patient, for the alert banner", async () => {
    const { default: ClinicLayout } = await import("@/app/(clinic)/layout");
    const { default: PatientPage } = await import("@/app/(clinic)/patients/[patientId]/page");
    asClinician();
    const rows = await newRows(async () => {
      await ClinicLayout({ children: null });
      await PatientPage({ ...params(w.patientA.id), ...noSearch });
    });
    expect(expectReads(rows, actorOf("clinician"))).toEqual([
      ["alert-summary", null, w.clinicianA.id],
      ["patient", w.patientA.id, w.clinicianA.id],
    ]);
  });

  it("the handout and the caseload pages write their row", async () => {
    const { default: HandoutPage } =
      await import("@/app/(clinic)/patients/[patientId]/handout/page");
    const { default: PatientsPage } = await import("@/app/(clinic)/patients/page");
    asClinician();
    const handout = await newRows(() => HandoutPage(params(w.patientA.id)));
    expect(expectReads(handout, actorOf("clinician"))).toEqual([
      ["handout", w.patientA.id, w.clinicianA.id],
    ]);
    asClinician();
    const caseload = await newRows(() => PatientsPage(noSearch));
    expect(expectReads(caseload, actorOf("clinician"))).toEqual([
      ["caseload", null, w.clinicianA.id],
    ]);
  });

  it("the patient's own plan and progress pages write one row each; a dead link writes none", async () => {
    const { default: PlanPage } = await import("@/app/p/page");
    const { default: ProgressPage } = await import("@/app/p/progress/page");
    const link = actorOf("patient");
    requestContext = testContext(t.db, { patientToken: token });
    const plan = await newRows(() => PlanPage());
    expect(expectReads(plan, link)).toEqual([["plan", w.patientA.id, link.actorId]]);
    // The progress page reads the progress and the patient's goals at once: one row, the first to
    // finish.
    requestContext = testContext(t.db, { patientToken: token });
    const progress = await newRows(() => ProgressPage());
    expect(progress.map((r) => [r.patientId, r.actorId])).toEqual([[w.patientA.id, link.actorId]]);
    expect(["plan", "progress", "goals"]).toContain(expectReads(progress, link)[0]![0]);
    requestContext = testContext(t.db, { patientToken: "not-a-link" });
    expect(await newRows(() => PlanPage())).toEqual([]);
  });
});
