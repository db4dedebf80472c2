import { describe, expect, it } from "vitest";
import { describeTemplateDose } from "./template-dose";

const base = {
  sets: null,
  reps: null,
  holdSeconds: null,
  restSeconds: null,
  durationSeconds: null,
  sessionsPerDay: 1,
  daysPerWeek: 7,
};

describe("describeTemplateDose", () => {
  it("words sets, reps and hold without a side", () => {
    expect(
      describeTemplateDose({ ...base, sets: 2, reps: 10, holdSeconds: 5, daysPerWeek: 5 }),
    ).toBe("2 sets of 10, hold 5 s, once a day, 5 days a week");
  });

  it("words a timed item and several sessions a day", () => {
    expect(describeTemplateDose({ ...base, durationSeconds: 600, sessionsPerDay: 2 })).toBe(
      "for 10 minutes, twice a day, every day",
    );
  });

  it("falls back to the frequency alone when nothing else is set", () => {
    expect(describeTemplateDose({ ...base, daysPerWeek: 1 })).toBe("once a day, 1 day a week");
  });

  it("includes rest between sets", () => {
    expect(describeTemplateDose({ ...base, sets: 3, reps: 12, restSeconds: 90 })).toBe(
      "3 sets of 12, rest 1 min 30 s between sets, once a day, every day",
    );
  });
});
