import { describe, expect, it } from "vitest";
import { describeDose, type Dose } from "./dosage";

const base: Dose = {
  sets: null,
  reps: null,
  holdSeconds: null,
  restSeconds: null,
  durationSeconds: null,
  sessionsPerDay: 1,
  daysPerWeek: 7,
  side: "both",
  loadKg: null,
  bandColour: null,
};

describe("describeDose", () => {
  it("reads like the issue's example", () => {
    expect(
      describeDose({ ...base, sets: 2, reps: 10, holdSeconds: 5, side: "left", daysPerWeek: 5 }),
    ).toBe("2 sets of 10, hold 5 s, left leg, once a day, 5 days a week");
  });

  it("says a single set as a count of times", () => {
    expect(describeDose({ ...base, sets: 1, reps: 10, sessionsPerDay: 2 })).toBe(
      "10 times, both legs, twice a day, every day",
    );
  });

  it("describes timed work in minutes", () => {
    expect(describeDose({ ...base, durationSeconds: 600, daysPerWeek: 3 })).toBe(
      "for 10 minutes, both legs, once a day, 3 days a week",
    );
  });

  it("names the band or the load", () => {
    expect(describeDose({ ...base, sets: 3, reps: 12, bandColour: "red", side: "right" })).toBe(
      "3 sets of 12, with the red band, right leg, once a day, every day",
    );
    expect(describeDose({ ...base, sets: 3, reps: 8, loadKg: 2.5, restSeconds: 90 })).toBe(
      "3 sets of 8, rest 1 min 30 s between sets, with 2.5 kg, both legs, once a day, every day",
    );
  });

  it("counts repeated holds without reps", () => {
    expect(describeDose({ ...base, sets: 3, holdSeconds: 30, sessionsPerDay: 3 })).toBe(
      "3 times, hold 30 s, both legs, 3 times a day, every day",
    );
  });
});
