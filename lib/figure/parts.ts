import { RADIUS, SEGMENT, type Limb } from "./body";
import { add, length, scale, sub, type Skeleton, type Vec3 } from "./kinematics";
import type { FigureView } from "./types";

/**
 * The drawn body as rounded strokes ("capsules"): each part is a line through its points drawn
 * `radius` thick on each side. The same list draws the figure and is what the checks keep above
 * the floor and out of the props, so what is checked is what is seen.
 */
export type PartKind =
  "trunk" | "neck" | "head" | "thigh" | "shin" | "foot" | "upperArm" | "forearm";

export interface Part {
  kind: PartKind;
  limb: Limb | null;
  points: Vec3[];
  radius: number;
}

const LIMB_PARTS = (skeleton: Skeleton, limb: Limb): Part[] => {
  const p = skeleton[limb];
  return [
    { kind: "thigh", limb, points: [p.hip, p.knee], radius: RADIUS.thigh },
    { kind: "shin", limb, points: [p.knee, p.ankle], radius: RADIUS.shin },
    { kind: "foot", limb, points: [p.ankle, p.heel, p.toe, p.ankle], radius: RADIUS.foot },
    { kind: "upperArm", limb, points: [p.shoulder, p.elbow], radius: RADIUS.upperArm },
    { kind: "forearm", limb, points: [p.elbow, p.hand], radius: RADIUS.forearm },
  ];
};

export function bodyParts(skeleton: Skeleton, view: FigureView): Part[] {
  // Seen from the front the trunk is wider than it is deep; its rounded bottom still ends where
  // the seat is (as from the side), so it starts a little above the hip joints.
  const bottom =
    view === "side"
      ? skeleton.pelvis
      : add(
          skeleton.pelvis,
          scale(
            sub(skeleton.waist, skeleton.pelvis),
            (RADIUS.trunkFront - RADIUS.trunkSide) / SEGMENT.lowerTrunk,
          ),
        );
  return [
    {
      kind: "trunk",
      limb: null,
      points: [bottom, skeleton.waist, skeleton.chest],
      radius: view === "side" ? RADIUS.trunkSide : RADIUS.trunkFront,
    },
    { kind: "neck", limb: null, points: [skeleton.chest, skeleton.neckTop], radius: RADIUS.neck },
    { kind: "head", limb: null, points: [skeleton.head], radius: SEGMENT.headRadius },
    ...LIMB_PARTS(skeleton, "far"),
    ...LIMB_PARTS(skeleton, "near"),
  ];
}

const PART_WORDS: Record<PartKind, string> = {
  trunk: "trunk",
  neck: "neck",
  head: "head",
  thigh: "thigh",
  shin: "shin",
  foot: "foot",
  upperArm: "upper arm",
  forearm: "forearm and hand",
};

export function partWords(part: Pick<Part, "kind" | "limb">): string {
  return part.limb ? `the ${part.limb} ${PART_WORDS[part.kind]}` : `the ${PART_WORDS[part.kind]}`;
}

export interface Sample {
  part: Part;
  point: Vec3;
  radius: number;
}

/** Circles along every part, close enough together that nothing slips between two of them. */
export function samplesOf(parts: Part[], step = 4): Sample[] {
  const samples: Sample[] = [];
  for (const part of parts) {
    const [first, ...rest] = part.points;
    if (!first) continue;
    samples.push({ part, point: first, radius: part.radius });
    let previous = first;
    for (const next of rest) {
      const span = sub(next, previous);
      const count = Math.max(1, Math.ceil(length(span) / step));
      for (let i = 1; i <= count; i++) {
        samples.push({ part, point: add(previous, scale(span, i / count)), radius: part.radius });
      }
      previous = next;
    }
  }
  return samples;
}
