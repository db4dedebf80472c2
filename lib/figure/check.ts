import { isJointName, JOINT_LIMITS, PELVIS_RANGE, RADIUS } from "./body";
import { cross, dot, length, solvePose, sub, type Skeleton, type Vec3 } from "./kinematics";
import { bodyParts, partWords, samplesOf, type Sample } from "./parts";
import {
  CRANK_RADIUS,
  layoutProps,
  MAT_TOP,
  PILLOW,
  propLimb,
  SIT_HEIGHT,
  solidsOf,
  type PropLayout,
  type Solid,
} from "./props";
import type { ExerciseFigure, FigurePose } from "./types";

/** How far (scene units, about a centimetre) a part may sink into what it rests on, or float. */
export const TOLERANCE = 3;

const round = (n: number) => Math.round(n);

/**
 * What is wrong with a figure, in words a clinician can act on (a limb through the floor, a knee
 * bent the wrong way); empty when it can be drawn. Checked on the joint positions the drawing
 * uses, pose by pose.
 */
export function figureProblems(figure: ExerciseFigure): string[] {
  const problems: string[] = [];
  if (figure.poses.length < 2) problems.push("A figure needs a start and an end pose.");
  const seen = new Set<string>();
  for (const prop of figure.props) {
    if (seen.has(prop)) problems.push(`The ${prop.replace("-", " ")} is listed twice.`);
    seen.add(prop);
  }
  if (seen.has("chair") && seen.has("bike")) {
    problems.push("A figure sits on a chair or on a bike, not both: remove one of them.");
  }

  for (const pose of figure.poses) problems.push(...angleProblems(pose));

  const layout = layoutProps(figure);
  const solids = solidsOf(layout, figure.view);
  for (const pose of figure.poses) {
    const skeleton = solvePose(pose, figure.view);
    const where = `Pose "${pose.label}"`;
    problems.push(...kneeProblems(skeleton).map((p) => `${where}: ${p}`));
    const samples = samplesOf(bodyParts(skeleton, figure.view));
    problems.push(...restingProblems(samples, solids, layout).map((p) => `${where}: ${p}`));
    problems.push(...propProblems(figure, skeleton, samples, layout).map((p) => `${where}: ${p}`));
  }
  return problems;
}

function angleProblems(pose: FigurePose): string[] {
  const problems: string[] = [];
  const where = `Pose "${pose.label}"`;
  const { x, y } = pose.pelvis;
  if (
    !(x >= PELVIS_RANGE.x.min && x <= PELVIS_RANGE.x.max) ||
    !(y >= PELVIS_RANGE.y.min && y <= PELVIS_RANGE.y.max)
  ) {
    problems.push(
      `${where}: the pelvis (${x}, ${y}) is outside the picture; keep x within ${PELVIS_RANGE.x.min} to ${PELVIS_RANGE.x.max} and y within ${PELVIS_RANGE.y.min} to ${PELVIS_RANGE.y.max}.`,
    );
  }
  for (const [joint, angle] of Object.entries(pose.angles)) {
    if (!isJointName(joint)) {
      problems.push(`${where}: "${joint}" is not a joint of the figure.`);
      continue;
    }
    const limit = JOINT_LIMITS[joint];
    if (!Number.isFinite(angle) || angle < limit.min || angle > limit.max) {
      problems.push(
        `${where}: ${limit.words} of ${angle}° is outside ${limit.min}° to ${limit.max}°.`,
      );
    }
  }
  return problems;
}

/**
 * From the joint positions, not the angles: the shin must turn backwards about the knee's hinge
 * (or stay in line with the thigh).
 */
function kneeProblems(skeleton: Skeleton): string[] {
  return (["near", "far"] as const).flatMap((limb) => {
    const leg = skeleton[limb];
    const thigh = sub(leg.knee, leg.hip);
    const shin = sub(leg.ankle, leg.knee);
    const sine = dot(cross(thigh, shin), leg.kneeAxis) / (length(thigh) * length(shin));
    return sine > Math.sin((2 * Math.PI) / 180) ? [`the ${limb} knee bends the wrong way.`] : [];
  });
}

function sinkInto(sample: Sample, solid: Solid): number {
  const [x, y, z] = sample.point;
  if (z + sample.radius < (solid.z0 ?? -Infinity) || z - sample.radius > (solid.z1 ?? Infinity)) {
    return -Infinity;
  }
  if (solid.shape === "circle") {
    return sample.radius + solid.r - Math.hypot(x - solid.cx, y - solid.cy);
  }
  const nx = Math.min(Math.max(x, solid.x0), solid.x1);
  const ny = Math.min(Math.max(y, solid.y0), solid.y1);
  const inside = x > solid.x0 && x < solid.x1 && y > solid.y0 && y < solid.y1;
  if (inside)
    return sample.radius + Math.min(y - solid.y0, solid.y1 - y, x - solid.x0, solid.x1 - x);
  return sample.radius - Math.hypot(x - nx, y - ny);
}

/** No part through the floor or a prop, and the body resting on something. */
function restingProblems(samples: Sample[], solids: Solid[], layout: PropLayout): string[] {
  // The deepest any part goes into each thing, reported once per part and thing.
  const deepest = new Map<string, { part: string; into: string; depth: number }>();
  const note = (part: string, into: string, depth: number) => {
    const key = `${part} ${into}`;
    if (depth > TOLERANCE && depth > (deepest.get(key)?.depth ?? 0)) {
      deepest.set(key, { part, into, depth });
    }
  };

  for (const sample of samples) {
    const part = partWords(sample.part);
    let inSolid = false;
    for (const solid of solids) {
      const depth = sinkInto(sample, solid);
      if (depth > TOLERANCE) inSolid = true;
      note(part, `into ${solid.name}`, depth);
    }
    if (!inSolid) note(part, "below the floor", -(sample.point[1] - sample.radius));
    if (layout.wall) {
      const { x, solidToward } = layout.wall;
      note(part, "into the wall", solidToward * (sample.point[0] - x) + sample.radius);
    }
  }
  const problems = [...deepest.values()].map(
    ({ part, into, depth }) => `${part} goes ${round(depth)} ${into}.`,
  );

  const resting = samples.some(
    (s) =>
      s.point[1] - s.radius <= TOLERANCE ||
      solids.some((solid) => Math.abs(sinkInto(s, solid)) <= TOLERANCE),
  );
  if (!resting) problems.push("the body floats: nothing rests on the floor or on a prop.");
  return problems;
}

const near = (a: Vec3, b: { x: number; y: number }, within: number) =>
  Math.hypot(a[0] - b.x, a[1] - b.y) <= within;

/** Each prop is used the way it is drawn: sat on, held, leant on, pedalled. */
function propProblems(
  figure: ExerciseFigure,
  skeleton: Skeleton,
  samples: Sample[],
  layout: PropLayout,
): string[] {
  const problems: string[] = [];
  const limb = propLimb(figure);
  const { chair, wall, step, roller, bike, towel, bed } = layout;
  const floor = bed ? MAT_TOP : 0;

  if (chair?.mode === "seat") {
    const [x, y] = skeleton.pelvis;
    if (Math.abs(y - SIT_HEIGHT - chair.seatTop) > TOLERANCE || x < chair.x0 || x > chair.x1) {
      problems.push("the pelvis leaves the chair seat; keep it on the seat in every pose.");
    }
  }
  if (chair?.mode === "support") {
    const back = { x: chair.backX, y: chair.backTop };
    if (![skeleton.near.hand, skeleton.far.hand].some((h) => near(h, back, 12))) {
      problems.push("no hand holds the chair; keep one hand on its back in every pose.");
    }
  }
  if (wall) {
    const touching = samples.some(
      (s) => Math.abs(wall.solidToward * (s.point[0] - wall.x) + s.radius) <= TOLERANCE,
    );
    if (!touching) problems.push("nothing touches the wall; keep the body against it.");
  }
  if (step) {
    const foot = skeleton[limb];
    const onStep = [foot.heel, foot.ball].every(
      (p) =>
        Math.abs(p[1] - RADIUS.foot - step.top) <= TOLERANCE &&
        p[0] >= step.x0 - 2 &&
        p[0] <= step.x1 + 2,
    );
    if (!onStep) problems.push(`the ${limb} foot is not flat on the step.`);
  }
  if (roller) {
    const onRoller = samples.some(
      (s) =>
        Math.abs(
          Math.hypot(s.point[0] - roller.cx, s.point[1] - roller.cy) - s.radius - roller.r,
        ) <= TOLERANCE,
    );
    if (!onRoller) problems.push("the body does not rest on the foam roller.");
  }
  if (bike) {
    if (!near(skeleton.pelvis, { x: bike.saddle.x, y: bike.saddle.y + SIT_HEIGHT }, TOLERANCE)) {
      problems.push("the pelvis leaves the bike saddle.");
    }
    for (const side of ["near", "far"] as const) {
      const reach = Math.hypot(
        skeleton[side].ball[0] - bike.crank.x,
        skeleton[side].ball[1] - bike.crank.y,
      );
      if (Math.abs(reach - CRANK_RADIUS) > TOLERANCE) {
        problems.push(
          `the ${side} foot is off its pedal (${round(reach)} from the crank, not ${CRANK_RADIUS}).`,
        );
      }
    }
  }
  if (towel?.mode === "roll") {
    const knee = skeleton[limb].knee;
    if (knee[1] - RADIUS.thigh - floor > 14)
      problems.push(`the ${limb} knee is too high above its towel roll.`);
  }
  if (towel?.mode === "between-knees") {
    const gap = Math.abs(skeleton.near.knee[0] - skeleton.far.knee[0]) - 2 * RADIUS.thigh;
    if (gap > 2 * PILLOW.halfWidth + TOLERANCE)
      problems.push("the knees are too far apart to hold the pillow.");
  }
  return problems;
}
