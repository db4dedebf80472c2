import { describe, expect, it } from "vitest";
import {
  controlId,
  itemState,
  moveItem,
  toDraft,
  validateForm,
  validDose,
  type FormState,
} from "./form-state";

const dose = {
  sets: 2,
  reps: 10,
  holdSeconds: null,
  restSeconds: null,
  durationSeconds: null,
  sessionsPerDay: 1,
  daysPerWeek: 7,
};
const bridge = itemState("a", { id: "ex-1", name: "Glute bridge", archived: false }, dose, null);
const squat = itemState("b", { id: "ex-2", name: "Wall squat", archived: false }, dose, "Slow.");

function form(overrides: Partial<FormState> = {}): FormState {
  return {
    name: "Plan",
    condition: "runners_knee",
    description: "",
    items: [bridge, squat],
    ...overrides,
  };
}

describe("template form state", () => {
  it("turns typed text into the API's draft: empty is null, numbers are numbers", () => {
    const draft = toDraft(form());
    expect(draft.items[0]).toEqual({ exerciseId: "ex-1", ...dose, notes: "" });
    expect(draft.items[1]?.notes).toBe("Slow.");
  });

  it("keys item errors by the item, not its position, so they follow a move", () => {
    const broken = { ...squat, sets: "0", daysPerWeek: "" };
    const errors = validateForm(form({ name: " ", items: [bridge, broken] }));
    expect(errors).toEqual({
      name: "Give the template a name.",
      "items.b.sets": "Sets must be a whole number 1 or more.",
      "items.b.daysPerWeek": "Days per week must be a whole number between 1 and 7.",
    });
  });

  it("asks for a condition and at least one exercise", () => {
    expect(validateForm(form({ condition: "", items: [] }))).toEqual({
      condition: "Choose the condition this template is for.",
      items: "Add at least one exercise.",
    });
  });

  it("refuses text and fractions in a number field", () => {
    expect(validateForm(form({ items: [{ ...bridge, reps: "1.5" }] }))).toEqual({
      "items.a.reps": "Reps must be a whole number 1 or more.",
    });
    expect(validDose({ ...bridge, reps: "abc" })).toBeNull();
    expect(validDose(bridge)).toMatchObject(dose);
  });

  it("moves items up and down and ignores moves past either end", () => {
    const items = [bridge, squat];
    expect(moveItem(items, 1, -1).map((i) => i.key)).toEqual(["b", "a"]);
    expect(moveItem(items, 0, -1)).toBe(items);
    expect(moveItem(items, 1, 1)).toBe(items);
  });

  it("finds the control for each error", () => {
    expect(controlId("name")).toBe("template-name");
    expect(controlId("items")).toBe("add-exercise");
    expect(controlId("items.b.sets")).toBe("item-b-sets");
  });
});
