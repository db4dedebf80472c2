import { z } from "zod";
import {
  BAND_COLOURS,
  CONDITIONS,
  DOSE_SIDES,
  EXERCISE_CATEGORIES,
  SIDEDNESS,
} from "@/db/schema/enums";
import { ZDoseItem, ZDoseItems } from "@/lib/schemas/dose";
import { TEMPLATE_LIMITS } from "@/server/domain/template-rules";
import { ZDoseOutput, ZExerciseFigureOutput, ZId, ZPageInput } from "./schemas";

/**
 * Program template schemas, shared by the tRPC router and the admin form (so the form checks
 * exactly what the server checks). Only zod and the enum lists here: this file ships to the browser.
 */

export { TEMPLATE_LIMITS };

/** One exercise of a template with its dose: the program builder's schema, exactly. */
export const ZTemplateItemDraft = ZDoseItem;

/** A template item's side and load as procedures return them. */
const ZSideAndLoadOutput = {
  side: z.enum(DOSE_SIDES),
  loadKg: z.number().nullable(),
  bandColour: z.enum(BAND_COLOURS).nullable(),
};

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
  /** The one dose schema programs use too: the same limits, side and load (lib/schemas/dose.ts). */
  items: ZDoseItems,
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
      exerciseFigure: ZExerciseFigureOutput,
      exerciseSidedness: z.enum(SIDEDNESS),
      ...ZDoseOutput,
      ...ZSideAndLoadOutput,
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
      exerciseFigure: ZExerciseFigureOutput,
      ...ZDoseOutput,
      ...ZSideAndLoadOutput,
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
    figure: ZExerciseFigureOutput,
    defaults: z.object(ZDoseOutput),
  }),
);
