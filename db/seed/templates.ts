import type { SeedTemplate } from "./library-types";

/**
 * Starting programs a clinician can copy and adjust. Every exerciseSlug refers to ./exercises.ts.
 * Doses follow the sources' usual ranges at their gentle end (start low, build slowly). Item notes
 * reach the patient as "From your clinician", so they never ask for more or less, and a note that
 * names sides ("Each leg.") only goes on an exercise whose sidedness starts it on both legs
 * (library-content.test.ts checks both).
 */
export const seedTemplates: SeedTemplate[] = [
  {
    slug: "knee-nerve-pain",
    name: "Knee nerve pain",
    condition: "knee_nerve_pain",
    description:
      "Gentle nerve glides to help the nerve move freely, one easy stretch, and simple strength work for your thigh, hips and calves. Start easy and build up slowly.",
    items: [
      {
        exerciseSlug: "sciatic-nerve-glide-seated",
        dosage: { sets: 1, reps: 10, sessionsPerDay: 2, daysPerWeek: 7 },
        notes: "Your clinician may swap this for the glide that fits the nerve involved.",
      },
      {
        exerciseSlug: "saphenous-nerve-glide",
        dosage: { sets: 1, reps: 10, sessionsPerDay: 2, daysPerWeek: 7 },
      },
      {
        exerciseSlug: "hamstring-stretch",
        dosage: { sets: 1, reps: 3, holdSeconds: 30, sessionsPerDay: 1, daysPerWeek: 7 },
      },
      {
        exerciseSlug: "quadriceps-sets",
        dosage: { sets: 2, reps: 10, holdSeconds: 5, sessionsPerDay: 1, daysPerWeek: 7 },
      },
      {
        exerciseSlug: "glute-bridge",
        dosage: { sets: 2, reps: 10, sessionsPerDay: 1, daysPerWeek: 3 },
      },
      {
        exerciseSlug: "calf-raises",
        dosage: { sets: 2, reps: 10, sessionsPerDay: 1, daysPerWeek: 3 },
      },
    ],
  },
  {
    slug: "medial-knee-pain",
    name: "Pain on the inside of the knee",
    condition: "medial_knee_pain",
    description:
      "Stretches and easy movement to ease stiffness on the inside of your knee, plus strength work for your inner thigh and front of thigh. Stay in a range that does not hurt.",
    items: [
      {
        exerciseSlug: "adductor-stretch-seated",
        dosage: { sets: 1, reps: 2, holdSeconds: 30, sessionsPerDay: 1, daysPerWeek: 7 },
        notes: "Do both sides.",
      },
      {
        exerciseSlug: "wall-slides",
        dosage: { sets: 1, reps: 10, sessionsPerDay: 1, daysPerWeek: 7 },
      },
      {
        exerciseSlug: "controlled-knee-bends",
        dosage: { sets: 1, reps: 10, sessionsPerDay: 1, daysPerWeek: 7 },
      },
      {
        exerciseSlug: "adductor-squeeze",
        dosage: { sets: 2, reps: 10, sessionsPerDay: 1, daysPerWeek: 4 },
      },
      {
        exerciseSlug: "kneeling-leg-extension",
        dosage: { sets: 2, reps: 10, sessionsPerDay: 1, daysPerWeek: 4 },
        notes: "Each leg.",
      },
      {
        exerciseSlug: "stationary-cycling-gentle",
        dosage: { durationSeconds: 600, sessionsPerDay: 1, daysPerWeek: 5 },
      },
    ],
  },
  {
    slug: "runners-knee",
    name: "Runner's knee (pain around the kneecap)",
    condition: "runners_knee",
    description:
      "Loosen the outer thigh and the back of the thigh, then strengthen your thigh and hip muscles so your kneecap moves more smoothly. Pause running if it makes your knee worse.",
    items: [
      {
        exerciseSlug: "foam-roller-it-band",
        dosage: { durationSeconds: 90, sessionsPerDay: 1, daysPerWeek: 5 },
        notes: "Each leg.",
      },
      {
        exerciseSlug: "hamstring-stretch",
        dosage: { sets: 1, reps: 3, holdSeconds: 30, sessionsPerDay: 1, daysPerWeek: 7 },
        notes: "Each leg.",
      },
      {
        exerciseSlug: "quadriceps-sets",
        dosage: { sets: 3, reps: 10, holdSeconds: 5, sessionsPerDay: 1, daysPerWeek: 7 },
      },
      {
        exerciseSlug: "clamshell",
        dosage: { sets: 3, reps: 10, sessionsPerDay: 1, daysPerWeek: 4 },
        notes: "Each side.",
      },
      {
        exerciseSlug: "terminal-knee-extension-band",
        dosage: { sets: 2, reps: 12, sessionsPerDay: 1, daysPerWeek: 4 },
      },
    ],
  },
  {
    slug: "sciatica-knee-pain",
    name: "Knee pain from sciatica",
    condition: "sciatica_knee_pain",
    description:
      "When your knee pain comes from a nerve in your back, gentle glides help the nerve move, and hip and leg strength work helps your knee move well again.",
    items: [
      {
        exerciseSlug: "sciatic-nerve-glide-seated",
        dosage: { sets: 1, reps: 10, sessionsPerDay: 2, daysPerWeek: 7 },
      },
      {
        exerciseSlug: "peroneal-nerve-glide-seated",
        dosage: { sets: 1, reps: 10, sessionsPerDay: 2, daysPerWeek: 7 },
        notes: "Mainly for pain on the outside of the knee.",
      },
      {
        exerciseSlug: "glute-bridge",
        dosage: { sets: 2, reps: 10, sessionsPerDay: 1, daysPerWeek: 4 },
      },
      {
        exerciseSlug: "clamshell",
        dosage: { sets: 2, reps: 10, sessionsPerDay: 1, daysPerWeek: 4 },
        notes: "Each side.",
      },
      {
        exerciseSlug: "hamstring-curl",
        dosage: { sets: 2, reps: 10, sessionsPerDay: 1, daysPerWeek: 4 },
      },
      {
        exerciseSlug: "calf-raises",
        dosage: { sets: 2, reps: 12, sessionsPerDay: 1, daysPerWeek: 4 },
      },
    ],
  },
];
