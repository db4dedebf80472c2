import { describe, expect, it } from "vitest";
import type { FigurePreset } from "@/lib/figure/presets";
import type { ExerciseFigure } from "@/lib/figure/types";
import {
  figureChoiceFor,
  figureFromChoice,
  figureOptionsFor,
  NO_FIGURE,
  SAVED_FIGURE_ID,
  workingOptions,
} from "./figure-choice";

const pose = (label: string, knee: number) => ({
  label,
  pelvis: { x: 0, y: 93 },
  angles: { nearHip: 40, nearKnee: knee },
});
const march: ExerciseFigure = {
  version: 1,
  view: "side",
  props: [],
  poses: [pose("start", 0), pose("end", 60)],
  working: "near",
};
const squat: ExerciseFigure = { ...march, props: ["wall"], working: "both" };
const stretch: ExerciseFigure = { ...march, props: ["bed"], working: "none" };
const presets: FigurePreset[] = [
  { id: "march", label: "Marching", figure: march },
  { id: "squat", label: "Wall squat", figure: squat },
  { id: "stretch", label: "Lying stretch", figure: stretch },
];

describe("the exercise form's figure choice", () => {
  it("offers one leg or both, keeping near or far as the movement has it, and nothing for none", () => {
    expect(workingOptions(march)).toEqual(["near", "both"]);
    expect(workingOptions({ ...march, working: "far" })).toEqual(["far", "both"]);
    expect(workingOptions(squat)).toEqual(["both", "near"]);
    expect(workingOptions(stretch)).toEqual([]);
  });

  it("makes the figure to save from the choice", () => {
    expect(figureFromChoice(NO_FIGURE, presets)).toBeNull();
    // "Drawn figure" without a movement: the schema asks for one.
    expect(figureFromChoice({ mode: "drawn", presetId: "", working: "" }, presets)).toBeUndefined();
    expect(figureFromChoice({ mode: "drawn", presetId: "march", working: "" }, presets)).toEqual(
      march,
    );
    expect(
      figureFromChoice({ mode: "drawn", presetId: "march", working: "both" }, presets),
    ).toEqual({ ...march, working: "both" });
    // A leg choice the movement does not offer falls back to its own.
    expect(
      figureFromChoice({ mode: "drawn", presetId: "stretch", working: "both" }, presets),
    ).toEqual(stretch);
  });

  it("shows a saved figure as its preset and leg choice, whatever the stored key order", () => {
    expect(figureChoiceFor(null, presets)).toEqual(NO_FIGURE);
    // PostgreSQL's jsonb gives keys back in its own order.
    const reordered = JSON.parse(
      JSON.stringify({ working: "both", poses: march.poses, props: [], view: "side", version: 1 }),
    ) as ExerciseFigure;
    expect(figureChoiceFor(reordered, presets)).toEqual({
      mode: "drawn",
      presetId: "march",
      working: "both",
    });
    expect(figureOptionsFor(reordered, presets).map((o) => o.id)).toEqual([
      "march",
      "squat",
      "stretch",
    ]);
  });

  it("keeps a saved drawing that is no preset (any more) as the first option, unchanged", () => {
    const changed: ExerciseFigure = { ...march, poses: [pose("start", 0), pose("end", 90)] };
    expect(figureChoiceFor(changed, presets)).toEqual({
      mode: "drawn",
      presetId: SAVED_FIGURE_ID,
      working: "near",
    });
    const options = figureOptionsFor(changed, presets);
    expect(options.map((o) => o.id)).toEqual([SAVED_FIGURE_ID, "march", "squat", "stretch"]);
    expect(figureFromChoice(figureChoiceFor(changed, presets), options)).toEqual(changed);
    // With no presets at all, the saved drawing is still there to keep.
    expect(figureOptionsFor(changed, []).map((o) => o.id)).toEqual([SAVED_FIGURE_ID]);
    expect(figureOptionsFor(null, [])).toEqual([]);
  });
});
