import { z } from "zod";
import { NOTE_FORMATS } from "@/db/schema/enums";
import { checkNote, tidyNote, ZNoteBase } from "@/lib/schemas/goals-notes";
import { createNote, editNote, listNotes } from "@/server/services/notes/notes";
import { router, staffProcedure } from "@/server/trpc";
import { ZId } from "./schemas";

export const ZListNotesInput = z.object({ patientId: ZId });
export const ZCreateNoteInput = ZNoteBase.extend({ patientId: ZId })
  .superRefine(checkNote)
  .transform(tidyNote);
export const ZEditNoteInput = ZNoteBase.extend({
  noteId: ZId,
  baseRevision: z.number().int().min(1),
})
  .superRefine(checkNote)
  .transform(tidyNote);

const ZRevisionOutput = z.object({
  number: z.number().int(),
  day: z.string(),
  format: z.enum(NOTE_FORMATS),
  body: z.string().nullable(),
  subjective: z.string().nullable(),
  objective: z.string().nullable(),
  assessment: z.string().nullable(),
  plan: z.string().nullable(),
  savedAt: z.date(),
});

export const ZListNotesOutput = z.object({
  notes: z.array(
    z.object({
      id: z.string(),
      authorId: z.string(),
      authorName: z.string(),
      createdAt: z.date(),
      canEdit: z.boolean(),
      current: ZRevisionOutput,
      /** The earlier wordings, newest first: the note's edit history. */
      earlier: z.array(ZRevisionOutput),
    }),
  ),
});

export const ZNoteSavedOutput = z.object({ id: z.string(), revision: z.number().int() });

/**
 * Clinical notes (issue 15, part 3): staff only, edited by their author alone, every edit kept as
 * a revision. No patient-tier procedure reads them.
 */
export const notesRouter = router({
  list: staffProcedure
    .input(ZListNotesInput)
    .output(ZListNotesOutput)
    .query(({ ctx, input }) => listNotes({ scope: ctx.scope, patientId: input.patientId })),
  create: staffProcedure
    .input(ZCreateNoteInput)
    .output(ZNoteSavedOutput)
    .mutation(({ ctx, input: { patientId, ...input } }) =>
      createNote({ scope: ctx.scope, patientId, input }),
    ),
  edit: staffProcedure
    .input(ZEditNoteInput)
    .output(ZNoteSavedOutput)
    .mutation(({ ctx, input: { noteId, baseRevision, ...input } }) =>
      editNote({ scope: ctx.scope, noteId, baseRevision, input }),
    ),
});
