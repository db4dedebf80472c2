import { z } from "zod";
import { BODY_REGIONS, CONDITIONS, EXERCISE_CATEGORIES, SIDEDNESS } from "@/db/schema/enums";
import { figureProblems } from "@/lib/figure/check";
import { exerciseFigureSchema } from "@/lib/figure/schema";
import type { ExerciseFigure } from "@/lib/figure/types";

const text = (label: string, max: number) =>
  z.string().trim().min(1, `Enter ${label}.`).max(max, `Keep ${label} under ${max} characters.`);

const optionalCount = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} can be at most ${max}.`)
    .nullable();

export const FIGURE_NOT_CHOSEN = "Choose one of the ready-made movements, or choose “No drawing”.";
export const FIGURE_UNREADABLE =
  "This drawing cannot be shown. Choose the movement again under “Illustration”, or choose “No drawing”.";

/**
 * The exercise's drawn movement, or null for none. Checked by the figure model's schema and then
 * by its rules (a limb through the floor, a knee bent the wrong way), each refusal one sentence
 * under "Illustration": the admin picks movements, never edits joints, so a schema failure (a stale
 * or tampered form) only asks them to choose again, while the model's own words say what to fix.
 * Undefined is a "Drawn figure" choice with no movement picked yet.
 */
export const ZExerciseFigureInput = z.custom<ExerciseFigure | null>().transform((value, ctx) => {
  if (value === null) return null;
  if (value === undefined) {
    ctx.addIssue({ code: "custom", message: FIGURE_NOT_CHOSEN });
    return z.NEVER;
  }
  const parsed = exerciseFigureSchema.safeParse(value);
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: FIGURE_UNREADABLE });
    return z.NEVER;
  }
  const problems = figureProblems(parsed.data);
  if (problems.length > 0) {
    ctx.addIssue({
      code: "custom",
      message: `This drawing needs changing before it can be saved: ${problems.join(" ")}`,
    });
    return z.NEVER;
  }
  return parsed.data;
});

/** What an admin types for an exercise; the same rules run in the form and on the server. */
export const ZExerciseInput = z.object({
  name: text("a name", 120),
  category: z.enum(EXERCISE_CATEGORIES, { error: "Choose a category." }),
  /** How the exercise is done; a program item's default side follows it. */
  sidedness: z.enum(SIDEDNESS, {
    error: "Choose how it is done: both legs together, each leg in turn, or one leg.",
  }),
  bodyRegion: z.enum(BODY_REGIONS, { error: "Choose a body region." }),
  targetStructure: text("the target (nerve or muscle group)", 120),
  summary: text("a one-line summary", 240),
  steps: z
    .array(z.string().trim().min(1).max(300, "Keep each step under 300 characters."))
    .min(1, "Add at least one step.")
    .max(12, "Twelve steps at most: split the exercise if it needs more."),
  whatToFeel: text("what the patient should feel", 400),
  stopIf: text("when to stop", 400),
  cautions: z.array(z.string().trim().min(1).max(300)).max(8, "Eight cautions at most."),
  conditions: z.array(z.enum(CONDITIONS)).max(CONDITIONS.length),
  defaultSets: optionalCount("Sets", 1, 20),
  defaultReps: optionalCount("Reps", 1, 200),
  defaultHoldSeconds: optionalCount("Hold", 0, 600),
  defaultRestSeconds: optionalCount("Rest", 0, 600),
  defaultDurationSeconds: optionalCount("Duration", 1, 7200),
  defaultSessionsPerDay: z
    .number({ error: "Sessions per day must be a whole number." })
    .int()
    .min(1, "At least one session a day.")
    .max(10, "Ten sessions a day at most."),
  defaultDaysPerWeek: z
    .number({ error: "Days per week must be a whole number." })
    .int()
    .min(1, "At least one day a week.")
    .max(7, "Seven days a week at most."),
  figure: ZExerciseFigureInput,
});

export type ExerciseInput = z.infer<typeof ZExerciseInput>;
