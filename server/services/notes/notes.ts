import { asc, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/engine/types";
import { clinicalNoteRevisions, clinicalNotes, users } from "@/db/schema";
import type { NoteFields } from "@/lib/schemas/goals-notes";
import { recordAudit } from "@/server/audit";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";

const REVISION_COLUMNS = {
  noteId: clinicalNoteRevisions.noteId,
  number: clinicalNoteRevisions.number,
  day: clinicalNoteRevisions.day,
  format: clinicalNoteRevisions.format,
  body: clinicalNoteRevisions.body,
  subjective: clinicalNoteRevisions.subjective,
  objective: clinicalNoteRevisions.objective,
  assessment: clinicalNoteRevisions.assessment,
  plan: clinicalNoteRevisions.plan,
  savedAt: clinicalNoteRevisions.createdAt,
};

type Revision = Awaited<ReturnType<typeof readRevisions>>[number];

async function readRevisions(db: Db, scope: ClinicScope, patientId: string) {
  return db
    .select(REVISION_COLUMNS)
    .from(clinicalNoteRevisions)
    .where(scope.data.mine(clinicalNoteRevisions, eq(clinicalNoteRevisions.patientId, patientId)))
    .orderBy(asc(clinicalNoteRevisions.noteId), asc(clinicalNoteRevisions.number));
}

/**
 * Every note on one patient as it stands now (its newest revision), newest day first, with its
 * earlier wordings (newest first) and whether the caller wrote it (only the author may edit).
 * Clinic staff only: no patient-tier procedure reads these tables.
 */
export async function listNotes(options: { scope: ClinicScope; patientId: string }) {
  const { scope, patientId } = options;
  return scope.data.read(async (db) => {
    const patient = await scope.data.requirePatient(db, patientId);
    const notes = await db
      .select({
        id: clinicalNotes.id,
        authorId: clinicalNotes.authorId,
        authorName: users.name,
        createdAt: clinicalNotes.createdAt,
      })
      .from(clinicalNotes)
      .innerJoin(users, eq(users.id, clinicalNotes.authorId))
      .where(scope.data.mine(clinicalNotes, eq(clinicalNotes.patientId, patient.id)))
      .orderBy(desc(clinicalNotes.createdAt));
    // Every revision of the patient's notes in one read: a note's history is shown with it.
    const byNote = new Map<string, Omit<Revision, "noteId">[]>();
    for (const { noteId, ...revision } of await readRevisions(db, scope, patient.id))
      byNote.set(noteId, [revision, ...(byNote.get(noteId) ?? [])]);
    const rows = notes.flatMap((note) => {
      const [current, ...earlier] = byNote.get(note.id) ?? [];
      if (!current) return [];
      return [{ ...note, canEdit: note.authorId === scope.userId, current, earlier }];
    });
    // The day a note is about first, then the order they were written.
    rows.sort((a, b) =>
      a.current.day === b.current.day
        ? b.createdAt.getTime() - a.createdAt.getTime()
        : a.current.day < b.current.day
          ? 1
          : -1,
    );
    return { notes: rows };
  });
}

async function requireNote(db: Db, scope: ClinicScope, noteId: string) {
  const [note] = await db
    .select({
      id: clinicalNotes.id,
      patientId: clinicalNotes.patientId,
      authorId: clinicalNotes.authorId,
      authorName: users.name,
    })
    .from(clinicalNotes)
    .innerJoin(users, eq(users.id, clinicalNotes.authorId))
    .where(scope.data.mine(clinicalNotes, eq(clinicalNotes.id, noteId)))
    .limit(1);
  if (!note) throw new NotFoundError("That note");
  return note;
}

/** What the trail keeps of a note: which revision, of what day and shape; never its words. */
async function audit(
  tx: Tx,
  scope: ClinicScope,
  action: string,
  note: { id: string; patientId: string },
  revision: { number: number; day: string; format: string },
) {
  await recordAudit(tx, {
    clinicId: scope.clinicId,
    actorKind: "user",
    actorId: scope.userId,
    action,
    entityType: "clinical-note",
    entityId: note.id,
    patientId: note.patientId,
    after: { revision: revision.number, day: revision.day, format: revision.format },
    ip: scope.ip,
  });
}

function revisionValues(input: NoteFields) {
  return {
    day: input.day,
    format: input.format,
    body: input.body,
    subjective: input.subjective,
    objective: input.objective,
    assessment: input.assessment,
    plan: input.plan,
  };
}

/** A new note by the caller; a discharged patient's record still takes notes (a follow-up call). */
export async function createNote(options: {
  scope: ClinicScope;
  patientId: string;
  input: NoteFields;
  now?: Date;
}) {
  const { scope, input } = options;
  const now = options.now ?? new Date();
  return scope.data.write(async (tx) => {
    const patient = await scope.data.requirePatient(tx, options.patientId);
    const [note] = await tx
      .insert(clinicalNotes)
      .values(scope.data.stamp({ patientId: patient.id, authorId: scope.userId, createdAt: now }))
      .returning({ id: clinicalNotes.id, patientId: clinicalNotes.patientId });
    await tx.insert(clinicalNoteRevisions).values(
      scope.data.stamp({
        patientId: patient.id,
        noteId: note!.id,
        number: 1,
        createdAt: now,
        ...revisionValues(input),
      }),
    );
    await audit(tx, scope, "note.create", note!, { number: 1, ...input });
    return { id: note!.id, revision: 1 };
  });
}

/**
 * An edit by the note's author, stored as its next revision: nothing is overwritten, and the
 * earlier wording stays in the history. `baseRevision` is the revision the author started from, so
 * an edit made meanwhile in another tab is never silently replaced.
 */
export async function editNote(options: {
  scope: ClinicScope;
  noteId: string;
  baseRevision: number;
  input: NoteFields;
  now?: Date;
}) {
  const { scope, input } = options;
  const now = options.now ?? new Date();
  return scope.data.write(
    async (tx) => {
      const note = await requireNote(tx, scope, options.noteId);
      if (note.authorId !== scope.userId)
        throw new ForbiddenError(
          `Only ${note.authorName}, who wrote this note, can edit it. Add a note of your own instead.`,
        );
      const [last] = await tx
        .select({ number: clinicalNoteRevisions.number })
        .from(clinicalNoteRevisions)
        .where(
          scope.data.mine(
            clinicalNoteRevisions,
            eq(clinicalNoteRevisions.patientId, note.patientId),
            eq(clinicalNoteRevisions.noteId, note.id),
          ),
        )
        .orderBy(desc(clinicalNoteRevisions.number))
        .limit(1);
      const current = last?.number ?? 0;
      if (current !== options.baseRevision)
        throw new ConflictError(
          "This note was edited after you opened it. Copy your text, reload the page and edit the newest version.",
        );
      const number = current + 1;
      await tx.insert(clinicalNoteRevisions).values(
        scope.data.stamp({
          patientId: note.patientId,
          noteId: note.id,
          number,
          createdAt: now,
          ...revisionValues(input),
        }),
      );
      await audit(tx, scope, "note.edit", note, { number, ...input });
      return { id: note.id, revision: number };
    },
    { isolation: "serializable" },
  );
}
