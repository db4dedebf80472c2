import { describe, expect, it } from "vitest";
import { blendPoses, timeline } from "./motion";
import type { ExerciseFigure, FigurePose } from "./types";

const start: FigurePose = { label: "start", pelvis: { x: 0, y: 96 }, angles: {} };
const end: FigurePose = { label: "end", pelvis: { x: 10, y: 80 }, angles: { nearKnee: 60 } };
const figure = (extra: Partial<ExerciseFigure> = {}): ExerciseFigure => ({
  version: 1,
  view: "side",
  props: [],
  working: "near",
  poses: [start, end],
  ...extra,
});

describe("timeline", () => {
  it("loops start → end → start in three to four seconds, pausing at each pose", () => {
    const loop = timeline(figure());
    expect(loop.duration).toBeGreaterThanOrEqual(3);
    expect(loop.duration).toBeLessThanOrEqual(4);
    expect(loop.frames[0]).toBe(start);
    expect(loop.frames[1]).toBe(start);
    expect(loop.frames.at(-1)).toBe(start);
    expect(loop.frames).toContain(end);
    expect(loop.keyTimes[0]).toBe(0);
    expect(loop.keyTimes.at(-1)).toBe(1);
    for (let i = 1; i < loop.keyTimes.length; i++) {
      expect(loop.keyTimes[i]!).toBeGreaterThan(loop.keyTimes[i - 1]!);
    }
    expect(loop.frames).toHaveLength(loop.keyTimes.length);
  });

  it("pedals at an even pace without pauses", () => {
    const loop = timeline(figure({ props: ["bike"], poses: [start, end, start, end] }));
    expect(loop.frames[1]).not.toBe(start);
    const steps = loop.keyTimes.slice(1).map((t, i) => t - loop.keyTimes[i]!);
    for (const step of steps) expect(step).toBeCloseTo(steps[0]!, 6);
  });
});

describe("blendPoses", () => {
  it("blends angles and the pelvis, a missing angle counting as 0", () => {
    const half = blendPoses(start, end, 0.5);
    expect(half.pelvis).toEqual({ x: 5, y: 88 });
    expect(half.angles.nearKnee).toBe(30);
  });
});
