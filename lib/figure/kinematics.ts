import { SEGMENT, type JointName, type Limb } from "./body";
import type { FigurePose, FigureView } from "./types";

/**
 * Forward kinematics: a pose (pelvis point and joint angles) to the body's points in the scene.
 *
 * The scene is 3-D so that one body serves both views and a limb turned toward the viewer is
 * drawn shorter: x to the right, y up (the floor is y = 0), z toward the viewer. Each part carries
 * a frame of three unit axes: `f` to its front, `u` along it toward the head (or up the limb, to
 * the joint it hangs from) and `n` to the figure's near side (n = f × u).
 */

export type Vec3 = readonly [number, number, number];

export interface Frame {
  f: Vec3;
  u: Vec3;
  n: Vec3;
}

export interface LimbPoints {
  hip: Vec3;
  knee: Vec3;
  ankle: Vec3;
  heel: Vec3;
  ball: Vec3;
  toe: Vec3;
  shoulder: Vec3;
  elbow: Vec3;
  wrist: Vec3;
  hand: Vec3;
  /** The knee's hinge axis: a knee bends the right way when the shin turns about it backwards. */
  kneeAxis: Vec3;
  thighFront: Vec3;
}

export interface Skeleton {
  pelvis: Vec3;
  waist: Vec3;
  chest: Vec3;
  neckTop: Vec3;
  head: Vec3;
  /** Which way the face looks (unit vector). */
  face: Vec3;
  /** The trunk's side axis, for the hips' and shoulders' spread. */
  trunkSide: Vec3;
  near: LimbPoints;
  far: LimbPoints;
}

const rad = (degrees: number) => (degrees * Math.PI) / 180;

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
export const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export const length = (a: Vec3) => Math.hypot(a[0], a[1], a[2]);

const mix = (a: Vec3, ka: number, b: Vec3, kb: number): Vec3 => add(scale(a, ka), scale(b, kb));

/** Turns a frame about its own front axis: positive takes `u` toward `n`. */
function aboutFront(fr: Frame, degrees: number): Frame {
  const c = Math.cos(rad(degrees));
  const s = Math.sin(rad(degrees));
  return { f: fr.f, u: mix(fr.u, c, fr.n, s), n: mix(fr.n, c, fr.u, -s) };
}

/** Turns a frame about its own long axis: positive takes `n` toward `f`. */
function aboutLong(fr: Frame, degrees: number): Frame {
  const c = Math.cos(rad(degrees));
  const s = Math.sin(rad(degrees));
  return { f: mix(fr.f, c, fr.n, -s), u: fr.u, n: mix(fr.n, c, fr.f, s) };
}

/** Turns a frame about its own side axis: positive takes `f` toward `u` (a leg forward). */
function aboutSide(fr: Frame, degrees: number): Frame {
  const c = Math.cos(rad(degrees));
  const s = Math.sin(rad(degrees));
  return { f: mix(fr.f, c, fr.u, s), u: mix(fr.u, c, fr.f, -s), n: fr.n };
}

/** The body standing upright: from the side it faces right; from the front it faces the viewer. */
const BASE: Record<FigureView, Frame> = {
  side: { f: [1, 0, 0], u: [0, 1, 0], n: [0, 0, 1] },
  front: { f: [0, 0, 1], u: [0, 1, 0], n: [-1, 0, 0] },
};

/**
 * Turns a frame clockwise in the picture's plane (about the axis that points at the viewer when
 * upright: `n` from the side, `f` from the front).
 */
function inPlane(fr: Frame, view: FigureView, degrees: number): Frame {
  return view === "side" ? aboutSide(fr, -degrees) : aboutFront(fr, -degrees);
}

export function angleOf(pose: FigurePose, joint: JointName): number {
  return pose.angles[joint] ?? 0;
}

function limbPoints(
  pose: FigurePose,
  limb: Limb,
  pelvis: Vec3,
  hips: Frame,
  chest: Vec3,
  shoulders: Frame,
): LimbPoints {
  const a = (joint: string) => pose.angles[`${limb}${joint}`] ?? 0;
  // Abduction and outward rotation turn a near limb toward +n and a far limb toward -n.
  const outward = limb === "near" ? -1 : 1;
  const sideOffset = limb === "near" ? 1 : -1;

  const hip = add(pelvis, scale(hips.n, sideOffset * SEGMENT.hipHalfWidth));
  let thigh = aboutSide(hips, a("Hip"));
  thigh = aboutFront(thigh, outward * a("HipAbduction"));
  thigh = aboutLong(thigh, outward * a("HipRotation"));
  const knee = add(hip, scale(thigh.u, -SEGMENT.thigh));
  const shin = aboutSide(thigh, -a("Knee"));
  const ankle = add(knee, scale(shin.u, -SEGMENT.shin));
  const foot = aboutSide(shin, a("Ankle"));
  const sole = add(ankle, scale(foot.u, -SEGMENT.ankleHeight));
  const heel = add(sole, scale(foot.f, -SEGMENT.heelBack));
  const ball = add(sole, scale(foot.f, SEGMENT.ball));
  const toe = add(sole, scale(foot.f, SEGMENT.toes));

  const shoulder = add(chest, scale(shoulders.n, sideOffset * SEGMENT.shoulderHalfWidth));
  let upperArm = aboutSide(shoulders, a("Shoulder"));
  upperArm = aboutFront(upperArm, outward * a("ShoulderAbduction"));
  const elbow = add(shoulder, scale(upperArm.u, -SEGMENT.upperArm));
  const forearm = aboutSide(upperArm, a("Elbow"));
  const wrist = add(elbow, scale(forearm.u, -SEGMENT.forearm));
  const hand = add(wrist, scale(forearm.u, -SEGMENT.hand));

  return {
    hip,
    knee,
    ankle,
    heel,
    ball,
    toe,
    shoulder,
    elbow,
    wrist,
    hand,
    kneeAxis: thigh.n,
    thighFront: thigh.f,
  };
}

export function solvePose(pose: FigurePose, view: FigureView): Skeleton {
  const pelvis: Vec3 = [pose.pelvis.x, pose.pelvis.y, 0];
  const hips = inPlane(BASE[view], view, angleOf(pose, "trunk"));
  const waist = add(pelvis, scale(hips.u, SEGMENT.lowerTrunk));
  const upper = inPlane(hips, view, angleOf(pose, "waist"));
  const chest = add(waist, scale(upper.u, SEGMENT.upperTrunk));
  const headFrame = inPlane(upper, view, angleOf(pose, "neck"));
  return {
    pelvis,
    waist,
    chest,
    neckTop: add(chest, scale(headFrame.u, SEGMENT.neck - SEGMENT.headRadius)),
    head: add(chest, scale(headFrame.u, SEGMENT.neck)),
    face: headFrame.f,
    trunkSide: upper.n,
    near: limbPoints(pose, "near", pelvis, hips, chest, upper),
    far: limbPoints(pose, "far", pelvis, hips, chest, upper),
  };
}
