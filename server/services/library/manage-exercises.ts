import { unlink } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { exercises } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { ConflictError } from "../errors";
import type { ClinicScope } from "../scope";
import {
  auditView,
  exerciseUsage,
  requireClinicExercise,
  requireVisibleExercise,
  uniqueSlug,
  type ExerciseRow,
} from "./exercise-rows";
import type { ExerciseInput } from "@/lib/schemas/exercise-input";

const SHARED_IS_READ_ONLY =
  "The shared library cannot be changed. Copy the exercise into your clinic and adapt the copy.";

function audit(
  scope: ClinicScope,
  tx: Parameters<typeof recordAudit>[0],
  action: string,
  id: string,
  before: ExerciseRow | null,
  after: ExerciseRow | null,
) {
  recordAudit(tx, {
    clinicId: scope.clinicId,
    actorKind: "user",
    actorId: scope.userId,
    action,
    entityType: "exercise",
    entityId: id,
    before: before ? auditView(before) : null,
    after: after ? auditView(after) : null,
    ip: scope.ip,
  });
}

/** Requires a clinic-owned exercise, explaining why a shared one cannot be changed. */
function requireEditable(scope: ClinicScope, exerciseId: string): ExerciseRow {
  const visible = requireVisibleExercise(scope.db, scope.clinicId, exerciseId);
  if (visible.clinicId === null) throw new ConflictError(SHARED_IS_READ_ONLY);
  return requireClinicExercise(scope.db, scope.clinicId, exerciseId);
}

export function createExercise(options: { scope: ClinicScope; input: ExerciseInput }) {
  const { scope, input } = options;
  return scope.db.transaction((tx) => {
    const row = tx
      .insert(exercises)
      .values({
        ...input,
        clinicId: scope.clinicId,
        slug: uniqueSlug(tx, scope.clinicId, input.name),
        updatedAt: new Date(),
      })
      .returning()
      .get();
    audit(scope, tx, "exercise.create", row.id, null, row);
    return { id: row.id };
  });
}

export function updateExercise(options: {
  scope: ClinicScope;
  exerciseId: string;
  input: ExerciseInput;
}) {
  const { scope, input } = options;
  const before = requireEditable(scope, options.exerciseId);
  return scope.db.transaction((tx) => {
    const after = tx
      .update(exercises)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(exercises.id, before.id))
      .returning()
      .get();
    audit(scope, tx, "exercise.update", before.id, before, after);
    return { id: after.id };
  });
}

/** Copies a shared (or the clinic's own) exercise into the clinic; the original stays as it was. */
export function copyExerciseToClinic(options: { scope: ClinicScope; exerciseId: string }) {
  const { scope } = options;
  const source = requireVisibleExercise(scope.db, scope.clinicId, options.exerciseId);
  return scope.db.transaction((tx) => {
    const {
      id: _id,
      createdAt: _createdAt,
      slug: _slug,
      clinicId: _clinicId,
      archivedAt: _archivedAt,
      ...content
    } = source;
    const name = source.clinicId === null ? source.name : `${source.name} (copy)`;
    const row = tx
      .insert(exercises)
      .values({
        ...content,
        name,
        // Pictures belong to the clinic that uploaded them; a copy of a shared exercise starts without.
        media: source.clinicId === scope.clinicId ? source.media : [],
        clinicId: scope.clinicId,
        slug: uniqueSlug(tx, scope.clinicId, name),
        copiedFromId: source.id,
        updatedAt: new Date(),
      })
      .returning()
      .get();
    audit(scope, tx, "exercise.copy", row.id, null, row);
    return { id: row.id };
  });
}

export function setExerciseArchived(options: {
  scope: ClinicScope;
  exerciseId: string;
  archived: boolean;
}) {
  const { scope } = options;
  const before = requireEditable(scope, options.exerciseId);
  if ((before.archivedAt !== null) === options.archived) return { id: before.id };
  return scope.db.transaction((tx) => {
    const after = tx
      .update(exercises)
      .set({ archivedAt: options.archived ? new Date() : null, updatedAt: new Date() })
      .where(eq(exercises.id, before.id))
      .returning()
      .get();
    audit(
      scope,
      tx,
      options.archived ? "exercise.archive" : "exercise.unarchive",
      before.id,
      before,
      after,
    );
    return { id: after.id };
  });
}

/** Only an exercise nothing has ever used can be deleted; anything else is archived instead. */
export async function deleteExercise(options: {
  scope: ClinicScope;
  mediaDir: string;
  exerciseId: string;
}) {
  const { scope } = options;
  const before = requireEditable(scope, options.exerciseId);
  const usage = exerciseUsage(scope.db, before.id);
  if (usage.programs > 0 || usage.templates > 0) {
    throw new ConflictError(
      "This exercise is used in programs or templates, so it can only be archived, not deleted.",
    );
  }
  scope.db.transaction((tx) => {
    tx.delete(exercises).where(eq(exercises.id, before.id)).run();
    audit(scope, tx, "exercise.delete", before.id, before, null);
  });
  await Promise.all(
    before.media.map((m) => unlink(path.join(options.mediaDir, m.file)).catch(() => undefined)),
  );
  return { id: before.id };
}
