import { describe, expect, it } from "vitest";
import { ADVICE_RULES, adviseProgression, type AdviceInputs } from "@/server/domain/advice";
import { adviceInputRows, adviceReason, ADVICE_RULE_WORDS } from "./advice-words";

const base: AdviceInputs = {
  versionNumber: 2,
  painLimit: 5,
  daysOnVersion: 10,
  window: { from: "2026-03-04", to: "2026-03-10" },
  exerciseDays: 6,
  during: [
    { day: "2026-03-06", score: 3 },
    { day: "2026-03-08", score: 4 },
    { day: "2026-03-09", score: 4 },
  ],
  nextMorning: [{ day: "2026-03-07", score: 2, usual: 2 }],
  thisWeekMorning: 1.6,
  lastWeekMorning: 2,
  adherence7: 0.86,
};

describe("advice in words", () => {
  it("names every rule of the table", () => {
    for (const rule of ADVICE_RULES) expect(ADVICE_RULE_WORDS[rule]).toBeTruthy();
  });

  it("gives the numbers behind a regress for pain above the limit (example 5)", () => {
    const result = adviseProgression({
      ...base,
      during: [
        { day: "2026-03-07", score: 6 },
        { day: "2026-03-08", score: 4 },
        { day: "2026-03-09", score: 6 },
      ],
    });
    expect(result.advice).toBe("regress");
    expect(adviceReason(result)).toBe(
      "Pain during exercise went above the limit of 5/10 in 2 of the last 3 sessions (6/10 on Saturday 7 March, 4/10 on Sunday 8 March, 6/10 on Monday 9 March).",
    );
  });

  it("words a progress with every criterion it checked (example 7)", () => {
    const result = adviseProgression(base);
    expect(result.advice).toBe("progress");
    expect(adviceReason(result)).toContain("10 days on this version");
    expect(adviceReason(result)).toContain("adherence 86 %");
  });

  it("says what is missing when there is not enough data", () => {
    const result = adviseProgression({ ...base, daysOnVersion: 3, nextMorning: [] });
    expect(result.advice).toBe("not_enough_data");
    expect(adviceReason(result)).toContain("fewer than 7 full days on this version");
    expect(adviceReason(result)).toContain("no next-morning report settled");
  });

  it("says when usual pain is not known (example 8)", () => {
    const rows = adviceInputRows(
      adviseProgression({ ...base, nextMorning: [{ day: "2026-03-07", score: 2 }] }),
    );
    expect(rows.find((r) => r.label.startsWith("Next-morning"))?.value).toContain(
      "usual not known",
    );
  });
});
