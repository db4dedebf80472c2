import { describe, expect, it } from "vitest";
import { figurePresets } from "./presets";
import type { ExerciseFigure } from "./types";
import { endPoseIndex, figureWords } from "./words";

const legLift = figurePresets.find((p) => p.id === "side-lying-leg-lift")!.figure;
const bridge = figurePresets.find((p) => p.id === "lying-bridge")!.figure;

describe("endPoseIndex", () => {
  it("prints the pose labelled end, or else the last", () => {
    const [start, end] = legLift.poses;
    const three: ExerciseFigure = {
      ...legLift,
      poses: [start!, end!, { ...start!, label: "back" }],
    };
    expect(endPoseIndex(three)).toBe(1);
    const unlabelled = { ...three, poses: three.poses.map((p, i) => ({ ...p, label: `p${i}` })) };
    expect(endPoseIndex(unlabelled)).toBe(2);
  });
});

describe("figureWords", () => {
  it("says which leg is highlighted, in words, when the prescription names one", () => {
    expect(figureWords(legLift, "Drawing of Side leg raise", "left")).toBe(
      "Drawing of Side leg raise. Left leg highlighted.",
    );
    expect(figureWords(legLift, "Drawing", "both")).toBe("Drawing. Done with each leg in turn.");
    expect(figureWords(legLift, "Drawing", null)).toBe("Drawing");
    expect(figureWords(bridge, "Drawing", "right")).toBe("Drawing");
  });
});
