import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  clockShiftImport,
  judgePage,
  pageProblem,
  pageTable,
  refreshedCookie,
  type PageTiming,
} from "./pages";

describe("what counts as the page", () => {
  const page = (status: number, body = "", location: string | null = null) => ({
    status,
    body,
    location,
  });

  it("is a 200 that shows the page's own content", () => {
    expect(pageProblem(page(200, "<h1>Hello Ann</h1>"), ">Hello ")).toBeNull();
    expect(pageProblem(page(200, "<h1>This link no longer works</h1>"), ">Hello ")).toBe(
      "200 without the page's content",
    );
  });

  it("names a redirect by its status and path, never its query", () => {
    expect(pageProblem(page(307, "", "/login?reason=ended"), "x")).toBe("307 → /login");
  });

  it("names an error or a lost connection", () => {
    expect(pageProblem(page(500, "Internal error"), "x")).toBe("500");
    expect(pageProblem(page(404), "x")).toBe("404");
    expect(pageProblem(page(0), "x")).toBe("no answer");
  });
});

describe("the session cookie a browser keeps", () => {
  it("takes the refreshed value and leaves others alone", () => {
    const headers = [
      "other=1; Path=/",
      "next-auth.session-token=abc.def; Path=/; HttpOnly; SameSite=Lax",
    ];
    expect(refreshedCookie(headers, "next-auth.session-token")).toBe("abc.def");
    expect(refreshedCookie(["other=1"], "next-auth.session-token")).toBeNull();
    expect(refreshedCookie(undefined, "next-auth.session-token")).toBeNull();
  });
});

describe("the page bench's verdicts", () => {
  it("holds staff pages to 50 ms and the patient's to 30 ms at p95", () => {
    expect(judgePage({ p95: 49.9, patientPage: false, problem: null })).toBe("PASS");
    expect(judgePage({ p95: 50.1, patientPage: false, problem: null })).toBe(
      "FAIL: p95 over 50 ms",
    );
    expect(judgePage({ p95: 30.1, patientPage: true, problem: null })).toBe("FAIL: p95 over 30 ms");
  });

  it("fails a page that did not render, however fast", () => {
    expect(
      judgePage({ p95: 1, patientPage: false, problem: { what: "307 → /login", count: 1 } }),
    ).toBe("FAIL: 307 → /login");
    expect(judgePage({ p95: 1, patientPage: true, problem: { what: "500", count: 3 } })).toBe(
      "FAIL: 500 (×3)",
    );
  });

  it("prints one line a page, with a dash where nothing was timed", () => {
    const timings: PageTiming[] = [
      {
        name: "/p",
        visitor: "patient",
        patientPage: true,
        requests: 100,
        p50: 9.25,
        p95: 13.5,
        max: 16,
        problem: null,
        verdict: "PASS",
      },
      {
        name: "/admin/team",
        visitor: "admin",
        patientPage: false,
        requests: 0,
        p50: Number.NaN,
        p95: Number.NaN,
        max: Number.NaN,
        problem: { what: "404", count: 1 },
        verdict: "FAIL: 404",
      },
    ];
    const [, first, second] = pageTable(timings).split("\n");
    expect(first).toMatch(/^\/p\s+patient\s+100\s+9\.3\s+13\.5\s+16\.0\s+PASS$/);
    expect(second).toMatch(/^\/admin\/team\s+admin\s+0\s+—\s+—\s+—\s+FAIL: 404$/);
  });
});

describe("the server's clock", () => {
  const run = (env: Record<string, string>) =>
    spawnSync(
      process.execPath,
      [
        "--import",
        clockShiftImport(),
        "-e",
        "console.log(JSON.stringify([Date.now(), new Date().getTime(), new Date(0).getTime(), typeof Date(), new Date() instanceof Date, Date.UTC(2026, 0, 1)]))",
      ],
      { env: { ...process.env, ...env }, encoding: "utf8" },
    );

  it("reads the bench history's end and keeps running from there", () => {
    const at = Date.parse("2026-06-15T10:00:00Z");
    const result = run({ REHABIT_BENCH_NOW: new Date(at).toISOString() });
    expect(result.status).toBe(0);
    const [now, constructed, epoch, called, isDate, utc] = JSON.parse(result.stdout) as [
      number,
      number,
      number,
      string,
      boolean,
      number,
    ];
    expect(Math.abs(now - at)).toBeLessThan(5_000);
    expect(Math.abs(constructed - at)).toBeLessThan(5_000);
    expect(epoch).toBe(0);
    expect(called).toBe("string");
    expect(isDate).toBe(true);
    expect(utc).toBe(Date.UTC(2026, 0, 1));
  });

  it("is left alone without a time to move to", () => {
    const result = run({ REHABIT_BENCH_NOW: "" });
    const [now] = JSON.parse(result.stdout) as [number];
    expect(Math.abs(now - Date.now())).toBeLessThan(5_000);
  });
});
