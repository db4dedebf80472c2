import type { ExerciseFigure, FigurePose } from "./types";

/**
 * The animation's timeline: start → … → end → back to start, looping. Most movements pause at
 * each pose and ease in and out of it, as a patient is told to move slowly and hold; pedalling
 * turns at an even speed. Between poses the joint angles (not the drawn points) are blended, and
 * several in-between frames are drawn so that limbs swing on arcs instead of shrinking.
 */

export interface Timeline {
  /** Seconds for one loop. */
  duration: number;
  frames: FigurePose[];
  /** When each frame is shown, 0 to 1 of the loop (first 0, last 1). */
  keyTimes: number[];
}

const HOLD_SECONDS = 0.5;
const MOVE_SECONDS = 1.3;
const STEPS_PER_MOVE = 8;
const CYCLE_SECONDS_PER_POSE = 0.8;
const STEPS_PER_CYCLE_MOVE = 4;

export function blendPoses(a: FigurePose, b: FigurePose, t: number): FigurePose {
  const angles: Record<string, number> = {};
  for (const joint of new Set([...Object.keys(a.angles), ...Object.keys(b.angles)])) {
    const from = a.angles[joint] ?? 0;
    const to = b.angles[joint] ?? 0;
    angles[joint] = from + (to - from) * t;
  }
  return {
    label: t < 0.5 ? a.label : b.label,
    pelvis: {
      x: a.pelvis.x + (b.pelvis.x - a.pelvis.x) * t,
      y: a.pelvis.y + (b.pelvis.y - a.pelvis.y) * t,
    },
    angles,
  };
}

const easeInOut = (t: number) => (1 - Math.cos(Math.PI * t)) / 2;

/** Pedalling is a cycle at an even pace; everything else pauses at each pose. */
export function isCycle(figure: ExerciseFigure): boolean {
  return figure.props.includes("bike");
}

export function timeline(figure: ExerciseFigure): Timeline {
  const poses = figure.poses;
  const cycle = isCycle(figure);
  const hold = cycle ? 0 : HOLD_SECONDS;
  const move = cycle ? CYCLE_SECONDS_PER_POSE : MOVE_SECONDS;
  const steps = cycle ? STEPS_PER_CYCLE_MOVE : STEPS_PER_MOVE;
  const ease = cycle ? (t: number) => t : easeInOut;

  const frames: FigurePose[] = [];
  const times: number[] = [];
  let clock = 0;
  poses.forEach((pose, index) => {
    const next = poses[(index + 1) % poses.length]!;
    frames.push(pose);
    times.push(clock);
    if (hold > 0) {
      clock += hold;
      frames.push(pose);
      times.push(clock);
    }
    for (let step = 1; step < steps; step++) {
      frames.push(blendPoses(pose, next, ease(step / steps)));
      times.push(clock + (move * step) / steps);
    }
    clock += move;
  });
  frames.push(poses[0]!);
  times.push(clock);
  return { duration: clock, frames, keyTimes: times.map((t) => t / clock) };
}
