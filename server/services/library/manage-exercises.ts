import { unlink } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/engine/types";
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

/**
 * Every change here reads the exercise (or the clinic's slugs, or what uses it) and writes what it
 * read into the row and the audit trail: serializable, so two admins at once cannot both act on
 * the same reading.
 */
const READ_THEN_WRITE = { isolation: "serializable" } as const;

function audit(
  scope: ClinicScope,
  tx: Tx,
  action: string,
  id: string,
  before: ExerciseRow | null,
  after: ExerciseRow | null,
) {
  return recordAudit(tx, {
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
async function requireEditable(
  tx: Tx,
  scope: ClinicScope,
  exerciseId: string,
): Promise<ExerciseRow> {
  const visible = await requireVisibleExercise(tx, scope.data, exerciseId);
  if (visible.clinicId === null) throw new ConflictError(SHARED_IS_READ_ONLY);
  return requireClinicExercise(tx, scope.data, exerciseId);
}

const ownRow = (scope: ClinicScope, id: string) => scope.data.mine(exercises, eq(exercises.id, id));

export function createExercise(options: { scope: ClinicScope; input: ExerciseInput }) {
  const { scope, input } = options;
  const { data } = scope;
  return data.write(async (tx) => {
    const [row] = await tx
      .insert(exercises)
      .values(
        data.stamp({
          ...input,
          slug: await uniqueSlug(tx, data, input.name),
          updatedAt: new Date(),
        }),
      )
      .returning();
    await audit(scope, tx, "exercise.create", row!.id, null, row!);
    return { id: row!.id };
  }, READ_THEN_WRITE);
}

export function updateExercise(options: {
  scope: ClinicScope;
  exerciseId: string;
  input: ExerciseInput;
}) {
  const { scope, input } = options;
  return scope.data.write(async (tx) => {
    const before = await requireEditable(tx, scope, options.exerciseId);
    const [after] = await tx
      .update(exercises)
      .set({ ...input, updatedAt: new Date() })
      .where(ownRow(scope, before.id))
      .returning();
    await audit(scope, tx, "exercise.update", before.id, before, after!);
    return { id: after!.id };
  }, READ_THEN_WRITE);
}

/** Copies a shared (or the clinic's own) exercise into the clinic; the original stays as it was. */
export function copyExerciseToClinic(options: { scope: ClinicScope; exerciseId: string }) {
  const { scope } = options;
  const { data } = scope;
  return data.write(async (tx) => {
    const source = await requireVisibleExercise(tx, data, options.exerciseId);
    const {
      id: _id,
      createdAt: _createdAt,
      slug: _slug,
      clinicId: _clinicId,
      archivedAt: _archivedAt,
      ...content
    } = source;
    const name = source.clinicId === null ? source.name : `${source.name} (copy)`;
    const [row] = await tx
      .insert(exercises)
      .values(
        data.stamp({
          ...content,
          name,
          // A copy starts without pictures: files belong to one exercise, so removing a picture
          // from the copy can never delete the original's.
          media: [],
          slug: await uniqueSlug(tx, data, name),
          copiedFromId: source.id,
          updatedAt: new Date(),
        }),
      )
      .returning();
    await audit(scope, tx, "exercise.copy", row!.id, null, row!);
    return { id: row!.id };
  }, READ_THEN_WRITE);
}

export function setExerciseArchived(options: {
  scope: ClinicScope;
  exerciseId: string;
  archived: boolean;
}) {
  const { scope } = options;
  return scope.data.write(async (tx) => {
    const before = await requireEditable(tx, scope, options.exerciseId);
    if ((before.archivedAt !== null) === options.archived) return { id: before.id };
    const [after] = await tx
      .update(exercises)
      .set({ archivedAt: options.archived ? new Date() : null, updatedAt: new Date() })
      .where(ownRow(scope, before.id))
      .returning();
    await audit(
      scope,
      tx,
      options.archived ? "exercise.archive" : "exercise.unarchive",
      before.id,
      before,
      after!,
    );
    return { id: after!.id };
  }, READ_THEN_WRITE);
}

/** Only an exercise nothing has ever used can be deleted; anything else is archived instead. */
export async function deleteExercise(options: {
  scope: ClinicScope;
  mediaDir: string;
  exerciseId: string;
}) {
  const { scope } = options;
  const before = await scope.data.write(async (tx) => {
    const row = await requireEditable(tx, scope, options.exerciseId);
    const usage = await exerciseUsage(tx, scope.data, row.id);
    if (usage.programs > 0 || usage.templates > 0) {
      throw new ConflictError(
        "This exercise is used in programs or templates, so it can only be archived, not deleted.",
      );
    }
    await tx.delete(exercises).where(ownRow(scope, row.id));
    await audit(scope, tx, "exercise.delete", row.id, row, null);
    return row;
  }, READ_THEN_WRITE);
  // After the commit: the files go only once nothing can bring the rows that name them back.
  await Promise.all(
    before.media.map((m) => unlink(path.join(options.mediaDir, m.file)).catch(() => undefined)),
  );
  return { id: before.id };
}
