/**
 * The body the figures are drawn with: fixed segment lengths (scene units, about a centimetre of
 * an adult 1.75 m tall), the thickness each part is drawn with, and the joints a pose may set with
 * their anatomical limits. A pose lists only the joints it moves; every other joint is at 0, which
 * is standing upright with the arms hanging and the feet flat.
 */

export const SEGMENT = {
  /** Hip joints' centre (the pose's pelvis point) to the waist, where the back bends. */
  lowerTrunk: 16,
  /** Waist to the centre of the shoulder line. */
  upperTrunk: 36,
  /** Centre of the shoulder line to the centre of the head. */
  neck: 19,
  headRadius: 11,
  thigh: 43,
  shin: 43,
  /** Ankle joint above the sole. */
  ankleHeight: 7,
  /** Sole points from below the ankle: the heel behind it, the ball and the toes in front. */
  heelBack: 5,
  ball: 12,
  toes: 16,
  upperArm: 29,
  forearm: 25,
  hand: 8,
  /** Half the distance between the hip joints and between the shoulders (seen in a front view). */
  hipHalfWidth: 8,
  shoulderHalfWidth: 15,
} as const;

/** Half the thickness each part is drawn with, which is also what must stay above the floor. */
export const RADIUS = {
  /** The trunk seen from the side (chest to back) and from the front (shoulder to shoulder). */
  trunkSide: 10,
  trunkFront: 16,
  thigh: 7,
  shin: 5.5,
  foot: 3,
  upperArm: 5,
  forearm: 4.5,
  neck: 4.5,
} as const;

export type Limb = "near" | "far";

/**
 * Joints whose angle turns the part in the picture's own plane, clockwise as drawn (before the
 * figure is mirrored): in a side view the figure faces right, so positive leans it forward; in a
 * front view positive tips it to the viewer's right.
 */
export const PLANE_JOINTS = ["trunk", "waist", "neck"] as const;

/**
 * Joints of each arm and leg, named `near…` (the limb nearer the viewer in a side view, the
 * figure's right side before mirroring) and `far…`.
 */
export const LIMB_JOINTS = [
  "Hip",
  "HipAbduction",
  "HipRotation",
  "Knee",
  "Ankle",
  "Shoulder",
  "ShoulderAbduction",
  "Elbow",
] as const;

export type PlaneJoint = (typeof PLANE_JOINTS)[number];
export type LimbJoint = (typeof LIMB_JOINTS)[number];
export type JointName = PlaneJoint | `${Limb}${LimbJoint}`;

interface JointLimit {
  min: number;
  max: number;
  /** How the clinician reads the angle, with "near"/"far" filled in. */
  words: string;
}

const LIMB_LIMITS: Record<LimbJoint, JointLimit> = {
  Hip: { min: -30, max: 140, words: "hip flexion" },
  HipAbduction: { min: -25, max: 70, words: "hip abduction" },
  HipRotation: { min: -45, max: 60, words: "hip outward rotation" },
  // Knees and elbows only bend one way: 0 is straight and nothing below it is allowed.
  Knee: { min: 0, max: 150, words: "knee bend" },
  Ankle: { min: -50, max: 30, words: "ankle (toes up)" },
  Shoulder: { min: -60, max: 180, words: "shoulder flexion" },
  ShoulderAbduction: { min: -20, max: 180, words: "shoulder abduction" },
  Elbow: { min: 0, max: 150, words: "elbow bend" },
};

export const JOINT_LIMITS: Record<JointName, JointLimit> = {
  trunk: { min: -135, max: 135, words: "body tilt" },
  waist: { min: -30, max: 60, words: "waist bend" },
  neck: { min: -45, max: 60, words: "neck bend" },
  ...(Object.fromEntries(
    (["near", "far"] as const).flatMap((limb) =>
      LIMB_JOINTS.map((joint) => [
        `${limb}${joint}`,
        { ...LIMB_LIMITS[joint], words: `${limb} ${LIMB_LIMITS[joint].words}` },
      ]),
    ),
  ) as Record<`${Limb}${LimbJoint}`, JointLimit>),
};

export const JOINT_NAMES = Object.keys(JOINT_LIMITS) as JointName[];

export function isJointName(name: string): name is JointName {
  return Object.hasOwn(JOINT_LIMITS, name);
}

/** Where a pose's pelvis may be (scene units): well inside any drawing's frame. */
export const PELVIS_RANGE = { x: { min: -200, max: 200 }, y: { min: 0, max: 200 } } as const;
