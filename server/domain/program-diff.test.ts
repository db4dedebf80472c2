import { describe, expect, it } from "vitest";
import { describeDiff, diffVersions, type DiffItem } from "./program-diff";

const item = (exerciseId: string, name: string, over: Partial<DiffItem> = {}): DiffItem => ({
  exerciseId,
  name,
  sets: 2,
  reps: 10,
  holdSeconds: null,
  restSeconds: null,
  durationSeconds: null,
  sessionsPerDay: 1,
  daysPerWeek: 7,
  side: "both",
  loadKg: null,
  bandColour: null,
  notes: null,
  ...over,
});

describe("diffVersions", () => {
  it("lists every item as added for the first version", () => {
    const d = diffVersions(null, {
      painLimit: 5,
      items: [item("a", "Wall squat"), item("b", "Clamshell")],
    });
    expect(d.added).toEqual(["Wall squat", "Clamshell"]);
  });

  it("finds items added, removed and dose changed", () => {
    const before = { painLimit: 5, items: [item("a", "Wall squat"), item("b", "Clamshell")] };
    const after = {
      painLimit: 3,
      items: [item("a", "Wall squat", { reps: 12, side: "left" }), item("c", "Glute bridge")],
    };
    const d = diffVersions(before, after);
    expect(d.added).toEqual(["Glute bridge"]);
    expect(d.removed).toEqual(["Clamshell"]);
    expect(d.changed).toEqual([
      {
        name: "Wall squat",
        changes: [
          { field: "reps", from: 10, to: 12 },
          { field: "side", from: "both", to: "left" },
        ],
      },
    ]);
    expect(describeDiff(d)).toEqual([
      "Added Glute bridge",
      "Removed Clamshell",
      "Wall squat: reps 10 → 12, side both → left",
      "Pain limit 5 → 3",
    ]);
  });

  it("ignores a pure reorder and matches repeated exercises in order", () => {
    const before = {
      painLimit: 5,
      items: [item("a", "Squat"), item("b", "Bridge"), item("a", "Squat", { reps: 5 })],
    };
    const after = {
      painLimit: 5,
      items: [item("b", "Bridge"), item("a", "Squat"), item("a", "Squat", { reps: 6 })],
    };
    const d = diffVersions(before, after);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([{ name: "Squat", changes: [{ field: "reps", from: 5, to: 6 }] }]);
  });

  it("says nothing changed when nothing did", () => {
    const v = { painLimit: 5, items: [item("a", "Wall squat")] };
    expect(describeDiff(diffVersions(v, v))).toEqual([]);
  });
});
