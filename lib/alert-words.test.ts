import { describe, expect, it } from "vitest";
import { ALERT_KINDS } from "@/server/domain/alert-rules";
import {
  ALERT_KIND_LABELS,
  alertFigures,
  alertKindLabel,
  describeAlert,
  describeRule,
  formatMoment,
  timeAgo,
} from "./alert-words";

describe("alerts in words", () => {
  it("names every kind of CLINICAL.md, and shows an unknown kind as stored", () => {
    for (const kind of ALERT_KINDS) expect(ALERT_KIND_LABELS[kind]).toBeTruthy();
    expect(alertKindLabel("pain-worsening")).toBe("Pain worsening");
    expect(alertKindLabel("something-new")).toBe("something-new");
  });

  it("gives the numbers of a worsening, means to one decimal", () => {
    expect(describeAlert("pain-worsening", { baseline: 2, mean7: 5.3, reports7: 4 })).toBe(
      "Morning pain averaged 5.3 over the last 7 days (4 reports), 3.3 points above the baseline of 2.0.",
    );
    expect(describeAlert("pain-worsening", { baseline: 1, mean7: 3.25, reports7: 4 })).toBe(
      "Morning pain averaged 3.3 over the last 7 days (4 reports), 2.3 points above the baseline of 1.0.",
    );
  });

  it("quotes the red-flag questions answered yes, and an unknown question by its id", () => {
    expect(describeAlert("red-flag-emergency", { questionIds: ["E2"], day: "2026-03-03" })).toBe(
      "Answered yes on Tuesday 3 March: Do you have new difficulty passing urine, or have you lost control of your bladder or bowels?",
    );
    expect(describeAlert("red-flag-urgent", { questionIds: ["U4", "U9"] })).toBe(
      "Answered yes: Is your calf painful, swollen, red or warm? question U9.",
    );
    expect(describeAlert("red-flag-urgent", { questionIds: ["U3", "U4"], questionSet: 2 })).toBe(
      "Answered yes: Large swelling that came on quickly after an injury. A painful, swollen, red or warm calf.",
    );
    expect(describeAlert("red-flag-urgent", {})).toBe("Answered yes: (question not recorded)");
  });

  it("words pain above the limit and pain not settled", () => {
    expect(
      describeAlert("pain-over-limit", {
        score: 7,
        painLimit: 5,
        versionNumber: 2,
        day: "2026-03-03",
        reportsOverLimit7: 2,
      }),
    ).toBe(
      "Pain during exercise reached 7/10 on Tuesday 3 March, above the limit of 5/10 of program version 2. 2 reports above the limit in the last 7 days.",
    );
    expect(describeAlert("pain-over-limit", { score: 6, painLimit: 5, reportsOverLimit7: 1 })).toBe(
      "Pain during exercise reached 6/10, above the limit of 5/10.",
    );
    const unsettled = { day: "2026-03-04", score: 6, usual: 3, reportsNotSettled7: 3 };
    expect(describeAlert("not-settled", unsettled)).toBe(
      "Next-morning pain was 6/10 on Wednesday 4 March, 3 points above the usual pain of 3.0. 3 such mornings in the last 7 days.",
    );
    // An alert of the retired not-settled@1 reads as it was raised.
    expect(describeAlert("not-settled", unsettled, 1)).toBe(
      "Next-morning pain was 6/10 on Wednesday 4 March, above the usual pain of 3.0. 3 such mornings in the last 7 days.",
    );
  });

  it("words the time-based rules", () => {
    expect(describeAlert("no-check-in", { silentDays: 8, lastCheckInDay: "2026-09-02" })).toBe(
      "No check-in for 8 days; the last was on Wednesday 2 September.",
    );
    expect(describeAlert("no-check-in", { silentDays: 7, lastCheckInDay: null })).toBe(
      "No check-in for 7 days; none since the program began.",
    );
    expect(describeAlert("low-adherence", { adherence7: 0.43, done: 3, expected: 7 })).toBe(
      "Adherence over the last 7 full days was 43 % (3 of 7 sessions), below 50 %.",
    );
    const flat = { baseline: 5, mean7: 4, reports7: 5, daysOnProgram: 30 };
    expect(describeAlert("not-improving", flat)).toBe(
      "After 30 days on the program, morning pain averages 4.0 against a baseline of 5.0: neither 2 points nor 30 % lower.",
    );
    expect(describeAlert("not-improving", flat, 1)).toBe(
      "After 30 days on the program, morning pain averages 4.0 against a baseline of 5.0: not 2 points lower.",
    );
    expect(
      describeAlert("safety-check-overdue", { daysWithout: 11, lastSafetyCheckDay: null }),
    ).toBe("No safety check answered for 11 days; none since the program began.");
  });

  it("words high morning pain and reads red-flag answers in the set they were asked", () => {
    expect(describeAlert("pain-high", { daysAtOrAbove8: 4, days: [] })).toBe(
      "Morning pain was 8/10 or more on 4 days of the last 7.",
    );
    // E5 of set 1 is a fall; E5 of set 2 is a hot knee after an injection or operation.
    expect(describeAlert("red-flag-emergency", { questionIds: ["E5"] })).toMatch(/fall or injury/);
    expect(describeAlert("red-flag-emergency", { questionIds: ["E5"], questionSet: 2 })).toMatch(
      /injection/,
    );
  });

  it("shows the raw figures when the inputs are not what it expects", () => {
    expect(describeAlert("pain-worsening", { mean7: 5 })).toBe("Figures: mean7 5.");
    expect(describeAlert("low-adherence", { adherence7: "n/a" })).toBe("Figures: adherence7 n/a.");
    expect(describeAlert("something-new", { score: 3, day: "2026-01-02" })).toBe(
      "Figures: score 3, day 2026-01-02.",
    );
    expect(describeAlert("something-new", {})).toBe("No figures were stored.");
  });

  it("names the rule with its version", () => {
    expect(describeRule("pain-worsening@1", 1)).toBe("Rule pain-worsening@1");
    expect(describeRule("pain-worsening", 2)).toBe("Rule pain-worsening, version 2");
  });

  it("labels every stored figure, hiding internal ids", () => {
    expect(
      alertFigures({
        adherence7: 0.43,
        done: 3,
        expected: 7,
        from: "2026-03-01",
        to: "2026-03-07",
        daysOnProgram: 12,
      }),
    ).toEqual([
      { label: "Adherence, last 7 full days", value: "43 %" },
      { label: "Sessions done", value: "3" },
      { label: "Sessions expected", value: "7" },
      { label: "From", value: "Sunday 1 March" },
      { label: "To", value: "Saturday 7 March" },
      { label: "Days on the program", value: "12" },
    ]);
    expect(alertFigures({ questionIds: ["E1", "E3"], checkInId: "x", day: "2026-03-03" })).toEqual([
      { label: "Questions answered yes", value: "E1, E3" },
      { label: "Day", value: "Tuesday 3 March" },
    ]);
    expect(alertFigures({ mystery: 1.25, lastCheckInDay: null })).toEqual([
      { label: "mystery", value: "1.3" },
      { label: "Last check-in", value: "none" },
    ]);
  });
});

describe("alert times", () => {
  const now = Date.parse("2026-11-20T12:00:00Z");
  it("says how long ago in the largest natural unit", () => {
    expect(timeAgo(new Date(now - 20_000), now)).toBe("just now");
    expect(timeAgo(new Date(now - 5 * 60_000), now)).toBe("5 minutes ago");
    expect(timeAgo(new Date(now - 3 * 3_600_000), now)).toBe("3 hours ago");
    expect(timeAgo(new Date(now - 23 * 3_600_000), now)).toBe("23 hours ago");
    expect(timeAgo(new Date(now - 24 * 3_600_000), now)).toBe("yesterday");
    expect(timeAgo(new Date(now - 47 * 3_600_000), now)).toBe("2 days ago");
    expect(timeAgo(new Date(now - 3 * 86_400_000), now)).toBe("3 days ago");
    // A clock a little ahead on the writer's side never reads as the future.
    expect(timeAgo(new Date(now + 60_000), now)).toBe("just now");
  });

  it("gives the moment in the clinic's time zone, across a day boundary", () => {
    const late = new Date("2026-11-20T23:30:00Z");
    expect(formatMoment(late, "UTC")).toBe("20 Nov 2026, 23:30");
    expect(formatMoment(late, "Pacific/Auckland")).toBe("21 Nov 2026, 12:30");
  });
});
