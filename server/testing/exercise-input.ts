import type { ExerciseInput } from "@/lib/schemas/exercise-input";

/** A clinic's own exercise, complete and valid, for tests that create or edit one. */
export const STEP_UPS: ExerciseInput = {
  name: "Step-ups onto a low box",
  category: "strengthening",
  sidedness: "one_leg",
  bodyRegion: "knee",
  targetStructure: "Quadriceps and gluteal muscles",
  summary: "Stepping up onto a low, stable step to build strength for stairs.",
  steps: ["Stand facing a low step.", "Step up with the sore leg.", "Step down slowly."],
  whatToFeel: "Work in the front of your thigh and your buttock.",
  stopIf: "Your knee gives way or the pain goes above your limit.",
  cautions: ["Hold a rail if you feel unsteady."],
  conditions: ["runners_knee", "medial_knee_pain"],
  defaultSets: 2,
  defaultReps: 10,
  defaultHoldSeconds: null,
  defaultRestSeconds: 60,
  defaultDurationSeconds: null,
  defaultSessionsPerDay: 1,
  defaultDaysPerWeek: 4,
  figure: null,
};
