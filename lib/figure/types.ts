/**
 * The exercise figure: a drawing we make ourselves from a small body model (issue 14). An
 * exercise's figure is data (stored as JSON on the exercise row, seeded for the shared library
 * from db/seed/figures.ts) and is rendered to SVG on the server.
 *
 * Contract between the model (lib/figure/*) and the rest of the app: `ExerciseFigure` and
 * `exerciseFigureSchema` (lib/figure/schema.ts) keep these names; the pose internals belong to
 * the model.
 */

/** Which way we look at the body: from its side (sagittal) or its front (frontal plane). */
export type FigureView = "side" | "front";

/** Joint angles in degrees, keyed by joint name (the model lists the joints and their limits). */
export type JointAngles = Record<string, number>;

export interface FigurePose {
  /** Short label, e.g. "start", "end", "hold". */
  label: string;
  /** Where the pelvis is, in scene units (the floor is y = 0, y grows upwards). */
  pelvis: { x: number; y: number };
  angles: JointAngles;
}

/** Things drawn with the body: the floor is always there. */
export type FigureProp =
  "chair" | "wall" | "bed" | "band" | "foam-roller" | "bike" | "step" | "towel";

export interface ExerciseFigure {
  version: 1;
  view: FigureView;
  props: FigureProp[];
  /** At least two; the animation loops start → … → end → start. */
  poses: FigurePose[];
  /** Which limbs do the work, highlighted when the exercise is done on one side. */
  working: "near" | "far" | "both" | "none";
}
