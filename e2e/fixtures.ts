import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { getEngine, type Db, type Engine, type Tx } from "../db/engine";
import {
  insertClinic,
  insertPatient,
  insertPatientLink,
  insertProgramVersion,
  insertUser,
  sharedExercise,
} from "../db/factories";
import { refreshPatient } from "../server/services/clinical/refresh-patient";
import { parseMail, type ReceivedMail } from "../server/testing/mail-parse";

/**
 * Works out a patient's caseload figures and alerts after a test wrote history straight into the
 * tables, as a check-in through the app would have (the e2e server runs no sweep timer).
 */
export function refreshFigures(clinicId: string, patientId: string, now = new Date()) {
  return e2eDb().write(
    clinicId,
    (tx) => refreshPatient({ tx, clinicId, patientId, now, actor: { kind: "system", id: null } }),
    // Read-then-write, as the sweep runs it (one open alert per rule).
    { isolation: "serializable" },
  );
}

export const PASSWORD = "e2e password long enough";

/**
 * The server's own database, written through the project's factories: the engine the web server
 * uses too (playwright.config.ts sets DATABASE_URL for PostgreSQL, else DATABASE_PATH). On SQLite
 * this process opens the server's file a second time, which WAL and the busy timeout allow.
 */
export function e2eDb(): Engine {
  return getEngine();
}

/** Reads the server's database on the system path (every clinic's rows), for a test's checks. */
export function e2eRead<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  return e2eDb().read(null, fn);
}

/** Changes the server's database behind its back, in one transaction on the system path. */
export function e2eWrite<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return e2eDb().write(null, fn);
}

/** A clinic with a clinician, an admin and one patient on a two-exercise program. */
export async function makeClinic(label: string) {
  const d = e2eDb();
  // Labels may have spaces ("Offline Safety"); an address must not.
  const unique = `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`
    .toLowerCase()
    .replace(/\s+/g, "-");
  const clinic = await insertClinic(d, {
    name: `${label} Clinic`,
    phone: "020 7946 0999",
    email: `desk-${unique}@example.com`,
  });
  const clinician = await insertUser(d, {
    clinicId: clinic.id,
    role: "clinician",
    email: `clin-${unique}@example.com`,
    name: `${label} Clinician`,
    password: PASSWORD,
  });
  const patient = await insertPatient(d, {
    clinicId: clinic.id,
    primaryClinicianId: clinician.id,
    displayName: `${label} Patient`,
    condition: "medial_knee_pain",
    affectedSide: "right",
  });
  await insertProgramVersion(d, {
    clinicId: clinic.id,
    patientId: patient.id,
    authorId: clinician.id,
    items: [
      {
        exerciseId: (await sharedExercise(d, "wall-squat")).id,
        sets: 2,
        reps: 10,
        holdSeconds: 5,
        side: "right",
        daysPerWeek: 5,
      },
      {
        exerciseId: (await sharedExercise(d, "adductor-squeeze")).id,
        sets: 3,
        reps: 12,
        holdSeconds: 5,
      },
    ],
  });
  const link = () =>
    insertPatientLink(d, { clinicId: clinic.id, patientId: patient.id, createdBy: clinician.id });
  return { clinic, clinician, patient, link };
}

/** Signs in over HTTP, as the form does, so the context carries a real session cookie. */
export async function signInOverHttp(context: BrowserContext, email: string, password = PASSWORD) {
  const csrf = await context.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(response.ok()).toBe(true);
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name === "next-auth.session-token")).toBe(true);
}

/**
 * Zero serious or critical accessibility violations on the page as it stands. Next.js streams a
 * dynamic page's metadata apart from its content, so the check waits for a title first: a CI run
 * (session 11) analysed a page just after a message was sent and found none yet. A page that
 * never gets a title still fails here.
 */
export async function expectAccessible(page: Page) {
  await expect.poll(() => page.title(), { message: "the page has a <title>" }).not.toBe("");
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

export const PHONE = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

const hydrated = (page: Page) =>
  page.waitForFunction(() => document.documentElement.dataset.hydrated === "1");

/** How the page reports a violation to the test (see `watchForCspViolations`). */
const CSP_VIOLATION = "Content Security Policy violation:";

/**
 * Collects every Content-Security-Policy violation in this browser context's pages: the page's own
 * `securitypolicyviolation` events, reported through the console, and anything the browser logs
 * about refusing something.
 */
async function watchForCspViolations(context: BrowserContext, seen: string[]) {
  await context.addInitScript((prefix: string) => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const blocked = event.blockedURI || "inline";
      console.error(
        `${prefix} ${event.effectiveDirective} blocked ${blocked} in ${location.pathname}`,
      );
    });
  }, CSP_VIOLATION);
  context.on("console", (message) => {
    const text = message.text();
    if (text.includes("Content Security Policy") || text.includes("Refused to")) seen.push(text);
  });
}

/**
 * Every test fails on any Content-Security-Policy violation, in its own page and in every context
 * or page it opens itself (`browser.newContext`, `browser.newPage`), so the whole suite shows that
 * the policy refuses nothing the app needs. A test that provokes a violation on purpose takes it
 * out of `cspViolations`.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context, browser }, provide) => {
      const seen: string[] = [];
      const watched = new WeakSet<BrowserContext>();
      const watch = async (c: BrowserContext) => {
        if (watched.has(c)) return;
        watched.add(c);
        await watchForCspViolations(c, seen);
      };
      await watch(context);
      const newContext = browser.newContext.bind(browser);
      const newPage = browser.newPage.bind(browser);
      browser.newContext = async (options) => {
        const c = await newContext(options);
        await watch(c);
        return c;
      };
      browser.newPage = async (options) => {
        const page = await newPage(options);
        await watch(page.context());
        return page;
      };
      try {
        await provide(seen);
      } finally {
        browser.newContext = newContext;
        browser.newPage = newPage;
      }
      expect(seen, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  /**
   * Every full page load waits until React has hydrated, so a test never types into an input that
   * hydration then resets (a real person cannot type that fast).
   */
  page: async ({ page }, provide) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      await hydrated(page);
      return response;
    };
    page.reload = async (options) => {
      const response = await reload(options);
      await hydrated(page);
      return response;
    };
    await provide(page);
  },
});

export { hydrated };
export { expect };

/**
 * Full-page pictures at a phone's and a desk's width, when SCREENSHOTS names a folder; the page
 * gets its own size back afterwards so the test carries on as it was.
 */
export async function shoot(page: Page, name: string) {
  const folder = process.env.SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  const size = page.viewportSize();
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${folder}/${name}-${width}.png`, fullPage: true });
  }
  if (size) await page.setViewportSize(size);
}

/**
 * Every message the test mail server (e2e/smtp-sink.ts) has received since the run started, oldest
 * first; `to` narrows them to one recipient.
 */
export function receivedMail(to?: string): ReceivedMail[] {
  const dir = process.env.E2E_MAIL_DIR!;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      const { envelopeTo, raw } = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as {
        envelopeTo: string[];
        raw: string;
      };
      return parseMail(raw, envelopeTo);
    })
    .filter((mail) => to === undefined || mail.envelopeTo.includes(to));
}
