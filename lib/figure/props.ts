import { RADIUS } from "./body";
import { solvePose, type Skeleton, type Vec3 } from "./kinematics";
import { bodyParts, samplesOf } from "./parts";
import type { ExerciseFigure, FigureProp, FigureView } from "./types";

/**
 * Where the props stand. A figure names its props; the model places them from the body in the
 * first pose (a chair under a sitting pelvis or in front of the hand that holds it, a wall at the
 * back, the hands or the soles that touch it, ...), so a pose never has to say where a chair is
 * and the props always fit the body. All in scene units, on the picture's plane.
 */

export const MAT_TOP = 4;
export const ROLLER_RADIUS = 9;
export const ROLLER_X = 0;
export const STEP_HEIGHT = 18;
export const CRANK_RADIUS = 17;
/** The bike's crank centre from the rider's pelvis: ahead of the saddle and well below it. */
export const CRANK_FROM_PELVIS = { x: 22, y: -72 } as const;
/** From a sitting pelvis (the hip joints) down to the seat under it. */
export const SIT_HEIGHT = RADIUS.trunkSide;
/** A chair's seat and back seen from the side. */
export const CHAIR = { seatBehind: 34, seatAhead: 8, back: 42, seatHeight: 45 } as const;
/** Pelvis heights below this are sitting (on a chair or a bike); above, standing or kneeling. */
const SITTING_BELOW = 74;

export type ChairLayout =
  | { mode: "seat"; seatTop: number; x0: number; x1: number }
  | { mode: "support"; backX: number; backTop: number; depth: number; direction: 1 | -1 };

export interface PropLayout {
  chair?: ChairLayout;
  /** The wall's face, and the side of it that is solid (+1: beyond larger x). */
  wall?: { x: number; solidToward: 1 | -1 };
  bed?: { x0: number; x1: number; top: number };
  step?: { x0: number; x1: number; top: number };
  roller?: { cx: number; cy: number; r: number };
  /** The saddle under the pelvis, the crank ahead and below, the handlebars where the hands are. */
  bike?: {
    saddle: { x: number; y: number };
    crank: { x: number; y: number };
    bars: { x: number; y: number };
  };
  band?: { anchor: { x: number; y: number } };
  /** A strap from the hands to the working foot, a roll under the knee, or a pillow between the knees. */
  towel?: { mode: "strap" | "roll" | "between-knees" };
}

/** The limb whose props (towel, band, step) it is: the working one, or the near one. */
export function propLimb(figure: ExerciseFigure): "near" | "far" {
  return figure.working === "far" ? "far" : "near";
}

const bodyPoints = (skeleton: Skeleton, figure: ExerciseFigure): { p: Vec3; r: number }[] =>
  samplesOf(bodyParts(skeleton, figure.view), 8).map((s) => ({ p: s.point, r: s.radius }));

function chairLayout(first: Skeleton, figure: ExerciseFigure): ChairLayout {
  if (first.pelvis[1] < SITTING_BELOW) {
    const seatTop = first.pelvis[1] - SIT_HEIGHT;
    const x = first.pelvis[0];
    return figure.view === "side"
      ? { mode: "seat", seatTop, x0: x - CHAIR.seatBehind, x1: x + CHAIR.seatAhead }
      : { mode: "seat", seatTop, x0: x - 24, x1: x + 24 };
  }
  // Standing: the chair's back is held by the hand furthest forward (in a side view) or out to
  // the side (in a front view), and the chair stands beyond it.
  const hands = [first.near.hand, first.far.hand];
  const hand = hands.reduce((a, b) => (b[0] > a[0] ? b : a));
  const lowHand = hands.reduce((a, b) => (b[0] < a[0] ? b : a));
  const useLow =
    figure.view === "front" && first.pelvis[0] - lowHand[0] > hand[0] - first.pelvis[0];
  const held = useLow ? lowHand : hand;
  return {
    mode: "support",
    backX: held[0] + (useLow ? -RADIUS.forearm : RADIUS.forearm),
    backTop: held[1] - RADIUS.forearm,
    depth: held[2],
    direction: useLow ? -1 : 1,
  };
}

function wallLayout(first: Skeleton, figure: ExerciseFigure, trunk: number) {
  const points = bodyPoints(first, figure);
  const lying = Math.abs(trunk) > 60;
  if (lying) {
    const feet = [first.near, first.far].flatMap((l) => [l.heel, l.ball, l.toe]);
    return { x: Math.max(...feet.map((p) => p[0])) + RADIUS.foot, solidToward: 1 as const };
  }
  const hands = [first.near.hand, first.far.hand];
  const toes = [first.near.toe, first.far.toe];
  const handsAhead = Math.max(...hands.map((p) => p[0])) > Math.max(...toes.map((p) => p[0]));
  if (handsAhead) {
    return { x: Math.max(...hands.map((p) => p[0])) + RADIUS.forearm, solidToward: 1 as const };
  }
  return { x: Math.min(...points.map(({ p, r }) => p[0] - r)), solidToward: -1 as const };
}

export function layoutProps(figure: ExerciseFigure): PropLayout {
  const [firstPose] = figure.poses;
  if (!firstPose) return {};
  const skeletons = figure.poses.map((pose) => solvePose(pose, figure.view));
  const first = skeletons[0]!;
  const limb = propLimb(figure);
  const has = (prop: FigureProp) => figure.props.includes(prop);
  const layout: PropLayout = {};

  if (has("chair")) layout.chair = chairLayout(first, figure);
  if (has("wall")) layout.wall = wallLayout(first, figure, firstPose.angles.trunk ?? 0);
  if (has("bed")) {
    const xs = skeletons.flatMap((s) =>
      bodyPoints(s, figure).map(({ p, r }) => [p[0] - r, p[0] + r]),
    );
    const flat = xs.flat();
    layout.bed = { x0: Math.min(...flat) - 10, x1: Math.max(...flat) + 10, top: MAT_TOP };
  }
  if (has("step")) {
    const foot = first[limb];
    const sole = Math.min(foot.heel[1], foot.ball[1]) - RADIUS.foot;
    layout.step =
      sole > 8
        ? { x0: foot.heel[0] - 10, x1: foot.toe[0] + 14, top: sole }
        : {
            x0: Math.max(first.near.toe[0], first.far.toe[0]) + 6,
            x1: Math.max(first.near.toe[0], first.far.toe[0]) + 46,
            top: STEP_HEIGHT,
          };
  }
  if (has("foam-roller")) {
    // The body rolls over it, so it cannot follow the body: it lies at x = 0 and the poses move
    // the pelvis to either side of it.
    const floor = has("bed") ? MAT_TOP : 0;
    layout.roller = { cx: ROLLER_X, cy: floor + ROLLER_RADIUS, r: ROLLER_RADIUS };
  }
  if (has("bike")) {
    const [x, y] = first.pelvis;
    layout.bike = {
      saddle: { x, y: y - SIT_HEIGHT },
      crank: { x: x + CRANK_FROM_PELVIS.x, y: y + CRANK_FROM_PELVIS.y },
      bars: {
        x: (first.near.hand[0] + first.far.hand[0]) / 2,
        y: (first.near.hand[1] + first.far.hand[1]) / 2 - RADIUS.forearm,
      },
    };
  }
  if (has("band")) {
    const knee = first[limb].knee;
    const front = Math.max(...bodyPoints(first, figure).map(({ p, r }) => p[0] + r));
    layout.band = { anchor: { x: front + 40, y: knee[1] } };
  }
  if (has("towel")) {
    const floor = has("bed") ? MAT_TOP : 0;
    const kneeLow = skeletons.every((s) => s[limb].knee[1] - floor < RADIUS.thigh + 12);
    layout.towel = {
      mode: figure.view === "front" ? "between-knees" : kneeLow ? "roll" : "strap",
    };
  }
  return layout;
}

/**
 * Things the body may rest on but not pass through, on the picture's plane; in a front view also
 * how far they reach toward and away from the viewer (a leg may pass in front of a chair seat).
 */
export type Solid = { name: string; z0?: number; z1?: number } & (
  | { shape: "rect"; x0: number; x1: number; y0: number; y1: number }
  | { shape: "circle"; cx: number; cy: number; r: number }
);

/** How deep the props are seen from the front (scene units toward and away from the viewer). */
export const DEPTH = { seat: 22, roller: 25, mat: 30 } as const;

export const ROLL_RADIUS = 5;
export const PILLOW = { halfWidth: 7, halfHeight: 9 } as const;

export function solidsOf(layout: PropLayout, view: FigureView): Solid[] {
  const solids: Solid[] = [];
  const depth = (half: number) => (view === "front" ? { z0: -half, z1: half } : {});
  const { chair, bed, step, roller, bike } = layout;
  if (chair?.mode === "seat") {
    solids.push({
      name: "the chair seat",
      shape: "rect",
      ...depth(DEPTH.seat),
      x0: chair.x0,
      x1: chair.x1,
      y0: chair.seatTop - 5,
      y1: chair.seatTop,
    });
  }
  if (bed) {
    solids.push({
      name: "the mat",
      shape: "rect",
      x0: bed.x0,
      x1: bed.x1,
      y0: 0,
      y1: bed.top,
      ...depth(DEPTH.mat),
    });
  }
  if (step) {
    solids.push({ name: "the step", shape: "rect", x0: step.x0, x1: step.x1, y0: 0, y1: step.top });
  }
  if (roller) {
    solids.push({
      name: "the foam roller",
      shape: "circle",
      cx: roller.cx,
      cy: roller.cy,
      r: roller.r,
      ...depth(DEPTH.roller),
    });
  }
  if (bike) {
    solids.push({
      name: "the bike saddle",
      shape: "rect",
      x0: bike.saddle.x - 14,
      x1: bike.saddle.x + 2,
      y0: bike.saddle.y - 4,
      y1: bike.saddle.y,
    });
  }
  return solids;
}
