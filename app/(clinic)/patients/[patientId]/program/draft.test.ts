import { describe, expect, it } from "vitest";
import { draftItem, move, validateItem } from "./draft";

const exercise = { id: "ex-1", name: "Wall squat" };
const dose = {
  sets: 2,
  reps: 10,
  holdSeconds: 5,
  restSeconds: null,
  durationSeconds: null,
  sessionsPerDay: 1,
  daysPerWeek: 5,
};

describe("builder drafts", () => {
  it("starts an item from the exercise's defaults on the patient's side", () => {
    const item = draftItem(exercise, dose, "left");
    expect(item).toMatchObject({
      sets: "2",
      reps: "10",
      holdSeconds: "5",
      restSeconds: "",
      side: "left",
      load: "none",
    });
    expect(validateItem(item).input).toMatchObject({
      sets: 2,
      reps: 10,
      holdSeconds: 5,
      side: "left",
      loadKg: null,
      bandColour: null,
    });
  });

  it("keeps what was typed and says what to fix", () => {
    const item = {
      ...draftItem(exercise, dose, "both"),
      sets: "0",
      daysPerWeek: "9",
      load: "kg" as const,
      loadKg: "lots",
    };
    const { input, errors } = validateItem(item);
    expect(input).toBeNull();
    expect(errors.sets).toBe("Sets must be at least 1.");
    expect(errors.daysPerWeek).toBe("Days a week can be at most 7.");
    expect(errors.loadKg).toMatch(/number/);
    expect(item.sets).toBe("0");
  });

  it("accepts a decimal load typed with a comma", () => {
    const item = { ...draftItem(exercise, dose, "both"), load: "kg" as const, loadKg: "2,5" };
    expect(validateItem(item).input?.loadKg).toBe(2.5);
  });

  it("moves an item up or down and ignores moves past the ends", () => {
    expect(move(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(move(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
  });
});
