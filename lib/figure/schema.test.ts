import { describe, expect, it } from "vitest";
import { figurePresets } from "./presets";
import { exerciseFigureSchema } from "./schema";

const figure = figurePresets[0]!.figure;

describe("exerciseFigureSchema", () => {
  it("accepts the ready-made movements", () => {
    for (const preset of figurePresets) {
      expect(exerciseFigureSchema.safeParse(preset.figure).success, preset.id).toBe(true);
    }
  });

  it("refuses an unknown joint, a prop twice, one pose, and an angle that is not a number", () => {
    const [first, second] = figure.poses;
    const bad = [
      { ...figure, poses: [{ ...first!, angles: { nearElbowe: 10 } }, second!] },
      { ...figure, props: ["chair", "chair"] },
      { ...figure, poses: [first!] },
      { ...figure, poses: [{ ...first!, angles: { nearKnee: Number.NaN } }, second!] },
      { ...figure, version: 2 },
    ];
    for (const value of bad) expect(exerciseFigureSchema.safeParse(value).success).toBe(false);
  });
});
