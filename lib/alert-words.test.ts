import { describe, expect, it } from "vitest";
import { ALERT_KINDS } from "@/server/domain/alert-rules";
import { ALERT_KIND_LABELS, describeAlert } from "./alert-words";

describe("alerts in words", () => {
  it("names every kind of CLINICAL.md", () => {
    for (const kind of ALERT_KINDS) expect(ALERT_KIND_LABELS[kind]).toBeTruthy();
  });

  it("gives the numbers of a worsening (example 4)", () => {
    expect(describeAlert("pain-worsening", { baseline: 1, mean7: 3.25, reports7: 4 })).toBe(
      "Morning pain averaged 3.3 over the last 7 days (4 reports), 2.3 points above the baseline of 1.",
    );
  });

  it("quotes the red-flag questions answered yes", () => {
    expect(describeAlert("red-flag-emergency", { questionIds: ["E2"], day: "2026-03-03" })).toBe(
      "Answered yes on Tuesday 3 March: Do you have new difficulty passing urine, or have you lost control of your bladder or bowels?",
    );
  });

  it("words the time-based rules", () => {
    expect(describeAlert("no-check-in", { silentDays: 8, lastCheckInDay: "2026-09-02" })).toBe(
      "No check-in for 8 days; the last was on Wednesday 2 September.",
    );
    expect(describeAlert("low-adherence", { adherence7: 0.43, done: 3, expected: 7 })).toContain(
      "43 % (3 of 7 sessions)",
    );
    expect(
      describeAlert("pain-over-limit", {
        score: 7,
        painLimit: 5,
        day: "2026-03-03",
        reportsOverLimit7: 2,
      }),
    ).toBe(
      "Pain during exercise reached 7/10 on Tuesday 3 March, above the limit of 5/10. 2 reports above the limit in the last 7 days.",
    );
  });

  it("shows the raw figures when the inputs are not what it expects", () => {
    expect(describeAlert("pain-worsening", { mean7: 5 })).toBe("Figures: mean7 5.");
    expect(describeAlert("something-new", {})).toBe("No figures were stored.");
  });
});
