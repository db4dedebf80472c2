import type { Vec3 } from "./kinematics";
import type { FigureView } from "./types";

/**
 * From the scene to the picture. A side view looks straight along z. A front view looks from a
 * little above and a little to one side (three-quarters), so that a thigh pointing at the viewer
 * (sitting, or lying on the side with the knees bent) still shows as a line going forward
 * instead of vanishing into a dot.
 */
export const FRONT_CAMERA = { elevation: 15, turn: -28 } as const;

const rad = (degrees: number) => (degrees * Math.PI) / 180;
const cosE = Math.cos(rad(FRONT_CAMERA.elevation));
const sinE = Math.sin(rad(FRONT_CAMERA.elevation));
const cosT = Math.cos(rad(FRONT_CAMERA.turn));
const sinT = Math.sin(rad(FRONT_CAMERA.turn));

export interface Camera {
  view: FigureView;
  /**
   * Draw the figure as in a mirror: facing the other way, with the same limb in front. A figure
   * working its right leg, mirrored, is the same exercise done with the left leg.
   */
  mirror: boolean;
}

/** A point in the picture: x to the right, y down (SVG), and depth (larger is nearer the eye). */
export interface ScreenPoint {
  x: number;
  y: number;
  depth: number;
}

export function project(point: Vec3, camera: Camera): ScreenPoint {
  const [x, y, z] = point;
  if (camera.view === "side") return { x: camera.mirror ? -x : x, y: -y, depth: z };
  const across = x * cosT + z * sinT;
  const toward = -x * sinT + z * cosT;
  return {
    x: camera.mirror ? -across : across,
    y: -(y * cosE - toward * sinE),
    depth: y * sinE + toward * cosE,
  };
}
