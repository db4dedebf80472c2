import { unlink } from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
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
function requireEditable(tx: Tx, scope: ClinicScope, exerciseId: string): ExerciseRow {
  const visible = requireVisibleExercise(tx, scope.clinicId, exerciseId);
  if (visible.clinicId === null) throw new ConflictError(SHARED_IS_READ_ONLY);
  return requireClinicExercise(tx, scope.clinicId, exerciseId);
}

const ownRow = (scope: ClinicScope, id: string) =>
  and(eq(exercises.id, id), eq(exercises.clinicId, scope.clinicId));

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
  return scope.db.transaction((tx) => {
    const before = requireEditable(tx, scope, options.exerciseId);
    const after = tx
      .update(exercises)
      .set({ ...input, updatedAt: new Date() })
      .where(ownRow(scope, before.id))
      .returning()
      .get();
    audit(scope, tx, "exercise.update", before.id, before, after);
    return { id: after.id };
  });
}

/** Copies a shared (or the clinic's own) exercise into the clinic; the original stays as it was. */
export function copyExerciseToClinic(options: { scope: ClinicScope; exerciseId: string }) {
  const { scope } = options;
  return scope.db.transaction((tx) => {
    const source = requireVisibleExercise(tx, scope.clinicId, options.exerciseId);
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
        // A copy starts without pictures: files belong to one exercise, so removing a picture from
        // the copy can never delete the original's.
        media: [],
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
  return scope.db.transaction((tx) => {
    const before = requireEditable(tx, scope, options.exerciseId);
    if ((before.archivedAt !== null) === options.archived) return { id: before.id };
    const after = tx
      .update(exercises)
      .set({ archivedAt: options.archived ? new Date() : null, updatedAt: new Date() })
      .where(ownRow(scope, before.id))
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
  const before = scope.db.transaction((tx) => {
    const row = requireEditable(tx, scope, options.exerciseId);
    const usage = exerciseUsage(tx, scope.clinicId, row.id);
    if (usage.programs > 0 || usage.templates > 0) {
      throw new ConflictError(
        "This exercise is used in programs or templates, so it can only be archived, not deleted.",
      );
    }
    tx.delete(exercises).where(ownRow(scope, row.id)).run();
    audit(scope, tx, "exercise.delete", row.id, row, null);
    return row;
  });
  await Promise.all(
    before.media.map((m) => unlink(path.join(options.mediaDir, m.file)).catch(() => undefined)),
  );
  return { id: before.id };
}
