import { describe, expect, it } from "vitest";
import { figureProblems } from "./check";
import { figurePresets } from "./presets";

describe("figurePresets", () => {
  it("offers 8 to 12 movements with their own ids, named by starting position", () => {
    expect(figurePresets.length).toBeGreaterThanOrEqual(8);
    expect(figurePresets.length).toBeLessThanOrEqual(12);
    expect(new Set(figurePresets.map((p) => p.id)).size).toBe(figurePresets.length);
    for (const preset of figurePresets) expect(preset.label).toMatch(/^[A-Z][a-z ]+: [a-z]/);
  });

  it("can all be drawn, with the leg they work or with both legs highlighted", () => {
    for (const { id, figure } of figurePresets) {
      expect(figureProblems(figure), id).toEqual([]);
      for (const working of ["near", "both", "none"] as const) {
        expect(figureProblems({ ...figure, working }), `${id} ${working}`).toEqual([]);
      }
    }
  });
});
