import { RADIUS, SEGMENT, type Limb } from "./body";
import { project, type Camera, type ScreenPoint } from "./camera";
import { add, scale, solvePose, sub, type Skeleton, type Vec3 } from "./kinematics";
import { timeline } from "./motion";
import { bodyParts, type Part } from "./parts";
import {
  CHAIR,
  CRANK_RADIUS,
  DEPTH,
  layoutProps,
  MAT_TOP,
  PILLOW,
  ROLL_RADIUS,
  type PropLayout,
} from "./props";
import type { ExerciseFigure, FigurePose } from "./types";

/**
 * A figure as shapes to draw: plain data (path strings per frame) that the React components turn
 * into SVG. One drawing holds every frame of the loop, or a single frame for a still; the frame
 * (viewBox) is the same for all frames of a figure, so a start and an end drawn side by side line
 * up.
 */

export type Side = "left" | "right" | "both" | null | undefined;

export interface PathShape {
  kind: "path";
  /** One path per frame; all with the same commands, so they can be tweened. */
  d: string[];
  stroke: string;
  width: number;
  fill: string;
}

export interface CircleShape {
  kind: "circle";
  centres: { x: number; y: number }[];
  r: number;
  fill: string;
  stroke: string;
  width: number;
}

export type Shape = PathShape | CircleShape;

export interface Drawing {
  viewBox: { x: number; y: number; width: number; height: number };
  shapes: Shape[];
  /** Seconds per loop and when each frame shows (0..1), for an animated drawing. */
  duration: number;
  keyTimes: number[];
}

export const COLOURS = {
  body: "#46535d",
  far: "#9ba6af",
  farFront: "#75828c",
  work: "#0b6e7a",
  workOutline: "#0a2d32",
  label: "#0b5d6b",
  floor: "#7b8790",
  ground: "#eef1f3",
  groundEdge: "#d5dbe0",
  roller: "#5b9bb5",
  rollerEnd: "#8cc0d3",
  rollerEdge: "#2f6f89",
  prop: "#a88c5f",
  propDark: "#7a6440",
  mat: "#b9d3dc",
  matEdge: "#6f97a5",
  wall: "#d9dfe3",
  wallEdge: "#8d99a2",
  towel: "#c0504d",
  band: "#c0504d",
  metal: "#5f6b74",
  armEdge: "#ffffff",
} as const;

/** The loop's frame, and a thumbnail's closer one. */
const LOOP = { aspect: [3 / 2, 3 / 2], minWidth: 200 } as const;
const CLOSE = { aspect: [4 / 3, 4 / 3], minWidth: 110 } as const;
const POSES = { aspect: [1.2, 2.2], minWidth: 150 } as const;
const WALL_THICKNESS = 14;
const PAD = 6;

const r1 = (n: number) => Math.round(n * 10) / 10;

function pathOf(points: ScreenPoint[], closed = false): string {
  return (
    points.map((p, i) => `${i === 0 ? "M" : "L"}${r1(p.x)} ${r1(p.y)}`).join("") +
    (closed ? "Z" : "")
  );
}

/** Which limb is drawn as working, and whether the figure is mirrored to make it that side. */
export function highlightOf(
  figure: ExerciseFigure,
  side: Side,
): { limb: Limb | null; mirror: boolean; text: string | null } {
  if (figure.working !== "near" && figure.working !== "far") {
    return { limb: null, mirror: false, text: null };
  }
  const limb = figure.working;
  // Unmirrored, the near limbs are the figure's right ones (it faces right from the side, or the
  // viewer from the front, showing its right side first).
  const drawnSide = limb === "near" ? "right" : "left";
  if (side === "left" || side === "right") {
    return { limb, mirror: side !== drawnSide, text: side === "left" ? "Left leg" : "Right leg" };
  }
  if (side === "both") return { limb, mirror: false, text: "Each leg in turn" };
  return { limb, mirror: false, text: null };
}

interface FrameGeometry {
  skeleton: Skeleton;
  parts: Part[];
}

export interface DrawRequest {
  figure: ExerciseFigure;
  side?: Side;
  /** Which poses to draw: every frame of the loop, or one pose (by index) for a still. */
  still?: number;
  /** Show which limb works (highlight and its name). */
  highlight?: boolean;
  /**
   * The picture's frame: the loop's (3:2, the same for every pose, so stills line up); round the
   * poses alone, as wide as they need (paper, where height is dear); or, for a small thumbnail, a
   * closer 4:3 crop round this pose alone.
   */
  crop?: "loop" | "poses" | "close";
}

export function drawFigure({
  figure,
  side,
  still,
  highlight = true,
  crop = "loop",
}: DrawRequest): Drawing {
  const loop = timeline(figure);
  const poses: FigurePose[] =
    still === undefined ? loop.frames : [figure.poses[still] ?? figure.poses[0]!];
  const chosen = highlightOf(figure, side);
  const workLimb = highlight ? chosen.limb : null;
  const camera: Camera = { view: figure.view, mirror: chosen.mirror };
  const layout = layoutProps(figure);

  const geometry = (pose: FigurePose): FrameGeometry => {
    const skeleton = solvePose(pose, figure.view);
    return { skeleton, parts: bodyParts(skeleton, figure.view) };
  };
  const frames = poses.map(geometry);
  const everyFrame = loop.frames.map(geometry);
  const p = (v: Vec3) => project(v, camera);

  const shapes: Shape[] = [];
  const behind = propShapes(layout, figure, frames, camera, "behind");
  const inFront = propShapes(layout, figure, frames, camera, "front");

  // Paint from the back: parts ordered by their depth in the first frame.
  const first = frames[0]!;
  const order = first.parts
    .map((part, index) => ({
      index,
      depth:
        part.points.reduce((sum, v) => sum + p(v).depth, 0) / part.points.length +
        // The trunk and head sit between the far and the near limbs where depths tie.
        (part.limb === null ? 0.01 : 0),
    }))
    .sort((a, b) => a.depth - b.depth);

  shapes.push(...behind);
  const colourOf = (part: Part, working: boolean) =>
    working
      ? COLOURS.work
      : part.limb === "far"
        ? figure.view === "side"
          ? COLOURS.far
          : COLOURS.farFront
        : COLOURS.body;
  // Edges go down first for a whole limb at once, so no edge crosses its own knee or elbow: a
  // dark outline round the working leg, a white one round the near arm (which often hangs over
  // the trunk).
  const isWorking = (part: Part) => workLimb !== null && part.limb === workLimb && isLeg(part);
  const isNearArm = (part: Part) => part.limb === "near" && isArm(part);
  const edges = [
    { belongs: isWorking, stroke: COLOURS.workOutline, extra: 4, done: false },
    { belongs: isNearArm, stroke: COLOURS.armEdge, extra: 2, done: false },
  ];
  for (const { index } of order) {
    const part = first.parts[index]!;
    const working = isWorking(part);
    const framesOfPart = frames.map((f) => f.parts[index]!);
    for (const edge of edges) {
      if (edge.done || !edge.belongs(part)) continue;
      edge.done = true;
      for (const { index: other } of order) {
        const member = first.parts[other]!;
        if (!edge.belongs(member)) continue;
        const closed = member.kind === "foot";
        shapes.push({
          kind: "path",
          d: frames.map((f) => pathOf(f.parts[other]!.points.map(p), closed)),
          stroke: edge.stroke,
          width: member.radius * 2 + edge.extra,
          fill: closed ? edge.stroke : "none",
        });
      }
    }
    const colour = colourOf(part, working);
    if (part.kind === "head") {
      shapes.push({
        kind: "circle",
        centres: framesOfPart.map((fp) => p(fp.points[0]!)),
        r: part.radius,
        fill: colour,
        stroke: colour,
        width: 0,
      });
      if (figure.view === "side") shapes.push(noseShape(frames, camera, colour));
      continue;
    }
    const closed = part.kind === "foot";
    const d = framesOfPart.map((fp) => pathOf(fp.points.map(p), closed));
    shapes.push({
      kind: "path",
      d,
      stroke: colour,
      width: part.radius * 2,
      fill: closed ? colour : "none",
    });
  }
  shapes.push(...inFront);

  return {
    viewBox:
      crop === "close"
        ? frameBox(frames, layout, figure, camera, CLOSE)
        : crop === "poses"
          ? frameBox(figure.poses.map(geometry), layout, figure, camera, POSES)
          : frameBox(everyFrame, layout, figure, camera, LOOP),
    shapes,
    duration: still === undefined ? loop.duration : 0,
    keyTimes: still === undefined ? loop.keyTimes : [0],
  };
}

const isArm = (part: Part) => part.kind === "upperArm" || part.kind === "forearm";
const isLeg = (part: Part) => part.kind === "thigh" || part.kind === "shin" || part.kind === "foot";

/** A small nose, so that lying on the back and lying face down never look alike. */
function noseShape(frames: FrameGeometry[], camera: Camera, colour: string): PathShape {
  const r = SEGMENT.headRadius;
  const d = frames.map(({ skeleton }) => {
    const upward = sub(skeleton.head, skeleton.neckTop);
    const up = scale(upward, 1 / Math.hypot(...upward));
    const at = (forward: number, lift: number) =>
      project(add(skeleton.head, add(scale(skeleton.face, forward), scale(up, lift))), camera);
    return pathOf([at(r - 3, 3), at(r + 3, -1.5), at(r - 3, -3)], true);
  });
  return { kind: "path", d, stroke: colour, width: 2, fill: colour };
}

/** Everything the frames draw, padded, widened to the aspect and never smaller than a body. */
function frameBox(
  frames: FrameGeometry[],
  layout: PropLayout,
  figure: ExerciseFigure,
  camera: Camera,
  { aspect, minWidth }: { aspect: readonly [number, number]; minWidth: number },
): Drawing["viewBox"] {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  const take = (x: number, y: number, r = 0) => {
    x0 = Math.min(x0, x - r);
    x1 = Math.max(x1, x + r);
    y0 = Math.min(y0, y - r);
    y1 = Math.max(y1, y + r);
  };
  for (const { parts } of frames) {
    for (const part of parts) {
      for (const v of part.points) {
        const s = project(v, camera);
        take(s.x, s.y, part.radius);
      }
    }
  }
  for (const [x, y] of propExtent(layout, figure, camera)) take(x, y);
  // The floor is always in the picture.
  take(x0, 6);
  let width = Math.max(x1 - x0 + 2 * PAD, minWidth);
  let height = y1 - y0 + 2 * PAD;
  // Within the allowed shapes: widen a tall picture, heighten a flat one.
  if (width / height > aspect[1]) height = width / aspect[1];
  if (width / height < aspect[0]) width = height * aspect[0];
  const cx = (x0 + x1) / 2;
  // Keep the floor near the bottom: extra height goes above the figure.
  const bottom = y1 + PAD;
  return { x: r1(cx - width / 2), y: r1(bottom - height), width: r1(width), height: r1(height) };
}

function propExtent(
  layout: PropLayout,
  figure: ExerciseFigure,
  camera: Camera,
): [number, number][] {
  const pts: Vec3[] = [];
  const { chair, wall, bed, step, roller, bike, band } = layout;
  if (chair?.mode === "seat") {
    pts.push(
      [chair.x0, chair.seatTop + (figure.view === "side" ? CHAIR.back : 40), 0],
      [chair.x1, 0, 0],
    );
  }
  if (chair?.mode === "support") {
    pts.push(
      [chair.backX, chair.backTop + 4, chair.depth],
      [chair.backX + chair.direction * 40, 0, chair.depth],
    );
  }
  if (wall) pts.push([wall.x + wall.solidToward * WALL_THICKNESS, 0, 0]);
  if (bed) pts.push([bed.x0, 0, 0], [bed.x1, MAT_TOP, 0]);
  if (step) pts.push([step.x0, 0, 0], [step.x1, step.top, 0]);
  if (roller)
    pts.push([roller.cx - roller.r, 0, 0], [roller.cx + roller.r, roller.cy + roller.r, 0]);
  if (bike) pts.push([bike.crank.x - 40, 0, 0], [bike.crank.x + 55, 0, 0]);
  if (band) pts.push([band.anchor.x + 8, band.anchor.y + 14, 0], [band.anchor.x + 8, 0, 0]);
  return pts.map((v) => {
    const s = project(v, camera);
    return [s.x, s.y];
  });
}

function propShapes(
  layout: PropLayout,
  figure: ExerciseFigure,
  frames: FrameGeometry[],
  camera: Camera,
  where: "behind" | "front",
): Shape[] {
  const shapes: Shape[] = [];
  const P = (x: number, y: number, z = 0) => project([x, y, z], camera);
  const line = (
    points: ScreenPoint[],
    stroke: string,
    width: number,
    fill = "none",
    closed = false,
  ): PathShape => ({
    kind: "path",
    d: [pathOf(points, closed)],
    stroke,
    width,
    fill,
  });
  const perFrame = (
    make: (f: FrameGeometry) => ScreenPoint[],
    stroke: string,
    width: number,
    closed = false,
    fill = "none",
  ): PathShape => ({
    kind: "path",
    d: frames.map((f) => pathOf(make(f), closed)),
    stroke,
    width,
    fill,
  });
  const limb = figure.working === "far" ? "far" : "near";
  const front = figure.view === "front";

  if (where === "behind") {
    // The floor: a line from the side; from the front, seen from above, a patch of it.
    if (front) {
      const xs = frames.flatMap((f) => f.parts.flatMap((part) => part.points.map((v) => v[0])));
      const x0 = Math.min(...xs) - 30;
      const x1 = Math.max(...xs) + 30;
      const [z0, z1] = [-45, 70];
      shapes.push(
        line(
          [P(x0, 0, z0), P(x1, 0, z0), P(x1, 0, z1), P(x0, 0, z1)],
          COLOURS.groundEdge,
          1,
          COLOURS.ground,
          true,
        ),
      );
    } else {
      shapes.push(
        line([P(-400, 0), P(400, 0), P(400, -200), P(-400, -200)], "none", 0, COLOURS.ground, true),
      );
      shapes.push(line([P(-400, 0), P(400, 0)], COLOURS.floor, 1.5));
    }
    if (layout.wall) {
      const { x, solidToward: s } = layout.wall;
      shapes.push(
        line(
          [P(x, -10), P(x, 400), P(x + s * WALL_THICKNESS, 400), P(x + s * WALL_THICKNESS, -10)],
          COLOURS.wallEdge,
          1.5,
          COLOURS.wall,
          true,
        ),
      );
    }
    if (layout.bed) {
      const { x0, x1, top } = layout.bed;
      shapes.push(
        front
          ? line(
              [
                P(x0, top, -DEPTH.mat),
                P(x1, top, -DEPTH.mat),
                P(x1, top, DEPTH.mat),
                P(x1, 0, DEPTH.mat),
                P(x0, 0, DEPTH.mat),
                P(x0, top, DEPTH.mat),
              ],
              COLOURS.matEdge,
              1.5,
              COLOURS.mat,
              true,
            )
          : line(
              [P(x0, 0), P(x0, top), P(x1, top), P(x1, 0)],
              COLOURS.matEdge,
              1.5,
              COLOURS.mat,
              true,
            ),
      );
    }
    if (layout.step) {
      const { x0, x1, top } = layout.step;
      shapes.push(
        line([P(x0, 0), P(x0, top), P(x1, top), P(x1, 0)], COLOURS.propDark, 2, COLOURS.prop, true),
      );
    }
    if (layout.roller) {
      const { cx, cy, r } = layout.roller;
      if (front) {
        // A cylinder seen from above and to one side: its outline, its body, then its near end.
        const back = P(cx, cy, -DEPTH.roller);
        const near = P(cx, cy, DEPTH.roller);
        shapes.push(line([back, near], COLOURS.rollerEdge, 2 * r + 3));
        shapes.push(line([back, near], COLOURS.roller, 2 * r));
        shapes.push({
          kind: "circle",
          centres: [near],
          r,
          fill: COLOURS.rollerEnd,
          stroke: COLOURS.rollerEdge,
          width: 1.5,
        });
      } else {
        shapes.push({
          kind: "circle",
          centres: [P(cx, cy)],
          r,
          fill: COLOURS.rollerEnd,
          stroke: COLOURS.rollerEdge,
          width: 1.5,
        });
      }
    }
    if (layout.chair) shapes.push(...chairShapes(layout, figure, camera));
    if (layout.bike) shapes.push(...bikeShapes(layout, frames, camera, "behind"));
    if (layout.band) {
      const { x, y } = layout.band.anchor;
      shapes.push(line([P(x, 0), P(x, y + 14)], COLOURS.propDark, 6));
    }
    if (layout.towel?.mode === "roll") {
      const knee = frames[0]!.skeleton[limb].knee;
      const floor = layout.bed ? MAT_TOP : 0;
      shapes.push({
        kind: "circle",
        centres: [P(knee[0], floor + ROLL_RADIUS)],
        r: ROLL_RADIUS,
        fill: COLOURS.towel,
        stroke: "#8b2f2d",
        width: 1,
      });
    }
    return shapes;
  }

  if (layout.bike) shapes.push(...bikeShapes(layout, frames, camera, "front"));
  if (layout.band) {
    const { x, y } = layout.band.anchor;
    shapes.push(
      perFrame(
        (f) => {
          const leg = f.skeleton[limb];
          const behindKnee = add(leg.knee, scale(leg.thighFront, -RADIUS.thigh));
          return [P(x, y + 2), project(behindKnee, camera), P(x, y - 2)];
        },
        COLOURS.band,
        2.5,
      ),
    );
  }
  if (layout.towel?.mode === "strap") {
    shapes.push(
      perFrame(
        (f) => {
          const hands = scale(add(f.skeleton.near.hand, f.skeleton.far.hand), 0.5);
          const leg = f.skeleton[limb];
          const underBall = add(leg.ball, scale(sub(leg.ball, leg.ankle), 0.15));
          return [
            project(hands, camera),
            project(underBall, camera),
            project(add(hands, [0, -3, 0]), camera),
          ];
        },
        COLOURS.towel,
        3,
      ),
    );
  }
  if (layout.towel?.mode === "between-knees") {
    shapes.push(
      perFrame(
        (f) => {
          const a = f.skeleton.near.knee;
          const b = f.skeleton.far.knee;
          const left = Math.min(a[0], b[0]) + RADIUS.thigh;
          const right = Math.max(a[0], b[0]) - RADIUS.thigh;
          const mid = scale(add(a, b), 0.5);
          const h = PILLOW.halfHeight;
          return [
            project([left, mid[1] + h, mid[2]], camera),
            project([right, mid[1] + h, mid[2]], camera),
            project([right, mid[1] - h, mid[2]], camera),
            project([left, mid[1] - h, mid[2]], camera),
          ];
        },
        "#8b2f2d",
        1.5,
        true,
        COLOURS.towel,
      ),
    );
  }
  return shapes;
}

function chairShapes(layout: PropLayout, figure: ExerciseFigure, camera: Camera): Shape[] {
  const chair = layout.chair!;
  const P = (x: number, y: number, z = 0) => project([x, y, z], camera);
  const shape = (points: ScreenPoint[], width: number, fill = "none"): PathShape => ({
    kind: "path",
    d: [pathOf(points, fill !== "none")],
    stroke: COLOURS.propDark,
    width,
    fill,
  });
  if (chair.mode === "seat") {
    const { x0, x1, seatTop: top } = chair;
    const d = DEPTH.seat;
    if (figure.view === "front") {
      return [
        shape(
          [
            P(x0 + 4, top, -d),
            P(x0 + 4, top + 40, -d),
            P(x1 - 4, top + 40, -d),
            P(x1 - 4, top, -d),
          ],
          3,
          COLOURS.prop,
        ),
        shape([P(x0 + 2, 0, d - 4), P(x0 + 2, top, d - 4)], 4),
        shape([P(x1 - 2, 0, d - 4), P(x1 - 2, top, d - 4)], 4),
        shape([P(x0, top, -d), P(x1, top, -d), P(x1, top, d), P(x0, top, d)], 2, COLOURS.prop),
      ];
    }
    return [
      shape([P(x0 + 2, 0), P(x0 + 2, top + CHAIR.back)], 4),
      shape([P(x1 - 3, 0), P(x1 - 3, top)], 4),
      shape([P(x0, top - 4), P(x1, top - 4), P(x1, top), P(x0, top)], 2, COLOURS.prop),
    ];
  }
  const { backX: x, backTop: top, depth: z, direction: s } = chair;
  const seat = CHAIR.seatHeight;
  return [
    shape([P(x, 0, z), P(x, top, z)], 4),
    shape([P(x + s * 38, 0, z), P(x + s * 38, seat, z)], 4),
    shape(
      [P(x, seat - 4, z), P(x + s * 40, seat - 4, z), P(x + s * 40, seat, z), P(x, seat, z)],
      2,
      COLOURS.prop,
    ),
    shape(
      [P(x - 1, top - 16, z), P(x + 1, top - 16, z), P(x + 1, top, z), P(x - 1, top, z)],
      3,
      COLOURS.prop,
    ),
  ];
}

function bikeShapes(
  layout: PropLayout,
  frames: FrameGeometry[],
  camera: Camera,
  where: "behind" | "front",
): Shape[] {
  const bike = layout.bike!;
  const P = (x: number, y: number) => project([x, y, 0], camera);
  const { saddle, crank } = bike;
  const path = (
    pts: ScreenPoint[],
    stroke: string,
    width: number,
    fill = "none",
    closed = false,
  ): PathShape => ({
    kind: "path",
    d: [pathOf(pts, closed)],
    stroke,
    width,
    fill,
  });
  const crankArm = (limb: Limb, colour: string): PathShape => ({
    kind: "path",
    d: frames.map((f) => {
      const ball = f.skeleton[limb].ball;
      const dx = ball[0] - crank.x;
      const dy = ball[1] - crank.y;
      const k = CRANK_RADIUS / Math.max(Math.hypot(dx, dy), 1);
      return pathOf([P(crank.x, crank.y), P(crank.x + dx * k, crank.y + dy * k)]);
    }),
    stroke: colour,
    width: 3.5,
    fill: "none",
  });
  if (where === "front") return [crankArm("near", COLOURS.metal)];
  const { bars } = bike;
  const front = crank.x + 44;
  const wheel = { x: crank.x + 30, y: crank.y + 4 };
  return [
    // A stationary bike: feet on the floor, a post up to the saddle, a post up to the bars, the
    // flywheel in front of the pedals.
    path([P(crank.x - 38, 3), P(front + 8, 3)], COLOURS.metal, 5),
    path(
      [P(crank.x - 30, 3), P(crank.x, crank.y), P(saddle.x - 2, saddle.y - 4)],
      COLOURS.metal,
      5,
    ),
    path([P(front, 3), P(bars.x - 6, bars.y - 2)], COLOURS.metal, 5),
    path(
      [P(crank.x, crank.y), P(front - 0.3 * (front - bars.x), 3 + 0.3 * (bars.y - 3))],
      COLOURS.metal,
      4,
    ),
    {
      kind: "circle",
      centres: [P(wheel.x, wheel.y)],
      r: 17,
      fill: "#d6dbdf",
      stroke: COLOURS.metal,
      width: 3,
    },
    path([P(bars.x - 6, bars.y - 2), P(bars.x + 3, bars.y + 1)], "#2b3339", 5),
    path([P(saddle.x - 14, saddle.y - 2), P(saddle.x + 8, saddle.y - 2)], "#2b3339", 5),
    crankArm("far", "#8a959e"),
    {
      kind: "circle",
      centres: [P(crank.x, crank.y)],
      r: 5,
      fill: COLOURS.metal,
      stroke: COLOURS.metal,
      width: 0,
    },
  ];
}
