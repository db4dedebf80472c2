import { randomBytes } from "node:crypto";
import http from "node:http";
import { and, eq } from "drizzle-orm";
import type { Engine } from "@/db/engine";
import { patients } from "@/db/schema";
import { seededRandom } from "@/db/seed/random";
import { encodeStaffClaims, PATIENT_COOKIE, sessionCookieName } from "@/server/auth/cookies";
import type { StaffClaims } from "@/server/auth/claims";
import { staffCaller } from "@/server/testing/callers";
import { ensureProductionBuild } from "../build-if-stale";
import { shiftClock } from "./clock";
import { summarise } from "./measure";
import { ensureBenchLinks, PATIENT_P95_MS, STAFF_P95_MS, type BenchUser } from "./procedures";
import { startServer, stopServer } from "./server";

/**
 * The server render of every page a clinic uses most, through the production server on the bench
 * database: what a browser waits for, from the request to the last byte of the HTML, with real
 * session and link cookies. The same targets as the procedures: p95 ≤ 50 ms for staff pages,
 * ≤ 30 ms for the patient's (issue 11).
 */

export const DEFAULT_PAGE_PORT = 3450;
const WARM_UP_ROUNDS = 10;
/** Distinct patients the patient-specific pages rotate through. */
const PATIENT_SAMPLE = 50;
/** A session as long as sign-in gives one (SESSION_MAX_AGE_HOURS' default). */
const SESSION_SECONDS = 12 * 3600;
const CLOCK_VARIABLE = "REHABIT_BENCH_NOW";

type Visitor = "clinician" | "admin" | "patient";

/** One page as the bench asks for it; `marker` is text only the page itself prints. */
export interface PageCase {
  name: string;
  visitor: Visitor;
  patientPage: boolean;
  path: (round: number) => string;
  /** The patient whose link cookie round `round` sends (patient pages only). */
  patientOf?: (round: number) => string;
  marker: string;
}

export interface PageResponse {
  status: number;
  location: string | null;
  body: string;
}

/**
 * Why a response is not the page (null when it is): a redirect (to sign-in, say), an error, or a
 * 200 that shows something else, such as the "this link no longer works" page. Says nothing of
 * the body itself, which may hold health data.
 */
export function pageProblem(response: PageResponse, marker: string): string | null {
  if (response.status === 0) return "no answer";
  if (response.status >= 300 && response.status < 400)
    return `${response.status} → ${(response.location ?? "?").split("?")[0]}`;
  if (response.status !== 200) return String(response.status);
  return response.body.includes(marker) ? null : "200 without the page's content";
}

/**
 * The session cookie's new value when the server refreshed it (the idle clock, at most once a
 * minute), as a browser would keep it; null when the response leaves it alone.
 */
export function refreshedCookie(
  setCookie: readonly string[] | undefined,
  name: string,
): string | null {
  for (const header of setCookie ?? []) {
    const [pair] = header.split(";");
    const at = pair!.indexOf("=");
    if (at > 0 && pair!.slice(0, at).trim() === name) return pair!.slice(at + 1).trim();
  }
  return null;
}

export interface PageTiming {
  name: string;
  visitor: Visitor;
  patientPage: boolean;
  requests: number;
  p50: number;
  p95: number;
  max: number;
  /** The first thing that was not the page, and how many times. */
  problem: { what: string; count: number } | null;
  verdict: string;
}

/** PASS, or FAIL with the reason: the page did not render, or its p95 is over its target. */
export function judgePage(t: Pick<PageTiming, "p95" | "patientPage" | "problem">): string {
  if (t.problem)
    return `FAIL: ${t.problem.what}${t.problem.count > 1 ? ` (×${t.problem.count})` : ""}`;
  const target = t.patientPage ? PATIENT_P95_MS : STAFF_P95_MS;
  return t.p95 > target ? `FAIL: p95 over ${target} ms` : "PASS";
}

/** The table `npm run bench` prints for the pages: one line a page, milliseconds. */
export function pageTable(timings: readonly PageTiming[]): string {
  const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "—").padStart(9);
  const nameWidth = Math.max(4, ...timings.map((t) => t.name.length)) + 2;
  const header =
    "page".padEnd(nameWidth) +
    "as".padEnd(11) +
    ["requests", "p50", "p95", "max"].map((h) => h.padStart(9)).join("") +
    "  verdict";
  const lines = timings.map(
    (t) =>
      t.name.padEnd(nameWidth) +
      t.visitor.padEnd(11) +
      String(t.requests).padStart(9) +
      ms(t.p50) +
      ms(t.p95) +
      ms(t.max) +
      `  ${t.verdict}`,
  );
  return [header, ...lines].join("\n");
}

/**
 * Code for `node --import`: moves the server's wall clock to the instant in REHABIT_BENCH_NOW and
 * lets it run from there, as `shiftClock` does for the procedures, so the pages show the bench
 * history's last week however long ago it was built. A Proxy keeps `Date()`, `instanceof` and
 * subclasses working.
 */
export function clockShiftImport(): string {
  const code = `const at = Date.parse(process.env.${CLOCK_VARIABLE} ?? "");
if (Number.isFinite(at)) {
  const RealDate = Date;
  const offset = at - RealDate.now();
  const now = () => RealDate.now() + offset;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) =>
      Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
    apply: () => new RealDate(now()).toString(),
    get: (target, key, receiver) => (key === "now" ? now : Reflect.get(target, key, receiver)),
  });
}`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
}

interface Answer extends PageResponse {
  ms: number;
  setCookie: string[] | undefined;
}

/** One GET on a kept-alive connection, timed from sending to the last byte of the body. */
function timedGet(agent: http.Agent, base: URL, path: string, cookie: string): Promise<Answer> {
  return new Promise((resolve) => {
    const started = performance.now();
    const failed = () =>
      resolve({
        status: 0,
        location: null,
        body: "",
        ms: performance.now() - started,
        setCookie: undefined,
      });
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path,
        method: "GET",
        headers: { cookie, accept: "text/html" },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location ?? null,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
            setCookie: res.headers["set-cookie"],
          }),
        );
        res.on("error", failed);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", failed);
    req.end();
  });
}

export interface PageBenchInput {
  db: Engine;
  clinician: BenchUser;
  admin: BenchUser;
  /** The bench history's end: the server's clock and the sessions read this. */
  now: Date;
  /** What the server opens: the SQLite file, or the PostgreSQL URL. */
  database: string;
}

/** The bench clinic's active patients, a sample of them with a working link, and ids to rotate. */
async function pageCases(input: PageBenchInput, rounds: number) {
  const { db, clinician, admin } = input;
  const active = (
    await db.read(clinician.clinicId, (r) =>
      r
        .select({ id: patients.id })
        .from(patients)
        .where(and(eq(patients.clinicId, clinician.clinicId), eq(patients.status, "active")))
        .orderBy(patients.id),
    )
  ).map((p) => p.id);
  const rnd = seededRandom(11);
  const sample = Array.from({ length: Math.min(PATIENT_SAMPLE, rounds) }, () => rnd.pick(active));
  const tokens = await ensureBenchLinks(db, {
    clinicId: clinician.clinicId,
    createdBy: clinician.id,
    patientIds: new Set(sample),
    now: input.now,
  });
  const staff = staffCaller(db, clinician);
  const exercises = (await staff.library.list({})).results.map((e) => e.id);
  const templates = (await staff.templates.list({ page: 1, pageSize: 100 })).rows.map((t) => t.id);
  const rotate = <T>(list: readonly T[], i: number) => list[i % list.length]!;
  const patientOf = (i: number) => rotate(sample, i);
  const staffPage = (name: string, path: (i: number) => string, marker: string): PageCase => ({
    name,
    visitor: "clinician",
    patientPage: false,
    path,
    marker,
  });
  const patientPage = (name: string, marker: string): PageCase => ({
    name,
    visitor: "patient",
    patientPage: true,
    path: () => name,
    patientOf,
    marker,
  });
  const cases: PageCase[] = [
    // As the clinician lands on it: their own patients, by name.
    staffPage("/patients", () => "/patients", "Add a patient"),
    // The record opens on its summary and the program (the default section); the charts and the
    // log render only when their section is asked for, so each is a page view of its own.
    staffPage("/patients/[id]", (i) => `/patients/${patientOf(i)}`, "Program history"),
    staffPage(
      "/patients/[id]?section=charts",
      (i) => `/patients/${patientOf(i)}?section=charts`,
      "Pain per day (0–10)",
    ),
    staffPage(
      "/patients/[id]?section=check-ins",
      (i) => `/patients/${patientOf(i)}?section=check-ins`,
      'id="log-heading"',
    ),
    staffPage("/alerts", () => "/alerts", ">Alerts</h1>"),
    staffPage("/messages", () => "/messages", ">Messages</h1>"),
    staffPage(
      "/patients/[id]?section=messages",
      (i) => `/patients/${patientOf(i)}?section=messages`,
      'id="messages-heading"',
    ),
    staffPage("/library", () => "/library", ">Exercise library</h1>"),
    staffPage("/library/[id]", (i) => `/library/${rotate(exercises, i)}`, "As a patient sees it"),
    staffPage("/templates", () => "/templates", ">Program templates</h1>"),
    staffPage("/templates/[id]", (i) => `/templates/${rotate(templates, i)}`, ">Exercises ("),
    { ...staffPage("/admin/team", () => "/admin/team", "Invite colleagues"), visitor: "admin" },
    patientPage("/p", ">Hello "),
    patientPage("/p/progress", ">My progress</h1>"),
    patientPage("/p/messages", ">Messages</h1>"),
    patientPage("/p/safety", ">I have new symptoms</h1>"),
  ];
  return { cases, tokens, staff: { clinician, admin } };
}

/** Session cookies as sign-in mints them, at the bench history's end. */
async function staffCookies(
  users: { clinician: BenchUser; admin: BenchUser },
  secret: string,
  now: Date,
) {
  const restore = shiftClock(now);
  try {
    const at = Math.floor(Date.now() / 1000);
    const mint = (u: BenchUser) => {
      const claims: StaffClaims = {
        uid: u.id,
        cid: u.clinicId,
        role: u.role,
        sv: u.sessionVersion,
        signedInAt: at,
        lastActiveAt: at,
      };
      return encodeStaffClaims(claims, secret, SESSION_SECONDS);
    };
    return { clinician: await mint(users.clinician), admin: await mint(users.admin) };
  } finally {
    restore();
  }
}

/**
 * Times every page, interleaved (each round asks for every page once, one request at a time),
 * after checking that each answers with its own content. A page that does not is judged by its
 * status and left out of the timing.
 */
export async function benchPages(
  input: PageBenchInput,
  options: {
    rounds: number;
    port: number;
    /** Extra flags for the server's node, e.g. `--cpu-prof` to see where a page's time goes. */
    nodeArgs?: string[];
    /** Only the pages whose name passes. */
    only?: (name: string) => boolean;
  },
): Promise<PageTiming[]> {
  const all = await pageCases(input, options.rounds);
  const { tokens, staff } = all;
  const cases = all.cases.filter((c) => options.only?.(c.name) ?? true);
  const secret = randomBytes(32).toString("base64url");
  const sessionName = sessionCookieName(false);
  const sessions: Record<"clinician" | "admin", string> = await staffCookies(
    staff,
    secret,
    input.now,
  );
  const cookieFor = (c: PageCase, round: number) =>
    c.visitor === "patient"
      ? `${PATIENT_COOKIE}=${tokens.get(c.patientOf!(round))!}`
      : `${sessionName}=${sessions[c.visitor]}`;

  const server = await startServer({
    database: input.database,
    port: options.port,
    secret,
    env: { [CLOCK_VARIABLE]: input.now.toISOString() },
    nodeArgs: ["--import", clockShiftImport(), ...(options.nodeArgs ?? [])],
  });
  const base = new URL(server.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const ask = async (c: PageCase, round: number) => {
    const answer = await timedGet(agent, base, c.path(round), cookieFor(c, round));
    if (c.visitor !== "patient") {
      const refreshed = refreshedCookie(answer.setCookie, sessionName);
      if (refreshed) sessions[c.visitor] = refreshed;
    }
    return { ms: answer.ms, problem: pageProblem(answer, c.marker) };
  };

  try {
    const broken = new Map<PageCase, string>();
    for (const c of cases) {
      const { problem } = await ask(c, 0);
      if (problem) broken.set(c, problem);
    }
    const timed = cases.filter((c) => !broken.has(c));
    for (let round = 0; round < WARM_UP_ROUNDS; round++) for (const c of timed) await ask(c, round);
    const samples = new Map(cases.map((c) => [c, [] as number[]]));
    const problems = new Map<PageCase, { what: string; count: number }>();
    for (let round = 0; round < options.rounds; round++)
      for (const c of timed) {
        const { ms, problem } = await ask(c, round);
        if (!problem) samples.get(c)!.push(ms);
        else {
          const seen = problems.get(c);
          problems.set(c, { what: seen?.what ?? problem, count: (seen?.count ?? 0) + 1 });
        }
      }
    return cases.map((c) => {
      const ms = samples.get(c)!;
      const s = summarise(ms);
      const failedAtStart = broken.get(c);
      const problem = failedAtStart ? { what: failedAtStart, count: 1 } : (problems.get(c) ?? null);
      const figures = { ...s, patientPage: c.patientPage, problem };
      return {
        name: c.name,
        visitor: c.visitor,
        requests: ms.length,
        ...figures,
        verdict: judgePage(figures),
      };
    });
  } finally {
    agent.destroy();
    await stopServer(server);
  }
}

/**
 * `npm run bench`'s page section: builds the production server when the sources changed, serves
 * the bench database itself (the pages only read, apart from "last opened" notes and the audit
 * rows of patient views), times every page and prints the table. Returns the timings and whether
 * every page passed.
 */
export async function pagesSection(
  input: PageBenchInput,
  options: { rounds: number; port: number },
): Promise<{ passed: boolean; timings: PageTiming[] }> {
  ensureProductionBuild();
  console.log(
    `\nEvery page's server render through the production server (port ${options.port}), one request at a time with real cookies: ${options.rounds} interleaved rounds after ${WARM_UP_ROUNDS} warm-up rounds; milliseconds to the last byte.`,
  );
  console.log(
    `Verdict: answers with its own content, p95 ≤ ${STAFF_P95_MS} ms (≤ ${PATIENT_P95_MS} ms for the patient's pages).\n`,
  );
  const timings = await benchPages(input, options);
  console.log(pageTable(timings));
  const failed = timings.filter((t) => t.verdict !== "PASS").length;
  console.log(
    failed === 0
      ? `\nAll ${timings.length} pages pass.`
      : `\n${failed} of ${timings.length} pages fail.`,
  );
  return { passed: failed === 0, timings };
}
