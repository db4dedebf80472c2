import type { ExerciseFigure } from "./types";

/** A ready-made movement a clinic can give its own exercise (issue 14). */
export interface FigurePreset {
  id: string;
  /** Position first, then the movement, so the list reads by starting position. */
  label: string;
  figure: ExerciseFigure;
}

/**
 * The movements a clinic chooses from for its own exercises. Data like db/seed/figures.ts: each
 * passes `figureProblems` (lib/figure/presets.test.ts) and was looked at drawn.
 */
export const figurePresets: FigurePreset[] = [
  {
    id: "lying-heel-slide",
    label: "Lying on the back: heel slide",
    figure: {
      version: 1,
      view: "side",
      props: ["bed"],
      working: "near",
      poses: [
        { label: "start", pelvis: { x: 0, y: 14 }, angles: { trunk: -90 } },
        {
          label: "end",
          pelvis: { x: 0, y: 14 },
          angles: { trunk: -90, nearHip: 49, nearKnee: 95 },
        },
      ],
    },
  },
  {
    id: "lying-bridge",
    label: "Lying on the back: bridge",
    figure: {
      version: 1,
      view: "side",
      props: ["bed"],
      working: "both",
      poses: [
        {
          label: "start",
          pelvis: { x: 0, y: 14 },
          angles: {
            trunk: -90,
            nearHip: 52,
            farHip: 52,
            nearKnee: 104,
            farKnee: 104,
            nearAnkle: -38,
            farAnkle: -38,
            nearShoulder: -5,
            farShoulder: -5,
          },
        },
        {
          label: "end",
          pelvis: { x: 0, y: 36 },
          angles: {
            trunk: -115,
            neck: 28,
            nearKnee: 96,
            farKnee: 96,
            nearAnkle: -19,
            farAnkle: -19,
            nearShoulder: -30,
            farShoulder: -30,
          },
        },
      ],
    },
  },
  {
    id: "lying-straight-leg-raise",
    label: "Lying on the back: straight leg raise",
    figure: {
      version: 1,
      view: "side",
      props: ["bed"],
      working: "near",
      poses: [
        {
          label: "start",
          pelvis: { x: 0, y: 14 },
          angles: { trunk: -90, nearAnkle: 10, farHip: 58, farKnee: 117, farAnkle: -32 },
        },
        {
          label: "end",
          pelvis: { x: 0, y: 14 },
          angles: {
            trunk: -90,
            nearHip: 35,
            nearAnkle: 10,
            farHip: 58,
            farKnee: 117,
            farAnkle: -32,
          },
        },
      ],
    },
  },
  {
    id: "sitting-knee-straighten",
    label: "Sitting: knee straighten",
    figure: {
      version: 1,
      view: "side",
      props: ["chair"],
      working: "near",
      poses: [
        {
          label: "start",
          pelvis: { x: 0, y: 55 },
          angles: {
            nearHip: 88,
            farHip: 87,
            nearKnee: 87,
            farKnee: 88,
            nearAnkle: -3,
            nearShoulder: 15,
            farShoulder: 15,
            nearElbow: 60,
            farElbow: 60,
            farAnkle: 1,
          },
        },
        {
          label: "end",
          pelvis: { x: 0, y: 55 },
          angles: {
            nearHip: 88,
            farHip: 87,
            farKnee: 88,
            nearAnkle: 10,
            nearShoulder: 15,
            farShoulder: 15,
            nearElbow: 60,
            farElbow: 60,
            farAnkle: 1,
          },
        },
      ],
    },
  },
  {
    id: "standing-mini-squat",
    label: "Standing: mini squat",
    figure: {
      version: 1,
      view: "side",
      props: [],
      working: "both",
      poses: [
        {
          label: "start",
          pelvis: { x: 0, y: 96 },
          angles: { nearHip: 1, farHip: 1, nearAnkle: -1, farAnkle: -1 },
        },
        {
          label: "end",
          pelvis: { x: 0, y: 88 },
          angles: {
            trunk: 20,
            nearHip: 46,
            farHip: 46,
            nearKnee: 50,
            farKnee: 50,
            nearShoulder: 70,
            farShoulder: 70,
            nearAnkle: 24,
            farAnkle: 24,
          },
        },
      ],
    },
  },
  {
    id: "standing-step-up",
    label: "Standing: step up",
    figure: {
      version: 1,
      view: "side",
      props: ["step"],
      working: "near",
      poses: [
        {
          label: "start",
          pelvis: { x: 0, y: 96 },
          angles: { nearHip: 54, nearKnee: 57, nearShoulder: 10, farShoulder: -10, nearAnkle: 3 },
        },
        {
          label: "end",
          pelvis: { x: 33, y: 114 },
          angles: { farHip: 25, farKnee: 50, farAnkle: -15, nearShoulder: -10, farShoulder: 10 },
        },
      ],
    },
  },
  {
    id: "standing-calf-raise",
    label: "Standing: calf raise",
    figure: {
      version: 1,
      view: "side",
      props: ["chair"],
      working: "both",
      poses: [
        {
          label: "start",
          pelvis: { x: 0, y: 96 },
          angles: { nearShoulder: 40, farShoulder: 40, nearElbow: 35, farElbow: 35 },
        },
        {
          label: "end",
          pelvis: { x: 0, y: 101.5 },
          angles: {
            nearAnkle: -35,
            farAnkle: -35,
            nearShoulder: 53,
            farShoulder: 53,
            nearElbow: 3,
            farElbow: 3,
          },
        },
      ],
    },
  },
  {
    id: "side-lying-leg-lift",
    label: "Lying on the side: leg lift",
    figure: {
      version: 1,
      view: "front",
      props: ["bed"],
      working: "near",
      poses: [
        {
          label: "start",
          pelvis: { x: 0, y: 22 },
          angles: {
            trunk: 90,
            farHip: 40,
            farKnee: 80,
            nearHipAbduction: -4,
            farShoulder: 170,
            farElbow: 20,
            nearShoulder: 28,
            farShoulderAbduction: -2,
            neck: -6,
            nearShoulderAbduction: -20,
            nearElbow: 96,
          },
        },
        {
          label: "end",
          pelvis: { x: 0, y: 22 },
          angles: {
            trunk: 90,
            farHip: 40,
            farKnee: 80,
            nearHipAbduction: 35,
            farShoulder: 170,
            farElbow: 20,
            nearShoulder: 28,
            farShoulderAbduction: -2,
            neck: -6,
            nearShoulderAbduction: -20,
            nearElbow: 96,
          },
        },
      ],
    },
  },
  {
    id: "hands-knees-leg-extension",
    label: "On hands and knees: leg extension",
    figure: {
      version: 1,
      view: "side",
      props: ["bed"],
      working: "near",
      poses: [
        {
          label: "start",
          pelvis: { x: 0, y: 54 },
          angles: {
            trunk: 71,
            nearHip: 71,
            farHip: 71,
            nearKnee: 91,
            farKnee: 91,
            nearAnkle: -50,
            farAnkle: -50,
            nearShoulder: 71,
            farShoulder: 70,
          },
        },
        {
          label: "end",
          pelvis: { x: 0, y: 54 },
          angles: {
            trunk: 71,
            farHip: 71,
            farKnee: 91,
            nearAnkle: -20,
            farAnkle: -50,
            nearShoulder: 71,
            farShoulder: 70,
          },
        },
      ],
    },
  },
  {
    id: "face-down-knee-bend",
    label: "Lying face down: knee bend",
    figure: {
      version: 1,
      view: "side",
      props: ["bed"],
      working: "near",
      poses: [
        {
          label: "start",
          pelvis: { x: 0, y: 14 },
          angles: {
            trunk: 90,
            neck: -32,
            nearAnkle: -40,
            farAnkle: -40,
            nearShoulder: 76,
            farShoulder: 76,
            nearShoulderAbduction: 80,
            farShoulderAbduction: 80,
            nearElbow: 141,
            farElbow: 141,
          },
        },
        {
          label: "end",
          pelvis: { x: 0, y: 14 },
          angles: {
            trunk: 90,
            neck: -32,
            nearKnee: 105,
            nearAnkle: -10,
            farAnkle: -40,
            nearShoulder: 76,
            farShoulder: 76,
            nearShoulderAbduction: 80,
            farShoulderAbduction: 80,
            nearElbow: 141,
            farElbow: 141,
          },
        },
      ],
    },
  },
  {
    id: "standing-knee-bend",
    label: "Standing: knee bend behind",
    figure: {
      version: 1,
      view: "side",
      props: ["chair"],
      working: "near",
      poses: [
        {
          label: "start",
          pelvis: { x: 0, y: 96 },
          angles: { nearShoulder: 45, farShoulder: 45, nearElbow: 30, farElbow: 30 },
        },
        {
          label: "end",
          pelvis: { x: 0, y: 96 },
          angles: {
            nearKnee: 90,
            nearAnkle: -10,
            nearShoulder: 45,
            farShoulder: 45,
            nearElbow: 30,
            farElbow: 30,
          },
        },
      ],
    },
  },
  {
    id: "standing-side-leg-raise",
    label: "Standing: side leg raise",
    figure: {
      version: 1,
      view: "front",
      props: ["chair"],
      working: "near",
      poses: [
        {
          label: "start",
          pelvis: { x: 0, y: 96 },
          angles: { farShoulderAbduction: 35, farElbow: 20 },
        },
        {
          label: "end",
          pelvis: { x: 0, y: 96 },
          angles: { nearHipAbduction: 30, farShoulderAbduction: 35, farElbow: 20 },
        },
      ],
    },
  },
];

/** The figure of a ready-made movement; throws for an id that is not one (a data error). */
export function presetFigure(id: string): ExerciseFigure {
  const preset = figurePresets.find((p) => p.id === id);
  if (!preset) throw new Error(`No ready-made movement "${id}".`);
  return preset.figure;
}
