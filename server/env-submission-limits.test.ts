import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEnv, loadSubmissionLimits } from "./env";

const dir = mkdtempSync(path.join(tmpdir(), "rehabit-env-limits-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("patient submission limits (decision 016)", () => {
  it("allows 60 answers a minute, 400 a day and 50 calm safety checks a day unless told otherwise", () => {
    const defaults = { answersPerMinute: 60, answersPerDay: 400, safetyChecksPerDay: 50 };
    expect(loadSubmissionLimits({})).toEqual(defaults);
    expect(loadEnv({ DATA_DIR: dir }).submissionLimits).toEqual(defaults);
  });

  it("reads each limit from its own setting", () => {
    expect(
      loadSubmissionLimits({
        PATIENT_ANSWERS_PER_MINUTE: "20",
        PATIENT_ANSWERS_PER_DAY: "150",
        PATIENT_SAFETY_CHECKS_PER_DAY: "10",
      }),
    ).toEqual({ answersPerMinute: 20, answersPerDay: 150, safetyChecksPerDay: 10 });
  });

  it("refuses to start with a limit that is not a whole number of at least 1, and names it", () => {
    expect(() => loadSubmissionLimits({ PATIENT_ANSWERS_PER_MINUTE: "0" })).toThrow(
      /PATIENT_ANSWERS_PER_MINUTE: PATIENT_ANSWERS_PER_MINUTE must be at least 1/,
    );
    expect(() => loadSubmissionLimits({ PATIENT_ANSWERS_PER_DAY: "2.5" })).toThrow(
      /PATIENT_ANSWERS_PER_DAY must be a whole number/,
    );
    expect(() => loadEnv({ DATA_DIR: dir, PATIENT_SAFETY_CHECKS_PER_DAY: "lots" })).toThrow(
      /PATIENT_SAFETY_CHECKS_PER_DAY/,
    );
  });
});
