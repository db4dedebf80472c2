import { describe, expect, it } from "vitest";
import { describeDiff, diffVersions, sameProgram, type DiffItem } from "./program-diff";

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

describe("sameProgram", () => {
  const current = { painLimit: 5, items: [item("a", "Wall squat"), item("b", "Clamshell")] };

  it("is the same when every exercise, dose and the pain limit are", () => {
    expect(
      sameProgram(current, { painLimit: 5, items: current.items.map((i) => ({ ...i })) }),
    ).toBe(true);
  });

  it("differs on a dose, an order, an exercise more or less, or the pain limit", () => {
    const [a, b] = current.items as [DiffItem, DiffItem];
    for (const next of [
      { painLimit: 5, items: [a, { ...b, loadKg: 2 }] },
      { painLimit: 5, items: [a, { ...b, notes: "Slowly." }] },
      { painLimit: 5, items: [b, a] },
      { painLimit: 5, items: [a] },
      { painLimit: 5, items: [a, b, item("c", "Glute bridge")] },
      { painLimit: 4, items: [a, b] },
    ]) {
      expect(sameProgram(current, next)).toBe(false);
    }
  });
});
