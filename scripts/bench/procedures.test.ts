import { describe, expect, it } from "vitest";
import { looksLikeLinkToken } from "@/server/auth/tokens";
import { benchLinkToken, judge, procedureTable } from "./procedures";
import { floorAllowance, ratioAboveFloor } from "./request-floor";

describe("the procedure bench's verdicts", () => {
  it("holds staff procedures to 50 ms and the patient's pages to 30 ms at p95", () => {
    expect(judge({ p95: 49.9, ratio: null, patientPage: false })).toBe("PASS");
    expect(judge({ p95: 50.1, ratio: null, patientPage: false })).toBe("FAIL: p95 over 50 ms");
    expect(judge({ p95: 30.1, ratio: null, patientPage: true })).toBe("FAIL: p95 over 30 ms");
  });

  it("fails a procedure more than 1.5 times slower than its baseline, and only with one", () => {
    expect(judge({ p95: 15, ratio: 1.5, patientPage: false })).toBe("PASS");
    expect(judge({ p95: 15.1, ratio: 1.51, patientPage: false })).toBe("FAIL: over 1.5× baseline");
    expect(judge({ p95: 40, ratio: null, patientPage: false })).toBe("PASS");
  });

  it("allows each procedure its tier's floor once, and no more (decision 026)", () => {
    // The floor: 2.5 ms through the tier against 0.5 ms for the same check and read row by hand.
    const allowance = floorAllowance({ p95: 2.5, baseP95: 0.5 });
    expect(allowance).toBe(2);
    // A 1 ms query: 3.5 ms through the tier is the floor plus 1.5× the query.
    expect(ratioAboveFloor({ p95: 3.5, baseP95: 1 }, allowance)).toBe(1.5);
    expect(ratioAboveFloor({ p95: 3.6, baseP95: 1 }, allowance)).toBeGreaterThan(1.5);
    // A floor measured faster than its baseline allows nothing.
    expect(floorAllowance({ p95: 0.4, baseP95: 0.5 })).toBe(0);
    expect(floorAllowance({ p95: 3, baseP95: null })).toBe(0);
  });

  it("prints a dash for the ratio where there is no baseline", () => {
    const table = procedureTable([
      {
        name: "team.list",
        pages: "/admin/team",
        patientPage: false,
        p50: 1,
        p95: 2,
        max: 3,
        baseP50: null,
        baseP95: null,
        ratio: null,
        allowance: null,
        verdict: "PASS",
      },
    ]);
    const row = table.split("\n")[1]!;
    expect(row).toMatch(/^team\.list\s+\/admin\/team\s+1\.00\s+2\.00\s+3\.00\s+—\s+—\s+PASS$/);
  });
});

describe("bench links", () => {
  it("are the same for a patient on every run, different between patients, and valid tokens", () => {
    expect(benchLinkToken("p1")).toBe(benchLinkToken("p1"));
    expect(benchLinkToken("p1")).not.toBe(benchLinkToken("p2"));
    expect(looksLikeLinkToken(benchLinkToken("p1"))).toBe(true);
  });
});
