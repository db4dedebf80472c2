import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEnv } from "./env";

const dir = mkdtempSync(path.join(tmpdir(), "rehabit-env-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the audit chain check's interval", () => {
  it("is every 6 hours unless told otherwise; 0 turns it off; a fraction of an hour is allowed", () => {
    expect(loadEnv({ DATA_DIR: dir }).auditCheckHours).toBe(6);
    expect(loadEnv({ DATA_DIR: dir, AUDIT_CHECK_HOURS: "0" }).auditCheckHours).toBe(0);
    expect(loadEnv({ DATA_DIR: dir, AUDIT_CHECK_HOURS: "0.5" }).auditCheckHours).toBe(0.5);
  });

  it("refuses a negative interval or one longer than a week, and says why", () => {
    expect(() => loadEnv({ DATA_DIR: dir, AUDIT_CHECK_HOURS: "-1" })).toThrow(
      /AUDIT_CHECK_HOURS must be 0 \(off\) or more/,
    );
    expect(() => loadEnv({ DATA_DIR: dir, AUDIT_CHECK_HOURS: "200" })).toThrow(
      /AUDIT_CHECK_HOURS must be at most 168/,
    );
    expect(() => loadEnv({ DATA_DIR: dir, AUDIT_CHECK_HOURS: "often" })).toThrow(
      /AUDIT_CHECK_HOURS/,
    );
  });
});
