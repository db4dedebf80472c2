import { describe, expect, it } from "vitest";
import { validateRow } from "@/components/dose-editor/dose-row";
import { detailChanges, templateRows, toDraft, validateDetails } from "./form-state";

const saved = {
  exerciseId: "ex-1",
  exerciseName: "Quadriceps sets",
  exerciseArchived: false,
  exerciseSidedness: "one_leg" as const,
  exerciseFigure: null,
  sets: 3,
  reps: 10,
  holdSeconds: 5,
  restSeconds: null,
  durationSeconds: 600,
  sessionsPerDay: 1,
  daysPerWeek: 7,
  side: "affected" as const,
  loadKg: 2.5,
  bandColour: null,
  notes: "Press the knee down.",
};

describe("the template form", () => {
  it("checks the details with the API's schema and keeps what was typed", () => {
    const details = { name: "   ", condition: "" as const, description: "x".repeat(2001) };
    expect(validateDetails(details)).toEqual({
      name: "Give the template a name.",
      condition: "Choose the condition this template is for.",
      description: "Keep the description to 2000 characters or fewer.",
    });
    expect(details.name).toBe("   ");
    expect(validateDetails({ name: "Plan", condition: "runners_knee", description: "" })).toEqual(
      {},
    );
  });

  it("counts each changed detail once", () => {
    const before = { name: "Plan", condition: "runners_knee" as const, description: "" };
    expect(detailChanges(before, before)).toBe(0);
    expect(detailChanges(before, { ...before, name: "Plan B", description: "New" })).toBe(2);
  });

  it("loads saved items as rows with their side, load and duration in minutes", () => {
    const [row] = templateRows([saved]);
    expect(row).toMatchObject({
      key: "saved0",
      side: "affected",
      load: "kg",
      loadKg: "2.5",
      durationMinutes: "10",
      durationSeconds: "0",
    });
    const item = validateRow(row!).item!;
    expect(item).toMatchObject({ side: "affected", loadKg: 2.5, durationSeconds: 600 });
    expect(toDraft({ name: "Plan", condition: "runners_knee", description: "" }, [item])).toEqual({
      name: "Plan",
      condition: "runners_knee",
      description: "",
      items: [item],
    });
  });
});
