import { describe, expect, it } from "vitest";
import { sideBySide, type EngineReport } from "./side-by-side";

const timing = (name: string, p50: number, p95: number, verdict = "PASS") => ({
  name,
  pages: "/x",
  patientPage: false,
  p50,
  p95,
  max: p95,
  baseP50: null,
  baseP95: null,
  ratio: null,
  allowance: null,
  verdict,
});

const report = (engine: "sqlite" | "pg", over: Partial<EngineReport>): EngineReport => ({
  engine,
  patients: 10,
  days: 365,
  buildSeconds: 12,
  sweep: { refreshed: 10, failed: 0, ms: 500 },
  procedures: [],
  pages: null,
  storageBytes: 10 * 1024 * 1024,
  passed: true,
  ...over,
});

describe("the engines side by side", () => {
  const sqlite = report("sqlite", {
    procedures: [timing("caseload.list", 1, 2), timing("plan.today", 3, 4)],
  });
  const pg = report("pg", {
    procedures: [timing("caseload.list", 2, 5, "FAIL: p95 over 50 ms")],
    storageBytes: 20 * 1024 * 1024,
  });
  const lines = sideBySide(sqlite, pg);

  it("puts each procedure's p50 and p95 on both engines on one row, with the ratio of p95s", () => {
    const row = lines.find((l) => l.startsWith("caseload.list"))!;
    expect(row.split(/\s+/)).toEqual([
      "caseload.list",
      "1.00",
      "2.00",
      "2.00",
      "5.00",
      "2.50",
      "PASS",
      "/",
      "FAIL",
    ]);
  });

  it("shows a dash where one engine has no figure", () => {
    const row = lines.find((l) => l.startsWith("plan.today"))!;
    expect(row.split(/\s+/)).toEqual([
      "plan.today",
      "3.00",
      "4.00",
      "—",
      "—",
      "—",
      "PASS",
      "/",
      "—",
    ]);
  });

  it("compares the sweep, the build and the storage per patient-year", () => {
    expect(lines).toContain("  SQLite      0.5 s for 10 patients (50.00 ms each)");
    expect(lines).toContain("  PostgreSQL  20 MB, 2048 KB per patient-year");
  });
});
