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

/**
 * Joint angles in degrees, keyed by joint name: `trunk`, `waist`, `neck` (turning in the picture's
 * plane, positive clockwise as drawn) and, for each of `near`/`far`, `Hip`, `HipAbduction`,
 * `HipRotation`, `Knee`, `Ankle`, `Shoulder`, `ShoulderAbduction`, `Elbow` (e.g. `nearKnee`).
 * A joint left out is at 0: standing upright, arms hanging, feet flat. Limits and meanings are in
 * lib/figure/body.ts.
 */
export type JointAngles = Record<string, number>;

export interface FigurePose {
  /** Short label, e.g. "start", "end", "hold"; "end" is the pose printed as the end. */
  label: string;
  /**
   * Where the pelvis (the hip joints' centre) is, in scene units of about a centimetre: the
   * floor is y = 0, y grows upwards; standing, the pelvis is at y = 96.
   */
  pelvis: { x: number; y: number };
  angles: JointAngles;
}

/**
 * Things drawn with the body: the floor is always there. The model places each from the body in
 * the first pose (lib/figure/props.ts): a chair under a sitting pelvis or at the hand that holds
 * it, a wall at the back, hands or soles that touch it, a bed as a mat under the body, ...
 */
export type FigureProp =
  "chair" | "wall" | "bed" | "band" | "foam-roller" | "bike" | "step" | "towel";

export interface ExerciseFigure {
  version: 1;
  view: FigureView;
  props: FigureProp[];
  /** At least two; the animation loops start → … → end → start. */
  poses: FigurePose[];
  /**
   * Which limbs do the work, highlighted when the exercise is done on one side. Near is the
   * figure's right side as drawn; the drawing is mirrored when the prescription names the left.
   */
  working: "near" | "far" | "both" | "none";
}
