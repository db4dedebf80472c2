import { createHash } from "node:crypto";
import type { Database } from "better-sqlite3";
import type { Engine } from "@/db/engine";
import type { SqliteEngine } from "@/db/engine/sqlite";
import { patientLinks } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import { hashLinkToken } from "@/server/auth/tokens";
import { patientCaller, staffCaller } from "@/server/testing/callers";
import {
  alertSummaryDifference,
  alertsListDifference,
  caseloadDifference,
  chartDifference,
  checkInLogDifference,
  progressDifference,
  todayPlanDifference,
} from "./agree";
import {
  alertSummaryBaseline,
  alertsListBaseline,
  caseloadBaseline,
  chartBaseline,
  checkInLogBaseline,
  identityBaselines,
  readAuditBaseline,
  progressBaseline,
  todayPlanBaseline,
  type AlertsListFilter,
} from "./baselines";
import { shiftClock } from "./clock";
import { summarise, time } from "./measure";
import {
  floorAllowance,
  patientFloorCaller,
  ratioAboveFloor,
  staffFloorCaller,
} from "./request-floor";

/** Server time a page may spend in one procedure (issue 11); the patient's phone gets less. */
export const STAFF_P95_MS = 50;
export const PATIENT_P95_MS = 30;
/** How much slower than the same figures in hand-written SQL a procedure may be. */
export const MAX_RATIO = 1.5;

export interface BenchUser {
  id: string;
  clinicId: string;
  role: Role;
  sessionVersion: number;
}

/**
 * One procedure as a page calls it. `call` and `baseline` take the iteration's sampled patient;
 * `difference` says how the procedure's answer and the baseline's differ (null when they agree).
 */
export interface ProcedureCase {
  name: string;
  pages: string;
  /** Called by the patient's pages (/p, /p/safety, /p/progress): the tighter target applies. */
  patientPage: boolean;
  call: (patientId: string, i: number) => Promise<unknown>;
  baseline?: (patientId: string, i: number) => unknown;
  difference?: (service: unknown, raw: unknown) => string | null;
  /**
   * False when the baseline only checks the answer: a read of a few rows costs less than the
   * tier's own session check and validation, so a ratio would measure the framework, not the query.
   */
  timeBaseline: boolean;
  /** The answer depends on the patient: agreement is checked for every sampled patient. */
  perPatient: boolean;
  /** This case measures the floor of a tier (request-floor.ts) rather than a page's procedure. */
  floorOf?: "staff" | "patient";
}

/** Keeps each case's own types while it is written, then stores it with the others. */
function procedure<S, R>(c: {
  name: string;
  pages: string;
  patientPage?: boolean;
  perPatient?: boolean;
  timeBaseline?: boolean;
  floorOf?: "staff" | "patient";
  call: (patientId: string, i: number) => Promise<S>;
  baseline?: ((patientId: string, i: number) => R) | undefined;
  difference?: (service: S, raw: R) => string | null;
}): ProcedureCase {
  return {
    ...c,
    patientPage: c.patientPage ?? false,
    perPatient: c.perPatient ?? false,
    timeBaseline: c.timeBaseline ?? true,
    difference: c.difference as ProcedureCase["difference"],
  };
}

/**
 * The bench's link token for a patient. Derived from the patient's id so that every run finds
 * the links it made before instead of adding new ones (a real token is random and never stored);
 * only ever used on the bench database.
 */
export function benchLinkToken(patientId: string): string {
  return createHash("sha256").update(`rehabit bench link ${patientId}`).digest("base64url");
}

/**
 * Gives each patient a working link (made by `createdBy`), so the patient's pages can be called
 * through the patient tier with a real cookie value. Idempotent: an existing bench link is made
 * valid again. Returns each patient's token.
 */
export async function ensureBenchLinks(
  db: Engine,
  options: { clinicId: string; createdBy: string; patientIds: Iterable<string>; now: Date },
): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  const expiresAt = new Date(options.now.getTime() + 365 * 86_400_000);
  await db.write(options.clinicId, async (tx) => {
    for (const patientId of options.patientIds) {
      const token = benchLinkToken(patientId);
      await tx
        .insert(patientLinks)
        .values({
          clinicId: options.clinicId,
          patientId,
          createdBy: options.createdBy,
          tokenHash: hashLinkToken(token),
          expiresAt,
        })
        .onConflictDoUpdate({
          target: patientLinks.tokenHash,
          set: { expiresAt, revokedAt: null },
        });
      tokens.set(patientId, token);
    }
  });
  return tokens;
}

export interface ProcedureBenchInput {
  db: Engine;
  clinician: BenchUser;
  admin: BenchUser;
  /** The patient of each iteration (with repeats), every one with a bench link in `tokens`. */
  sample: readonly string[];
  tokens: ReadonlyMap<string, string>;
  /** Where the bench clinic's history ends: the procedures' clock reads this. */
  now: Date;
}

/**
 * A caller that is a new request at every call, as a page view or a phone's visit is: each pays
 * for its own context and writes its own read row (decision 021), none inherits another's.
 */
function perRequest<T extends object>(make: () => T): T {
  return new Proxy({} as T, { get: (_target, key) => Reflect.get(make(), key) });
}

/**
 * SQLite's hand-written SQL for the procedures' figures. It reads on the engine's reader
 * connection, as the procedures do, and writes its read row on the writer, as they do (decision
 * 035): a commit since the reader's last read empties the reader's page cache, so the baseline
 * starts from the same cold cache as the procedure it is measured against, and the ratio judges
 * the procedure's own work. Nothing else writes while a baseline runs, since every call before it
 * has been awaited. Each baseline pays for the same identity check as its procedure, and for the
 * same read row (decision 021): each call is a request of its own, as the procedure's is.
 */
function sqliteBaselines(
  connections: { reader: Database; writer: Database },
  clinician: BenchUser,
  tokens: ReadonlyMap<string, string>,
) {
  const clinicId = clinician.clinicId;
  const sqlite = connections.reader;
  const who = identityBaselines(sqlite);
  const audit = readAuditBaseline(connections.writer);
  const asStaff = <T>(path: string, work: () => T, patientId: string | null = null) => {
    who.staff(clinician.id);
    const result = work();
    audit({ clinicId, actorKind: "user", actorId: clinician.id, path, patientId });
    return result;
  };
  const asPatient = <T>(
    path: string,
    patientId: string,
    work: (clinic: string, patient: string) => T,
  ) => {
    const link = who.patient(tokens.get(patientId)!)!;
    const result = work(link.clinic_id, link.patient_id);
    audit({
      clinicId: link.clinic_id,
      actorKind: "patient_link",
      actorId: link.id,
      path,
      patientId: link.patient_id,
    });
    return result;
  };
  return {
    asStaff,
    asPatient,
    caseload: caseloadBaseline(sqlite),
    chart: chartBaseline(sqlite),
    plan: todayPlanBaseline(sqlite),
    progress: progressBaseline(sqlite),
    log: checkInLogBaseline(sqlite),
    alertList: alertsListBaseline(sqlite),
    summary: alertSummaryBaseline(sqlite),
  };
}

/**
 * Every query procedure the pages call, through the real tiers (session or link check, input and
 * output validation), with the figures' hand-written SQL where a baseline means something.
 * Reads the ids the cases rotate through (exercises, templates, clinicians) through the API.
 */
async function procedureCases(input: ProcedureBenchInput): Promise<ProcedureCase[]> {
  const { db, clinician, admin, tokens } = input;
  const clinicId = clinician.clinicId;
  const staff = perRequest(() => staffCaller(db, clinician));
  const boss = perRequest(() => staffCaller(db, admin));
  const phone = (patientId: string) => perRequest(() => patientCaller(db, tokens.get(patientId)!));
  // The hand-written SQL is SQLite's (baselines.ts): on PostgreSQL the cases have no baseline.
  const raw =
    db.kind === "sqlite"
      ? sqliteBaselines(
          {
            reader: (db as SqliteEngine).readerConnection,
            writer: (db as SqliteEngine).writerConnection,
          },
          clinician,
          tokens,
        )
      : null;

  // The chart's first day depends on the patient's program: the baseline is given the window the
  // procedure drew, read once per patient before any timing.
  const windows = new Map<string, { from: string; today: string }>();
  if (raw)
    for (const patientId of new Set(input.sample))
      for (const range of ["12w", "all"] as const) {
        const c = await staff.patientCharts.charts({ patientId, range });
        windows.set(`${range}|${patientId}`, { from: c.from, today: c.today });
      }
  const chartCase = (range: "12w" | "all", name: string, pages: string) =>
    procedure({
      name,
      pages,
      perPatient: true,
      call: (patientId) => staff.patientCharts.charts({ patientId, range }),
      baseline: raw
        ? (patientId) =>
            raw.asStaff(
              "patientCharts.charts",
              () => {
                const w = windows.get(`${range}|${patientId}`)!;
                return raw.chart(clinicId, patientId, w.from, w.today);
              },
              patientId,
            )
        : undefined,
      difference: chartDifference,
    });
  /** `forPatient`: the patient page's list of the sampled patient's alerts. */
  const alertsCase = (
    name: string,
    pages: string,
    filter: Omit<AlertsListFilter, "patientId">,
    forPatient = false,
  ) =>
    procedure({
      name,
      pages,
      perPatient: forPatient,
      // One patient's alerts are a few rows: the answer is checked, the time judged alone.
      timeBaseline: !forPatient,
      call: (patientId) => staff.alerts.list({ ...filter, ...(forPatient ? { patientId } : {}) }),
      baseline: raw
        ? (patientId) =>
            raw.asStaff(
              "alerts.list",
              () =>
                raw.alertList(clinicId, clinician.id, {
                  ...filter,
                  ...(forPatient ? { patientId } : {}),
                }),
              forPatient ? patientId : null,
            )
        : undefined,
      difference: alertsListDifference,
    });

  const exercises = (await staff.library.list({})).results.map((e) => e.id);
  const templates = (await staff.templates.list({ page: 1, pageSize: 100 })).rows.map((t) => t.id);
  const colleagues = (await boss.team.list()).members
    .filter((u) => u.role === "clinician")
    .map((u) => u.id);
  const rotate = <T>(list: readonly T[], i: number) => list[i % list.length]!;
  const needsAttention = {
    page: 1,
    pageSize: 25,
    sort: { id: "adherence7" as const, desc: false },
    filters: { mine: false, needsAttention: true, status: "active" as const },
  };

  const floors = [
    procedure({
      name: "request floor (staff tier)",
      pages: "every staff procedure, before its work",
      perPatient: true,
      floorOf: "staff",
      call: (patientId) => staffFloorCaller(db, clinician).patients.get({ patientId }),
      baseline: raw ? (patientId) => raw.asStaff("patients.get", () => null, patientId) : undefined,
    }),
    procedure({
      name: "request floor (patient tier)",
      pages: "every patient procedure, before its work",
      patientPage: true,
      perPatient: true,
      floorOf: "patient",
      call: (patientId) => patientFloorCaller(db, tokens.get(patientId)!).plan.today(),
      baseline: raw ? (patientId) => raw.asPatient("plan.today", patientId, () => null) : undefined,
    }),
  ];
  return [
    ...floors,
    procedure({
      name: "alerts.summary",
      pages: "every staff page (layout)",
      call: () => staff.alerts.summary(),
      baseline: raw
        ? () => raw.asStaff("alerts.summary", () => raw.summary(clinicId, clinician.id))
        : undefined,
      difference: alertSummaryDifference,
    }),
    procedure({
      name: "caseload.list (mine, by name)",
      pages: "/patients",
      call: () => staff.caseload.list({}),
    }),
    procedure({
      name: "caseload.list (all, attention, A7)",
      pages: "/patients?who=all&attention=1",
      call: () => staff.caseload.list(needsAttention),
      baseline: raw
        ? () => raw.asStaff("caseload.list", () => raw.caseload(clinicId, new Date()))
        : undefined,
      difference: caseloadDifference,
    }),
    procedure({
      name: "caseload.list (all, by alerts)",
      pages: "/patients?who=all&sort=alerts",
      call: () =>
        staff.caseload.list({
          sort: { id: "alerts", desc: true },
          filters: { mine: false, needsAttention: false, status: "active" },
        }),
    }),
    procedure({
      name: "patients.get",
      pages: "/patients/[id], /edit, /program",
      perPatient: true,
      call: (patientId) => staff.patients.get({ patientId }),
    }),
    procedure({
      name: "patientLinks.list",
      pages: "/patients/[id]",
      perPatient: true,
      call: (patientId) => staff.patientLinks.list({ patientId }),
    }),
    procedure({
      name: "programs.history",
      pages: "/patients/[id]",
      perPatient: true,
      call: (patientId) => staff.programs.history({ patientId }),
    }),
    procedure({
      name: "advice.forPatient",
      pages: "/patients/[id]",
      perPatient: true,
      call: (patientId) => staff.advice.forPatient({ patientId }),
    }),
    alertsCase(
      "alerts.list (patient, open)",
      "/patients/[id]",
      { status: "open", mine: false, page: 1, pageSize: 100 },
      true,
    ),
    alertsCase(
      "alerts.list (patient, acknowledged)",
      "/patients/[id]",
      { status: "acknowledged", mine: false, page: 1, pageSize: 100 },
      true,
    ),
    chartCase("12w", "patientCharts.charts (12 weeks)", "/patients/[id]?section=charts"),
    chartCase("all", "patientCharts.charts (all)", "/patients/[id]?section=charts&range=all"),
    procedure({
      name: "patientCharts.checkInLog",
      pages: "/patients/[id]?section=check-ins",
      perPatient: true,
      call: (patientId) => staff.patientCharts.checkInLog({ patientId, page: 1, pageSize: 10 }),
      baseline: raw
        ? (patientId) =>
            raw.asStaff(
              "patientCharts.checkInLog",
              () => raw.log(clinicId, patientId, 1, 10)!,
              patientId,
            )
        : undefined,
      difference: checkInLogDifference,
    }),
    procedure({
      name: "patientCharts.exportRows",
      pages: "/patients/[id]/check-ins.csv",
      perPatient: true,
      call: (patientId) => staff.patientCharts.exportRows({ patientId }),
    }),
    procedure({
      name: "fhir.patientBundle",
      pages: "/patients/[id]/fhir.json",
      perPatient: true,
      call: (patientId) => staff.fhir.patientBundle({ patientId }),
    }),
    procedure({
      name: "handout.get",
      pages: "/patients/[id]/handout",
      perPatient: true,
      call: (patientId) => staff.handout.get({ patientId }),
    }),
    procedure({
      name: "programs.forEditing",
      pages: "/patients/[id]/program",
      perPatient: true,
      call: (patientId) => staff.programs.forEditing({ patientId }),
    }),
    procedure({
      name: "templates.list",
      pages: "/templates, /patients/[id]/program",
      call: () => staff.templates.list({ page: 1, pageSize: 100 }),
    }),
    procedure({
      name: "templates.forProgram",
      pages: "/patients/[id]/program (builder)",
      call: (_, i) => staff.templates.forProgram({ templateId: rotate(templates, i) }),
    }),
    procedure({
      name: "templates.get",
      pages: "/templates/[id], /edit",
      call: (_, i) => staff.templates.get({ templateId: rotate(templates, i) }),
    }),
    procedure({
      name: "templates.exerciseOptions",
      pages: "/templates/new, /templates/[id]/edit",
      call: () => boss.templates.exerciseOptions(),
    }),
    procedure({
      name: "library.list",
      pages: "/library, program builder's picker",
      call: () => staff.library.list({}),
    }),
    procedure({
      name: "library.get",
      pages: "/library/[id], /edit",
      call: (_, i) => staff.library.get({ exerciseId: rotate(exercises, i) }),
    }),
    procedure({
      name: "patients.newDefaults",
      pages: "/patients/new, /patients/[id]/edit",
      call: () => staff.patients.newDefaults(),
    }),
    alertsCase("alerts.list (open)", "/alerts", {
      status: "open",
      mine: false,
      page: 1,
      pageSize: 20,
    }),
    alertsCase("alerts.list (open, mine)", "/alerts?who=mine", {
      status: "open",
      mine: true,
      page: 1,
      pageSize: 20,
    }),
    alertsCase("alerts.list (resolved)", "/alerts?status=resolved", {
      status: "resolved",
      mine: false,
      page: 1,
      pageSize: 20,
    }),
    procedure({
      name: "alerts.counts",
      pages: "none (API only)",
      call: () => staff.alerts.counts(),
    }),
    procedure({ name: "team.list", pages: "/admin/team", call: () => boss.team.list() }),
    procedure({
      name: "team.invitations",
      pages: "/admin/team",
      call: () => boss.team.invitations(),
    }),
    procedure({
      name: "clinic.settings",
      pages: "/admin/team",
      call: () => boss.clinic.settings(),
    }),
    procedure({
      name: "team.caseload",
      pages: "/admin/team (a member's patients)",
      call: (_, i) => boss.team.caseload({ userId: rotate(colleagues, i) }),
    }),
    procedure({
      name: "plan.today",
      pages: "/p, /p/safety, /p/progress",
      patientPage: true,
      perPatient: true,
      call: (patientId) => phone(patientId).plan.today(),
      baseline: raw
        ? (patientId) =>
            raw.asPatient("plan.today", patientId, (clinic, patient) =>
              raw.plan(clinic, patient, Date.now()),
            )
        : undefined,
      difference: todayPlanDifference,
    }),
    procedure({
      name: "plan.progress",
      pages: "/p/progress",
      patientPage: true,
      perPatient: true,
      call: (patientId) => phone(patientId).plan.progress(),
      baseline: raw
        ? (patientId) =>
            raw.asPatient("plan.progress", patientId, (clinic, patient) =>
              raw.progress(clinic, patient, Date.now()),
            )
        : undefined,
      difference: progressDifference,
    }),
    procedure({
      name: "measures.due",
      pages: "/p, /p/measures",
      patientPage: true,
      perPatient: true,
      call: (patientId) => phone(patientId).measures.due(),
    }),
    procedure({
      name: "reminders.settings",
      pages: "/p/reminders",
      patientPage: true,
      perPatient: true,
      call: (patientId) => phone(patientId).reminders.settings(),
    }),
    procedure({
      name: "measures.forPatient",
      pages: "/patients/[id]?section=outcomes",
      perPatient: true,
      call: (patientId) => staff.measures.forPatient({ patientId }),
    }),
    procedure({
      name: "messages.thread",
      pages: "/p/messages",
      patientPage: true,
      perPatient: true,
      call: (patientId) => phone(patientId).messages.thread(),
    }),
    procedure({
      name: "messages.unreadCounts",
      pages: "every staff page (layout)",
      call: () => staff.messages.unreadCounts(),
    }),
    procedure({
      name: "messages.inbox",
      pages: "/messages",
      call: () => staff.messages.inbox(),
    }),
    procedure({
      name: "messages.forPatient",
      pages: "/patients/[id]?section=messages",
      perPatient: true,
      call: (patientId) => staff.messages.forPatient({ patientId }),
    }),
    procedure({
      name: "goals.mine",
      pages: "/p/progress",
      patientPage: true,
      perPatient: true,
      call: (patientId) => phone(patientId).goals.mine(),
    }),
    procedure({
      name: "goals.list",
      pages: "/patients/[id]?section=goals-notes",
      perPatient: true,
      call: (patientId) => staff.goals.list({ patientId }),
    }),
    procedure({
      name: "notes.list",
      pages: "/patients/[id]?section=goals-notes",
      perPatient: true,
      call: (patientId) => staff.notes.list({ patientId }),
    }),
    procedure({
      name: "discharge.list",
      pages: "/patients/[id]?section=goals-notes",
      perPatient: true,
      call: (patientId) => staff.discharge.list({ patientId }),
    }),
  ];
}

/** Thrown when a procedure and its baseline disagree: the timings would compare unlike work. */
export class BaselineMismatch extends Error {}

/**
 * Each procedure's answer against its baseline's, for every sampled patient where the answer
 * depends on the patient. Differences are described by ids and field names only.
 */
async function checkAgreement(cases: readonly ProcedureCase[], sample: readonly string[]) {
  const patients = [...new Set(sample)];
  let checks = 0;
  for (const c of cases) {
    if (!c.baseline || !c.difference) continue;
    for (const patientId of c.perPatient ? patients : [sample[0]!]) {
      const service = await c.call(patientId, 0);
      const difference = c.difference(service, c.baseline(patientId, 0));
      if (difference) throw new BaselineMismatch(`${c.name}: ${difference}`);
      checks++;
    }
  }
  return checks;
}

async function timeAsync(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export interface ProcedureTiming {
  name: string;
  pages: string;
  patientPage: boolean;
  p50: number;
  p95: number;
  max: number;
  baseP50: number | null;
  baseP95: number | null;
  /** p95 less the tier's floor allowance, over the baseline's p95; null without a baseline. */
  ratio: number | null;
  /** For a floor case: the allowance it gives its tier's procedures. */
  allowance: number | null;
  verdict: string;
}

/**
 * PASS, or FAIL with the reason: p95 over the page's target, or too slow against the baseline
 * once the tier's floor is allowed for (decision 026: the ratio judges the query's work; what
 * every request of the tier costs is measured in the same run and allowed once).
 */
export function judge(t: { p95: number; ratio: number | null; patientPage: boolean }): string {
  const target = t.patientPage ? PATIENT_P95_MS : STAFF_P95_MS;
  if (t.p95 > target) return `FAIL: p95 over ${target} ms`;
  if (t.ratio !== null && t.ratio > MAX_RATIO) return `FAIL: over ${MAX_RATIO}× baseline`;
  return "PASS";
}

/**
 * Times every procedure the pages call, interleaved (each iteration calls every procedure once,
 * and its baseline just before or after it, in turns), so a slow moment of the machine falls on
 * all of them alike. The clock reads the bench history's end while this runs. Throws
 * `BaselineMismatch` before any timing when a procedure and its baseline disagree.
 */
export async function benchProcedures(
  input: ProcedureBenchInput,
  options: { iterations: number; warmUp: number; only?: (name: string) => boolean },
): Promise<{ timings: ProcedureTiming[]; agreementChecks: number }> {
  const restoreClock = shiftClock(input.now);
  try {
    const cases = (await procedureCases(input)).filter((c) => options.only?.(c.name) ?? true);
    const agreementChecks = await checkAgreement(cases, input.sample);
    const samples = cases.map(() => ({ service: [] as number[], baseline: [] as number[] }));
    const patientOf = (i: number) => input.sample[i % input.sample.length]!;
    for (let i = 0; i < options.warmUp; i++)
      for (const c of cases) {
        await c.call(patientOf(i), i);
        if (c.timeBaseline) c.baseline?.(patientOf(i), i);
      }
    for (let i = 0; i < options.iterations; i++)
      for (const [k, c] of cases.entries()) {
        const patientId = patientOf(i);
        const timeService = async () =>
          samples[k]!.service.push(await timeAsync(() => c.call(patientId, i)));
        const timeBaseline = () => {
          if (c.baseline && c.timeBaseline)
            samples[k]!.baseline.push(time(() => c.baseline!(patientId, i)));
        };
        // Whichever runs second finds the patient's pages in SQLite's cache: take turns.
        if (i % 2 === 0) {
          await timeService();
          timeBaseline();
        } else {
          timeBaseline();
          await timeService();
        }
      }
    const summaries = cases.map((c, k) => ({
      service: summarise(samples[k]!.service),
      baseline: c.baseline && c.timeBaseline ? summarise(samples[k]!.baseline) : null,
    }));
    const allowanceOf = (tier: "staff" | "patient") => {
      const k = cases.findIndex((c) => c.floorOf === tier);
      if (k < 0) return 0;
      const { service, baseline } = summaries[k]!;
      return floorAllowance({ p95: service.p95, baseP95: baseline?.p95 ?? null });
    };
    const allowances = { staff: allowanceOf("staff"), patient: allowanceOf("patient") };
    const timings = cases.map((c, k) => {
      const { service: s, baseline: b } = summaries[k]!;
      const allowance = c.floorOf ? null : allowances[c.patientPage ? "patient" : "staff"];
      // A floor is not judged against its baseline: the difference is the allowance it gives.
      const ratio =
        b === null || allowance === null
          ? null
          : ratioAboveFloor({ p95: s.p95, baseP95: b.p95 }, allowance);
      const figures = {
        p50: s.p50,
        p95: s.p95,
        max: s.max,
        baseP50: b?.p50 ?? null,
        baseP95: b?.p95 ?? null,
        ratio,
        allowance: c.floorOf ? allowances[c.floorOf] : null,
        patientPage: c.patientPage,
      };
      return { name: c.name, pages: c.pages, ...figures, verdict: judge(figures) };
    });
    return { timings, agreementChecks };
  } finally {
    restoreClock();
  }
}

/** The table `npm run bench` prints: one line a procedure, milliseconds. */
export function procedureTable(timings: readonly ProcedureTiming[]): string {
  const ms = (n: number) => n.toFixed(2).padStart(9);
  const nameWidth = Math.max(9, ...timings.map((t) => t.name.length)) + 2;
  const pageWidth = Math.max(7, ...timings.map((t) => t.pages.length)) + 2;
  const header =
    "procedure".padEnd(nameWidth) +
    "page(s)".padEnd(pageWidth) +
    ["p50", "p95", "max", "base p95"].map((h) => h.padStart(9)).join("") +
    "ratio".padStart(7) +
    "  verdict";
  const lines = timings.map(
    (t) =>
      t.name.padEnd(nameWidth) +
      t.pages.padEnd(pageWidth) +
      ms(t.p50) +
      ms(t.p95) +
      ms(t.max) +
      (t.baseP95 === null ? "—".padStart(9) : ms(t.baseP95)) +
      (t.ratio === null ? "—" : t.ratio.toFixed(2)).padStart(7) +
      `  ${t.allowance === null ? t.verdict : `allows ${t.allowance.toFixed(2)} ms`}`,
  );
  return [header, ...lines].join("\n");
}
