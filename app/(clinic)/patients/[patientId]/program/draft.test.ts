import { describe, expect, it } from "vitest";
import { describeDose } from "@/server/domain/dosage";
import { draftItem, move, previewDose, sideErrors, validateItem } from "./draft";

const squat = { id: "ex-1", name: "Wall squat", sidedness: "together" as const };
const stretch = { id: "ex-2", name: "Hamstring stretch", sidedness: "each_leg" as const };
const quadSets = { id: "ex-3", name: "Quadriceps sets", sidedness: "one_leg" as const };
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
  it("starts an item from the exercise's defaults", () => {
    const item = draftItem(quadSets, dose, "left");
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
      ...draftItem(squat, dose, "both"),
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
    const item = { ...draftItem(squat, dose, "both"), load: "kg" as const, loadKg: "2,5" };
    expect(validateItem(item).input?.loadKg).toBe(2.5);
  });

  it("moves an item up or down and ignores moves past the ends", () => {
    expect(move(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(move(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
  });
});

describe("sides in the builder", () => {
  it("starts together and each-leg exercises on both legs, one-leg ones on the affected side", () => {
    expect(draftItem(squat, dose, "left").side).toBe("both");
    expect(draftItem(stretch, dose, "left").side).toBe("both");
    expect(draftItem(quadSets, dose, "left").side).toBe("left");
    expect(draftItem(quadSets, dose, "right").side).toBe("right");
  });

  it("keeps a saved item's side, but never one leg for a together exercise", () => {
    expect(draftItem(stretch, { ...dose, side: "right" }, "left").side).toBe("right");
    expect(draftItem(squat, { ...dose, side: "left" }, "left").side).toBe("both");
  });

  it("previews the patient's words with the sidedness", () => {
    const item = draftItem(squat, dose, "left");
    expect(describeDose(previewDose(item)!, item.sidedness)).toBe(
      "2 sets of 10, hold 5 s, both legs together, once a day, 5 days a week",
    );
    const each = draftItem(stretch, dose, "left");
    expect(describeDose(previewDose(each)!, each.sidedness)).toBe(
      "2 sets of 10, hold 5 s, each leg in turn, once a day, 5 days a week",
    );
  });

  it("refuses one leg for a together exercise and a note that names another side", () => {
    const forced = { ...draftItem(squat, dose, "left"), side: "left" as const };
    expect(validateItem(forced).input).toBeNull();
    expect(sideErrors(forced).side).toMatch(/both legs together/);

    const noted = { ...draftItem(stretch, dose, "left"), side: "left" as const, notes: "Each leg" };
    const { input, errors } = validateItem(noted);
    expect(input).toBeNull();
    expect(errors.notes).toBe(
      "The note says “each leg” but the patient is told “left leg”. Change the note or the side so they say the same.",
    );
    // The dose itself is fine, so the preview still shows.
    expect(previewDose(noted)).not.toBeNull();
    expect(validateItem({ ...noted, side: "both" }).input).not.toBeNull();
  });
});
