import { presetFigure } from "../../lib/figure/presets";
import type { ExerciseFigure } from "../../lib/figure/types";

/**
 * Each shared exercise's figure, by slug (issue 14): the poses its drawing moves between. Data
 * reviewed like code: lib/figure/check.ts must find no problem in any of them
 * (db/seed/figures.test.ts), and each was looked at drawn, at phone size and printed. Where a
 * shared exercise is one of the ready-made movements a clinic can choose, it is drawn by that
 * movement, so the two never drift apart.
 */
export const seedFigures: Partial<Record<string, ExerciseFigure>> = {
  // Chin down with the toes pulled up, then head up with the toes pointed; the knee stays straight.
  "sciatic-nerve-glide-seated": {
    version: 1,
    view: "side",
    props: ["chair"],
    working: "near",
    poses: [
      {
        label: "start",
        pelvis: { x: 0, y: 55 },
        angles: {
          trunk: -8,
          neck: 35,
          nearHip: 88,
          nearAnkle: 20,
          farHip: 79,
          farKnee: 87,
          nearShoulder: -42,
          farShoulder: -42,
          nearElbow: 37,
          farElbow: 37,
        },
      },
      {
        label: "end",
        pelvis: { x: 0, y: 55 },
        angles: {
          trunk: -8,
          neck: -20,
          nearHip: 88,
          nearAnkle: -35,
          farHip: 79,
          farKnee: 87,
          nearShoulder: -42,
          farShoulder: -42,
          nearElbow: 37,
          farElbow: 37,
        },
      },
    ],
  },
  // Face down; the knee bends only to the first light tension.
  "femoral-nerve-glide-prone": {
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
          nearKnee: 80,
          nearAnkle: -30,
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
  // The heel rests on the floor with the knee straight; the toes point down and back up.
  "peroneal-nerve-glide-seated": {
    version: 1,
    view: "side",
    props: ["chair"],
    working: "near",
    poses: [
      {
        label: "start",
        pelvis: { x: 0, y: 55 },
        angles: {
          nearHip: 59,
          farHip: 87,
          farKnee: 88,
          nearShoulder: 20,
          farShoulder: 20,
          nearElbow: 30,
          farElbow: 30,
          farAnkle: 1,
        },
      },
      {
        label: "end",
        pelvis: { x: 0, y: 55 },
        angles: {
          nearHip: 59,
          nearAnkle: -40,
          farHip: 87,
          farKnee: 88,
          nearShoulder: 20,
          farShoulder: 20,
          nearElbow: 30,
          farElbow: 30,
          farAnkle: 1,
        },
      },
    ],
  },
  // Seen from the front: the leg rolls out, the toes come up and the upper body leans the other way.
  "saphenous-nerve-glide": {
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
        angles: {
          waist: 15,
          nearHipRotation: 45,
          nearAnkle: 25,
          farShoulderAbduction: 58,
          farElbow: 65,
          farShoulder: -35,
        },
      },
    ],
  },
  // On the back with a towel round the foot; the straight leg is raised to a gentle stretch.
  "hamstring-stretch": {
    version: 1,
    view: "side",
    props: ["bed", "towel"],
    working: "near",
    poses: [
      {
        label: "start",
        pelvis: { x: 0, y: 14 },
        angles: { trunk: -90, nearElbow: 106, farElbow: 106 },
      },
      {
        label: "end",
        pelvis: { x: 0, y: 14 },
        angles: {
          trunk: -90,
          nearHip: 70,
          nearKnee: 10,
          nearShoulder: -4,
          farShoulder: -4,
          nearElbow: 95,
          farElbow: 95,
        },
      },
    ],
  },
  // One hand on the chair; the other brings the heel toward the bottom, knees side by side.
  "quadriceps-stretch-standing": {
    version: 1,
    view: "side",
    props: ["chair"],
    working: "near",
    poses: [
      { label: "start", pelvis: { x: 0, y: 96 }, angles: { farShoulder: 50, farElbow: 15 } },
      {
        label: "end",
        pelvis: { x: 0, y: 96 },
        angles: {
          nearHip: -8,
          nearKnee: 130,
          nearAnkle: -30,
          farShoulder: 50,
          farElbow: 15,
          nearShoulder: -29,
        },
      },
    ],
  },
  // Back knee straight, then bent a little with the heel still down.
  "calf-soleus-stretch-wall": {
    version: 1,
    view: "side",
    props: ["wall"],
    working: "near",
    poses: [
      {
        label: "start",
        pelvis: { x: 0, y: 83.5 },
        angles: {
          trunk: 18,
          nearHip: -15,
          farHip: 61,
          farKnee: 39,
          nearShoulder: 78,
          farShoulder: 78,
          nearElbow: 24,
          farElbow: 30,
          nearAnkle: 29,
          farAnkle: -5,
        },
      },
      {
        label: "end",
        pelvis: { x: 0, y: 82.5 },
        angles: {
          trunk: 17,
          nearHip: -2,
          nearKnee: 25,
          farHip: 63,
          farKnee: 41,
          nearShoulder: 81,
          farShoulder: 80,
          nearElbow: 18,
          farElbow: 25,
          nearAnkle: 30,
          farAnkle: -4,
        },
      },
    ],
  },
  // Half kneeling on a cushion; the weight moves forward, the upper body stays upright.
  "hip-flexor-stretch-kneeling": {
    version: 1,
    view: "side",
    props: ["bed"],
    working: "near",
    poses: [
      {
        label: "start",
        pelvis: { x: 0, y: 52 },
        angles: { nearHip: -11, nearKnee: 84, nearAnkle: -40, farHip: 97, farKnee: 97 },
      },
      {
        label: "end",
        pelvis: { x: 20, y: 46.5 },
        angles: {
          nearHip: -30,
          nearKnee: 65,
          nearAnkle: -40,
          farHip: 97,
          farKnee: 125,
          farAnkle: 27,
        },
      },
    ],
  },
  // Sitting on the floor, one foot against the other thigh; leaning forward from the hips.
  "adductor-stretch-seated": {
    version: 1,
    view: "side",
    props: [],
    working: "near",
    poses: [
      {
        label: "start",
        pelvis: { x: 0, y: 10 },
        angles: {
          trunk: -5,
          farHip: 84,
          nearHip: 103,
          nearHipAbduction: 70,
          nearHipRotation: 60,
          nearKnee: 137,
          nearShoulder: 50,
          farShoulder: 50,
          nearAnkle: -2,
        },
      },
      {
        label: "end",
        pelvis: { x: 0, y: 10 },
        angles: {
          trunk: 25,
          farHip: 114,
          nearHip: 133,
          nearHipAbduction: 70,
          nearHipRotation: 60,
          nearKnee: 137,
          nearShoulder: 84,
          farShoulder: 84,
          nearAnkle: -2,
        },
      },
    ],
  },
  // The foot slides down the wall so the knee bends further, then back up.
  "wall-slides": {
    version: 1,
    view: "side",
    props: ["bed", "wall"],
    working: "near",
    poses: [
      {
        label: "start",
        pelvis: { x: 0, y: 14 },
        angles: {
          trunk: -90,
          nearHip: 51,
          nearAnkle: -26,
          farHip: 62,
          farKnee: 125,
          farAnkle: -28,
        },
      },
      {
        label: "end",
        pelvis: { x: 0, y: 14 },
        angles: {
          trunk: -90,
          nearHip: 69,
          nearKnee: 61,
          nearAnkle: -8,
          farHip: 62,
          farKnee: 125,
          farAnkle: -28,
        },
      },
    ],
  },
  // Holding a chair, a small bend of both knees and back up.
  "controlled-knee-bends": {
    version: 1,
    view: "side",
    props: ["chair"],
    working: "both",
    poses: [
      {
        label: "start",
        pelvis: { x: 0, y: 96 },
        angles: {
          nearHip: 1,
          farHip: 1,
          nearShoulder: 45,
          farShoulder: 45,
          nearElbow: 30,
          farElbow: 30,
          nearAnkle: -1,
          farAnkle: -1,
        },
      },
      {
        label: "end",
        pelvis: { x: 0, y: 89.5 },
        angles: {
          trunk: 15,
          nearHip: 38,
          farHip: 38,
          nearKnee: 45,
          farKnee: 45,
          nearShoulder: 29,
          farShoulder: 29,
          nearElbow: 90,
          farElbow: 90,
          nearAnkle: 22,
          farAnkle: 22,
        },
      },
    ],
  },
  // Seen from the front: on the side, propped on the forearm, the top foot on the floor in front; the body rolls over the roller from the hip to above the knee.
  "foam-roller-it-band": {
    version: 1,
    view: "front",
    props: ["foam-roller"],
    working: "far",
    poses: [
      {
        label: "start",
        pelvis: { x: 14, y: 36.5 },
        angles: {
          trunk: 75,
          farShoulderAbduction: 75,
          farElbow: 90,
          farHipAbduction: -1,
          nearHip: 82,
          nearKnee: 96,
          nearHipAbduction: 12,
          nearShoulder: 5,
          nearElbow: 10,
          nearHipRotation: 60,
          nearAnkle: -4,
        },
      },
      {
        label: "end",
        pelvis: { x: 34, y: 41.5 },
        angles: {
          trunk: 80,
          farShoulderAbduction: 80,
          farElbow: 90,
          farHipAbduction: 5,
          nearHip: 84,
          nearKnee: 90,
          nearHipAbduction: 2,
          nearShoulder: 5,
          nearElbow: 10,
          nearHipRotation: 60,
          nearAnkle: -1,
        },
      },
    ],
  },
  // Lying with a rolled towel under the knee; the thigh tightens and presses the knee down.
  "quadriceps-sets": {
    version: 1,
    view: "side",
    props: ["bed", "towel"],
    working: "near",
    poses: [
      {
        label: "start",
        pelvis: { x: 0, y: 14 },
        angles: { trunk: -90, nearHip: 10, nearKnee: 15 },
      },
      { label: "end", pelvis: { x: 0, y: 14 }, angles: { trunk: -90, nearHip: 10, nearAnkle: 15 } },
    ],
  },
  // The other knee bent; the straight leg lifts to the height of the bent knee.
  "straight-leg-raise": presetFigure("lying-straight-leg-raise"),
  // The band pulls the knee forward; the thigh straightens it fully against the band.
  "terminal-knee-extension-band": {
    version: 1,
    view: "side",
    props: ["band"],
    working: "near",
    poses: [
      {
        label: "start",
        pelvis: { x: 0, y: 92.5 },
        angles: { nearHip: 23, nearKnee: 28, farAnkle: 18, farKnee: 33, nearAnkle: 5, farHip: 14 },
      },
      {
        label: "end",
        pelvis: { x: 0, y: 95 },
        angles: { nearHip: 9, nearAnkle: -8, farAnkle: 10, farKnee: 16, farHip: 6 },
      },
    ],
  },
  // The hips lift until shoulders, hips and knees make a straight line.
  "glute-bridge": presetFigure("lying-bridge"),
  // Seen from the front: lying on the side, feet together, the top knee opens.
  clamshell: {
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
          nearHip: 45,
          farHip: 45,
          nearKnee: 90,
          farKnee: 90,
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
          nearHip: 39,
          farHip: 45,
          nearKnee: 87,
          farKnee: 90,
          farShoulder: 170,
          farElbow: 20,
          nearShoulder: 28,
          farShoulderAbduction: -2,
          neck: -6,
          nearShoulderAbduction: -20,
          nearElbow: 96,
          nearHipAbduction: 39,
          nearHipRotation: 56,
        },
      },
    ],
  },
  // Holding a chair, up onto the balls of both feet and slowly down.
  "calf-raises": presetFigure("standing-calf-raise"),
  // Seen from the front, sitting: a folded pillow (or soft ball) squeezed between the knees.
  "adductor-squeeze": {
    version: 1,
    view: "front",
    props: ["chair", "towel"],
    working: "both",
    poses: [
      {
        label: "start",
        pelvis: { x: 0, y: 55 },
        angles: {
          nearHip: 90,
          farHip: 90,
          nearKnee: 90,
          farKnee: 90,
          nearHipAbduction: 8,
          farHipAbduction: 8,
          nearShoulder: 30,
          farShoulder: 30,
          nearElbow: 50,
          farElbow: 50,
          nearAnkle: -4,
          farAnkle: -4,
        },
      },
      {
        label: "end",
        pelvis: { x: 0, y: 55 },
        angles: {
          nearHip: 90,
          farHip: 90,
          nearKnee: 90,
          farKnee: 90,
          nearHipAbduction: 2,
          farHipAbduction: 2,
          nearShoulder: 30,
          farShoulder: 30,
          nearElbow: 50,
          farElbow: 50,
          nearAnkle: -4,
          farAnkle: -4,
        },
      },
    ],
  },
  // On hands and knees, one leg straightens out behind, level with the body.
  "kneeling-leg-extension": presetFigure("hands-knees-leg-extension"),
  // Back against the wall, feet a step out; a shallow slide down and back up.
  "wall-squat": {
    version: 1,
    view: "side",
    props: ["wall"],
    working: "both",
    poses: [
      {
        label: "start",
        pelvis: { x: 0, y: 90 },
        angles: { nearHip: 30, farHip: 30, nearKnee: 22, farKnee: 22, nearAnkle: -8, farAnkle: -8 },
      },
      {
        label: "end",
        pelvis: { x: 0, y: 66 },
        angles: { nearHip: 69, farHip: 69, nearKnee: 87, farKnee: 87, nearAnkle: 18, farAnkle: 18 },
      },
    ],
  },
  // Face down, the heel comes up toward the bottom and slowly down.
  "hamstring-curl": presetFigure("face-down-knee-bend"),
  // Seen from the front: lying on the side, bottom knee bent, the straight top leg lifts.
  "lateral-leg-raise": presetFigure("side-lying-leg-lift"),
  // Sitting on an exercise bike, pedalling round at an even pace.
  "stationary-cycling-gentle": {
    version: 1,
    view: "side",
    props: ["bike"],
    working: "both",
    poses: [
      {
        label: "start",
        pelvis: { x: 0, y: 108 },
        angles: {
          trunk: 28,
          nearHip: 110,
          farHip: 61,
          nearKnee: 116,
          farKnee: 47,
          nearShoulder: 70,
          farShoulder: 70,
          nearElbow: 20,
          farElbow: 20,
          nearAnkle: -10,
          farAnkle: -10,
        },
      },
      {
        label: "quarter",
        pelvis: { x: 0, y: 108 },
        angles: {
          trunk: 28,
          nearHip: 92,
          farHip: 79,
          nearKnee: 75,
          farKnee: 95,
          nearShoulder: 70,
          farShoulder: 70,
          nearElbow: 20,
          farElbow: 20,
          nearAnkle: -10,
          farAnkle: -10,
        },
      },
      {
        label: "end",
        pelvis: { x: 0, y: 108 },
        angles: {
          trunk: 28,
          nearHip: 61,
          farHip: 110,
          nearKnee: 47,
          farKnee: 116,
          nearShoulder: 70,
          farShoulder: 70,
          nearElbow: 20,
          farElbow: 20,
          nearAnkle: -10,
          farAnkle: -10,
        },
      },
      {
        label: "three-quarter",
        pelvis: { x: 0, y: 108 },
        angles: {
          trunk: 28,
          nearHip: 79,
          farHip: 92,
          nearKnee: 95,
          farKnee: 75,
          nearShoulder: 70,
          farShoulder: 70,
          nearElbow: 20,
          farElbow: 20,
          nearAnkle: -10,
          farAnkle: -10,
        },
      },
    ],
  },
};
