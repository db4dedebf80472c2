import type { BandColour, DoseSide, Sidedness } from "../schema/enums";

/**
 * Shapes of the seeded exercise library and program templates. The data files beside this one are
 * reviewed like code; the seed step loads them idempotently by slug.
 */

export const EXERCISE_CATEGORIES = [
  "neural_glide",
  "mobility_stretch",
  "strengthening",
  "soft_tissue",
  "cardio",
] as const;
export type ExerciseCategory = (typeof EXERCISE_CATEGORIES)[number];

export const CONDITIONS = [
  "knee_nerve_pain",
  "medial_knee_pain",
  "runners_knee",
  "sciatica_knee_pain",
] as const;
export type Condition = (typeof CONDITIONS)[number];

export const BODY_REGIONS = [
  "knee",
  "hip",
  "thigh",
  "lower_leg",
  "whole_leg",
  "lower_back",
] as const;
export type BodyRegion = (typeof BODY_REGIONS)[number];

/** Default dose of one exercise; every field optional except where the exercise needs it. */
export interface SeedDosage {
  sets?: number;
  reps?: number;
  holdSeconds?: number;
  restSeconds?: number;
  durationSeconds?: number;
  sessionsPerDay: number;
  daysPerWeek: number;
}

export interface SeedExercise {
  /** Stable identifier, kebab-case, never changed once released. */
  slug: string;
  name: string;
  category: ExerciseCategory;
  /**
   * How it is done (CLINICAL.md, "Sidedness"): both legs at once, each leg in turn, or the affected
   * leg only. The steps describe one leg and never say "switch sides": the side line says that.
   */
  sidedness: Sidedness;
  bodyRegion: BodyRegion;
  /** The nerve or muscle group the exercise works on. */
  targetStructure: string;
  /** One plain sentence for a patient. */
  summary: string;
  /** Numbered steps, each one short plain sentence (the numbers are added on screen). */
  steps: string[];
  /** What the patient should feel while doing it. */
  whatToFeel: string;
  /** When to stop. */
  stopIf: string;
  cautions: string[];
  dosage: SeedDosage;
  conditions: Condition[];
}

export interface SeedTemplateItem {
  exerciseSlug: string;
  dosage: SeedDosage;
  /** Left out: the affected leg for a one-leg exercise, both legs for the others. */
  side?: DoseSide;
  loadKg?: number;
  bandColour?: BandColour;
  notes?: string;
}

export interface SeedTemplate {
  slug: string;
  name: string;
  condition: Condition;
  description: string;
  items: SeedTemplateItem[];
}
