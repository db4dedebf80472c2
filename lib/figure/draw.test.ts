import { describe, expect, it } from "vitest";
import { drawFigure, highlightOf } from "./draw";
import { figurePresets } from "./presets";
import type { ExerciseFigure } from "./types";

const bridge = figurePresets.find((p) => p.id === "lying-bridge")!.figure;
const legLift = figurePresets.find((p) => p.id === "side-lying-leg-lift")!.figure;
const commands = (d: string) => d.replace(/[-\d.\s]+/g, " ");

describe("highlightOf", () => {
  const oneLeg: ExerciseFigure = { ...legLift, working: "near" };

  it("names the prescribed leg and mirrors the drawing when that leg is the other one", () => {
    expect(highlightOf(oneLeg, "right")).toEqual({
      limb: "near",
      mirror: false,
      text: "Right leg",
    });
    expect(highlightOf(oneLeg, "left")).toEqual({ limb: "near", mirror: true, text: "Left leg" });
    expect(highlightOf({ ...oneLeg, working: "far" }, "left")).toMatchObject({ mirror: false });
  });

  it("highlights without a name when no side is known, and nothing when both legs work", () => {
    expect(highlightOf(oneLeg, null)).toEqual({ limb: "near", mirror: false, text: null });
    expect(highlightOf(oneLeg, "both").text).toBe("Each leg in turn");
    expect(highlightOf(bridge, "left")).toEqual({ limb: null, mirror: false, text: null });
  });
});

describe("drawFigure", () => {
  it("draws every frame of a shape with the same path commands, so they can be tweened", () => {
    for (const { figure } of figurePresets) {
      const drawing = drawFigure({ figure, side: "left" });
      expect(drawing.duration).toBeGreaterThan(0);
      for (const shape of drawing.shapes) {
        if (shape.kind !== "path") continue;
        expect(shape.d.length === 1 || shape.d.length === drawing.keyTimes.length).toBe(true);
        expect(new Set(shape.d.map(commands)).size).toBe(1);
      }
    }
  });

  it("uses one frame for the loop and for each still, so stills line up", () => {
    const moving = drawFigure({ figure: bridge });
    const still = drawFigure({ figure: bridge, still: 1 });
    expect(still.viewBox).toEqual(moving.viewBox);
    expect(still.duration).toBe(0);
    expect(still.viewBox.width / still.viewBox.height).toBeCloseTo(1.5, 1);
  });

  it("outlines the working leg: thicker, in a second colour, not colour alone", () => {
    const plain = drawFigure({ figure: legLift, still: 0, highlight: false });
    const marked = drawFigure({ figure: legLift, still: 0, side: "right" });
    expect(marked.shapes.length).toBe(plain.shapes.length + 3);
  });
});
