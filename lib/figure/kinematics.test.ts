import { describe, expect, it } from "vitest";
import { SEGMENT } from "./body";
import { project } from "./camera";
import { solvePose } from "./kinematics";
import type { FigurePose } from "./types";

const STANDING = SEGMENT.thigh + SEGMENT.shin + SEGMENT.ankleHeight + 3;
const pose = (angles: FigurePose["angles"], y = STANDING): FigurePose => ({
  label: "p",
  pelvis: { x: 0, y },
  angles,
});
const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 5);

describe("solvePose", () => {
  it("stands upright with the feet flat on the floor when no joint is set", () => {
    const s = solvePose(pose({}), "side");
    close(s.near.knee[1], STANDING - SEGMENT.thigh);
    close(s.near.heel[1], 3);
    close(s.near.ball[1], 3);
    close(s.chest[1], STANDING + SEGMENT.lowerTrunk + SEGMENT.upperTrunk);
    // From the side it faces right, so the toes point to +x and the face looks that way.
    expect(s.near.toe[0]).toBeGreaterThan(s.near.heel[0]);
    expect(s.face[0]).toBeCloseTo(1, 5);
  });

  it("takes the thigh forward on hip flexion and the shin backward on knee flexion", () => {
    const s = solvePose(pose({ nearHip: 90, nearKnee: 90 }), "side");
    close(s.near.knee[0], SEGMENT.thigh);
    close(s.near.knee[1], STANDING);
    close(s.near.ankle[0], SEGMENT.thigh);
    close(s.near.ankle[1], STANDING - SEGMENT.shin);
    // The far leg has not moved.
    close(s.far.knee[0], 0);
  });

  it("lies on the back at -90 degrees of body tilt, head to the left", () => {
    const s = solvePose(pose({ trunk: -90 }, 14), "side");
    expect(s.head[0]).toBeLessThan(-50);
    close(s.head[1], 14);
    expect(s.near.ankle[0]).toBeGreaterThan(80);
    // The face looks up at the ceiling.
    expect(s.face[1]).toBeCloseTo(1, 5);
  });

  it("spreads the hips across the picture from the front and opens a leg out to its side", () => {
    const s = solvePose(pose({ nearHipAbduction: 30 }), "front");
    // The near (right) leg is on the viewer's left, and abduction takes it further left.
    expect(s.near.hip[0]).toBeCloseTo(-SEGMENT.hipHalfWidth, 5);
    expect(s.far.hip[0]).toBeCloseTo(SEGMENT.hipHalfWidth, 5);
    expect(s.near.ankle[0]).toBeLessThan(s.near.hip[0] - 30);
    close(s.far.ankle[0], SEGMENT.hipHalfWidth);
  });

  it("keeps every segment its length whatever the angles", () => {
    const s = solvePose(
      pose({
        trunk: 30,
        nearHip: 70,
        nearHipAbduction: 20,
        nearHipRotation: 40,
        nearKnee: 110,
        farShoulder: 120,
        farElbow: 60,
      }),
      "front",
    );
    const dist = (a: readonly number[], b: readonly number[]) =>
      Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
    close(dist(s.near.hip, s.near.knee), SEGMENT.thigh);
    close(dist(s.near.knee, s.near.ankle), SEGMENT.shin);
    close(dist(s.far.shoulder, s.far.elbow), SEGMENT.upperArm);
  });
});

describe("project", () => {
  it("turns y up into SVG's y down and mirrors x", () => {
    expect(project([10, 20, 5], { view: "side", mirror: false })).toEqual({
      x: 10,
      y: -20,
      depth: 5,
    });
    expect(project([10, 20, 5], { view: "side", mirror: true })).toEqual({
      x: -10,
      y: -20,
      depth: 5,
    });
  });

  it("draws a thigh pointing at the viewer as a line going down the picture from the front", () => {
    const camera = { view: "front" as const, mirror: false };
    const hip = project([0, 50, 0], camera);
    const knee = project([0, 50, 40], camera);
    expect(knee.y - hip.y).toBeGreaterThan(5);
    expect(knee.depth).toBeGreaterThan(hip.depth);
  });
});
