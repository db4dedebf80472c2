import { z } from "zod";
import { CONDITIONS, EXERCISE_CATEGORIES, SIDEDNESS } from "@/db/schema/enums";
import { TEMPLATE_LIMITS } from "@/server/domain/template-rules";
import { ZDoseOutput, ZId, ZPageInput } from "./schemas";

/**
 * Program template schemas, shared by the tRPC router and the admin form (so the form checks
 * exactly what the server checks). Only zod and the enum lists here: this file ships to the browser.
 */

export { TEMPLATE_LIMITS };

/** A whole number of at least `min` (and at most `max`), with one plain message per problem. */
function wholeNumber(label: string, min: number, max?: number) {
  const range = max === undefined ? `${min} or more` : `between ${min} and ${max}`;
  const message = `${label} must be a whole number ${range}.`;
  const base = z.number({ error: message }).int(message).min(min, message);
  return max === undefined ? base : base.max(max, message);
}

/** One exercise of a template with its dose: the same ranges as the database's CHECKs. */
export const ZTemplateItemDraft = z.object({
  exerciseId: z.string({ error: "Choose an exercise." }).min(1, "Choose an exercise.").max(64),
  sets: wholeNumber("Sets", 1).nullable(),
  reps: wholeNumber("Reps", 1).nullable(),
  holdSeconds: wholeNumber("Hold", 0).nullable(),
  restSeconds: wholeNumber("Rest", 0).nullable(),
  durationSeconds: wholeNumber("Duration", 1).nullable(),
  sessionsPerDay: wholeNumber("Sessions per day", 1, 10),
  daysPerWeek: wholeNumber("Days per week", 1, 7),
  notes: z
    .string()
    .trim()
    .max(TEMPLATE_LIMITS.notes, `Keep the note to ${TEMPLATE_LIMITS.notes} characters or fewer.`)
    .nullable()
    .transform((v) => v || null),
});

export const ZTemplateDraft = z.object({
  name: z
    .string({ error: "Give the template a name." })
    .trim()
    .min(1, "Give the template a name.")
    .max(TEMPLATE_LIMITS.name, `Keep the name to ${TEMPLATE_LIMITS.name} characters or fewer.`),
  condition: z.enum(CONDITIONS, { error: "Choose the condition this template is for." }),
  description: z
    .string()
    .trim()
    .max(
      TEMPLATE_LIMITS.description,
      `Keep the description to ${TEMPLATE_LIMITS.description} characters or fewer.`,
    ),
  items: z
    .array(ZTemplateItemDraft)
    .min(1, "Add at least one exercise.")
    .max(TEMPLATE_LIMITS.items, `A template can hold ${TEMPLATE_LIMITS.items} exercises at most.`),
});
export type TemplateDraftInput = z.input<typeof ZTemplateDraft>;

export const ZCreateTemplateInput = ZTemplateDraft;
export const ZUpdateTemplateInput = ZTemplateDraft.extend({ templateId: ZId });
export const ZTemplateIdInput = z.object({ templateId: ZId });
export const ZTemplateSavedOutput = z.object({ id: z.string() });
/** The template's archive state after the change: null once it is back in the lists. */
export const ZTemplateArchivedOutput = z.object({
  id: z.string(),
  archivedAt: z.date().nullable(),
});

export const ZListTemplatesInput = z.object({
  ...ZPageInput,
  filters: z
    .object({
      condition: z.enum(CONDITIONS).optional(),
      includeArchived: z.boolean().default(false),
    })
    .default({ includeArchived: false }),
});

export const ZListTemplatesOutput = z.object({
  rows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      condition: z.enum(CONDITIONS),
      description: z.string(),
      shared: z.boolean(),
      archived: z.boolean(),
      itemCount: z.number(),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const ZGetTemplateOutput = z.object({
  id: z.string(),
  name: z.string(),
  condition: z.enum(CONDITIONS),
  description: z.string(),
  shared: z.boolean(),
  archived: z.boolean(),
  archivedAt: z.date().nullable(),
  createdAt: z.date(),
  items: z.array(
    z.object({
      id: z.string(),
      position: z.number(),
      exerciseId: z.string(),
      exerciseName: z.string(),
      exerciseArchived: z.boolean(),
      ...ZDoseOutput,
      notes: z.string().nullable(),
      doseText: z.string(),
    }),
  ),
});

/** What the program builder prefills from: every dose column, no display text. */
export const ZTemplateForProgramOutput = z.object({
  id: z.string(),
  name: z.string(),
  condition: z.enum(CONDITIONS),
  archived: z.boolean(),
  items: z.array(
    z.object({
      position: z.number(),
      exerciseId: z.string(),
      exerciseName: z.string(),
      exerciseArchived: z.boolean(),
      exerciseSidedness: z.enum(SIDEDNESS),
      ...ZDoseOutput,
      notes: z.string().nullable(),
    }),
  ),
});

export const ZExerciseOptionsOutput = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    category: z.enum(EXERCISE_CATEGORIES),
    shared: z.boolean(),
    defaults: z.object(ZDoseOutput),
  }),
);
