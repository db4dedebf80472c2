import { describe, expect, it } from "vitest";
import { figureProblems } from "./check";
import type { ExerciseFigure, FigurePose } from "./types";

const STAND = 96;
const pose = (label: string, y: number, angles: FigurePose["angles"], x = 0): FigurePose => ({
  label,
  pelvis: { x, y },
  angles,
});
const figure = (poses: FigurePose[], extra: Partial<ExerciseFigure> = {}): ExerciseFigure => ({
  version: 1,
  view: "side",
  props: [],
  working: "near",
  poses,
  ...extra,
});
const standing = figure([pose("start", STAND, {}), pose("end", STAND, { nearKnee: 90 })]);

describe("figureProblems", () => {
  it("finds nothing wrong with a figure standing on the floor", () => {
    expect(figureProblems(standing)).toEqual([]);
  });

  it("asks for a start and an end pose", () => {
    expect(figureProblems(figure([pose("start", STAND, {})]))).toContain(
      "A figure needs a start and an end pose.",
    );
  });

  it("refuses a knee bent backwards, by its angle and by where the joints end up", () => {
    const problems = figureProblems(
      figure([pose("start", STAND, {}), pose("end", STAND, { nearKnee: -20 })]),
    );
    expect(problems).toContain('Pose "end": near knee bend of -20° is outside 0° to 150°.');
    expect(problems).toContain('Pose "end": the near knee bends the wrong way.');
  });

  it("refuses a foot through the floor", () => {
    const problems = figureProblems(
      figure([pose("start", STAND, {}), pose("sunk", STAND - 20, {})]),
    );
    expect(problems).toContain('Pose "sunk": the near foot goes 20 below the floor.');
    expect(problems).toContain('Pose "sunk": the far foot goes 20 below the floor.');
  });

  it("refuses a body floating above the floor", () => {
    expect(
      figureProblems(figure([pose("start", STAND, {}), pose("up", STAND + 30, {})])),
    ).toContain('Pose "up": the body floats: nothing rests on the floor or on a prop.');
  });

  it("names a joint the figure does not have and a pelvis outside the picture", () => {
    const problems = figureProblems(
      figure([pose("start", STAND, { nearKnuckle: 10 }), pose("end", 500, {}, 0)]),
    );
    expect(problems).toContain('Pose "start": "nearKnuckle" is not a joint of the figure.');
    expect(problems.some((p) => p.startsWith('Pose "end": the pelvis (0, 500) is outside'))).toBe(
      true,
    );
  });

  it("refuses a prop listed twice, and a chair with a bike", () => {
    const sitting = [
      pose("start", 55, { nearHip: 90, farHip: 90, nearKnee: 90, farKnee: 90 }),
      pose("end", 55, { nearHip: 90, farHip: 90, farKnee: 90 }),
    ];
    expect(figureProblems(figure(sitting, { props: ["chair", "chair"] }))).toContain(
      "The chair is listed twice.",
    );
    expect(figureProblems(figure(sitting, { props: ["chair", "bike"] }))).toContain(
      "A figure sits on a chair or on a bike, not both: remove one of them.",
    );
  });

  it("keeps a sitting figure on its chair in every pose", () => {
    // The hands rest on the thighs.
    const seated = (label: string, y: number) =>
      pose(label, y, {
        nearHip: 90,
        farHip: 90,
        nearKnee: 90,
        farKnee: 90,
        nearShoulder: 30,
        farShoulder: 30,
        nearElbow: 60,
        farElbow: 60,
      });
    expect(
      figureProblems(figure([seated("start", 55), seated("end", 55)], { props: ["chair"] })),
    ).toEqual([]);
    expect(
      figureProblems(figure([seated("start", 55), seated("end", 62)], { props: ["chair"] })),
    ).toContain('Pose "end": the pelvis leaves the chair seat; keep it on the seat in every pose.');
  });

  it("refuses a body through the wall it leans on", () => {
    const lean = (label: string, trunk: number) =>
      pose(label, 92, { trunk, nearShoulder: 80, farShoulder: 80 });
    const problems = figureProblems(
      figure([lean("start", 10), lean("end", 40)], { props: ["wall"] }),
    );
    expect(problems.some((p) => p.startsWith('Pose "end":') && p.includes("into the wall"))).toBe(
      true,
    );
  });
});
