import { z } from "zod";
import { GOAL_STATUSES, NOTE_FORMATS } from "@/db/schema/enums";

/** A real calendar day, YYYY-MM-DD (the form's date input sends this shape). */
const ZDay = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((day) => {
      const date = new Date(`${day}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
    }, message);

const text = (max: number, empty: string, long: string) =>
  z.string({ error: empty }).trim().min(1, empty).max(max, long);

/** Optional text: an empty box is no text. */
const optionalText = (max: number, long: string) =>
  z
    .string()
    .trim()
    .max(max, long)
    .transform((value) => (value === "" ? null : value))
    .nullable()
    .optional()
    .transform((value) => value ?? null);

/**
 * A SMART goal as the clinician writes it with the patient: what they want to do, how it is
 * measured, the target to reach and the day to reach it by. Flat, so the server's field errors land
 * beside the field the clinician typed in. The same rules run in the form and the API.
 */
export const ZGoalFields = z.object({
  what: text(
    200,
    "Say what the patient wants to be able to do, for example “walk the dog to the park”.",
    "Keep what the goal is under 200 characters.",
  ),
  measure: text(
    200,
    "Say how you will both know, for example “minutes walked without stopping”.",
    "Keep the measure under 200 characters.",
  ),
  target: text(
    100,
    "Give the target to reach, for example “30 minutes”.",
    "Keep the target under 100 characters.",
  ),
  targetDay: ZDay("Choose the day to reach the goal by."),
  psfsActivityId: z.string().max(64).nullable().optional().default(null),
});
export type GoalFields = z.infer<typeof ZGoalFields>;
export type GoalFieldsInput = z.input<typeof ZGoalFields>;

export const ZGoalStatus = z.enum(GOAL_STATUSES, { error: "Choose the goal's status." });

const NOTE_MAX = 10_000;
const LONG = "Keep each part of the note under 10,000 characters.";

/** A clinical note's parts as typed; `checkNote` and `tidyNote` complete it. */
export const ZNoteBase = z.object({
  day: ZDay("Choose the day the note is about."),
  format: z.enum(NOTE_FORMATS),
  body: optionalText(NOTE_MAX, LONG),
  subjective: optionalText(NOTE_MAX, LONG),
  objective: optionalText(NOTE_MAX, LONG),
  assessment: optionalText(NOTE_MAX, LONG),
  plan: optionalText(NOTE_MAX, LONG),
});
type NoteParts = z.output<typeof ZNoteBase>;

/** Free text needs its text; the SOAP template needs at least one of its four parts. */
export function checkNote(note: NoteParts, ctx: z.RefinementCtx) {
  if (note.format === "free" && !note.body)
    ctx.addIssue({ code: "custom", path: ["body"], message: "Write the note." });
  if (
    note.format === "soap" &&
    !note.subjective &&
    !note.objective &&
    !note.assessment &&
    !note.plan
  )
    ctx.addIssue({
      code: "custom",
      path: ["subjective"],
      message: "Fill in at least one of subjective, objective, assessment or plan.",
    });
}

/** One shape stored per format: a free note keeps no SOAP parts, a SOAP note no free text. */
export function tidyNote<T extends NoteParts>(note: T): T {
  return note.format === "free"
    ? { ...note, subjective: null, objective: null, assessment: null, plan: null }
    : { ...note, body: null };
}

/**
 * A clinical note: free text, or the SOAP template (subjective, objective, assessment, plan) with
 * at least one part filled in. Flat for the same reason as the goal.
 */
export const ZNoteFields = ZNoteBase.superRefine(checkNote).transform(tidyNote);
export type NoteFields = z.output<typeof ZNoteFields>;
export type NoteFieldsInput = z.input<typeof ZNoteFields>;

/** The clinician's closing note, asked for when they discharge. */
export const ZClosingNote = text(
  NOTE_MAX,
  "Write a closing note: how the episode went and what happens next.",
  "Keep the closing note under 10,000 characters.",
);
