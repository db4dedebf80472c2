import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { exercises, patients, programItems, programs, programVersions, users } from "@/db/schema";
import { describeDiff, diffVersions, type DiffItem } from "@/server/domain/program-diff";
import { NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";

function requirePatient(scope: ClinicScope, patientId: string) {
  const patient = scope.db
    .select({ id: patients.id, status: patients.status, affectedSide: patients.affectedSide })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, scope.clinicId)))
    .get();
  if (!patient) throw new NotFoundError("That patient");
  return patient;
}

function itemsOfVersions(db: DbOrTx, versionIds: string[]) {
  if (versionIds.length === 0) return [];
  return db
    .select({
      item: programItems,
      name: exercises.name,
      archivedAt: exercises.archivedAt,
      category: exercises.category,
      sidedness: exercises.sidedness,
    })
    .from(programItems)
    .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
    .where(inArray(programItems.versionId, versionIds))
    .orderBy(asc(programItems.versionId), asc(programItems.position))
    .all();
}

function itemsOf(db: DbOrTx, versionId: string) {
  return itemsOfVersions(db, [versionId]);
}

const toDiffItem = (row: ReturnType<typeof itemsOf>[number]): DiffItem => ({
  ...row.item,
  name: row.name,
});

/**
 * Every version of every program the patient has had, newest first, each with who saved it, when,
 * why, and what changed against the version before it.
 */
export function getProgramHistory(options: { scope: ClinicScope; patientId: string }) {
  const { scope } = options;
  const patient = requirePatient(scope, options.patientId);
  const versions = scope.db
    .select({
      id: programVersions.id,
      programId: programVersions.programId,
      number: programVersions.number,
      reason: programVersions.reason,
      note: programVersions.note,
      painLimit: programVersions.painLimit,
      effectiveFrom: programVersions.effectiveFrom,
      authorName: users.name,
      programStatus: programs.status,
    })
    .from(programVersions)
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .innerJoin(users, eq(users.id, programVersions.authorId))
    .where(and(eq(programs.patientId, patient.id), eq(programs.clinicId, scope.clinicId)))
    .orderBy(asc(programs.createdAt), asc(programVersions.number))
    .all();
  // One query for every version's items, grouped here, rather than one query per version.
  const itemsByVersion = new Map<string, DiffItem[]>();
  for (const row of itemsOfVersions(
    scope.db,
    versions.map((v) => v.id),
  )) {
    const list = itemsByVersion.get(row.item.versionId) ?? [];
    list.push(toDiffItem(row));
    itemsByVersion.set(row.item.versionId, list);
  }
  let previous: { programId: string; painLimit: number; items: DiffItem[] } | null = null;
  const out = versions.map((v) => {
    const items = itemsByVersion.get(v.id) ?? [];
    const base = previous && previous.programId === v.programId ? previous : null;
    const changes = describeDiff(diffVersions(base, { painLimit: v.painLimit, items }));
    previous = { programId: v.programId, painLimit: v.painLimit, items };
    return { ...v, itemCount: items.length, changes };
  });
  return out.reverse();
}

/** The program in force, shaped for the builder, with the version it starts from. */
export function getProgramForEditing(options: { scope: ClinicScope; patientId: string }) {
  const { scope } = options;
  const patient = requirePatient(scope, options.patientId);
  const program = scope.db
    .select({ id: programs.id })
    .from(programs)
    .where(and(eq(programs.patientId, patient.id), eq(programs.status, "active")))
    .get();
  const version = program
    ? scope.db
        .select({
          id: programVersions.id,
          number: programVersions.number,
          painLimit: programVersions.painLimit,
        })
        .from(programVersions)
        .where(eq(programVersions.programId, program.id))
        .orderBy(asc(programVersions.number))
        .all()
        .at(-1)
    : undefined;
  return {
    patientStatus: patient.status,
    affectedSide: patient.affectedSide,
    baseVersionNumber: version?.number ?? null,
    painLimit: version?.painLimit ?? 5,
    items: version
      ? itemsOf(scope.db, version.id).map((r) => ({
          exerciseId: r.item.exerciseId,
          name: r.name,
          category: r.category,
          sidedness: r.sidedness,
          archived: r.archivedAt !== null,
          sets: r.item.sets,
          reps: r.item.reps,
          holdSeconds: r.item.holdSeconds,
          restSeconds: r.item.restSeconds,
          durationSeconds: r.item.durationSeconds,
          sessionsPerDay: r.item.sessionsPerDay,
          daysPerWeek: r.item.daysPerWeek,
          side: r.item.side,
          loadKg: r.item.loadKg,
          bandColour: r.item.bandColour,
          notes: r.item.notes,
        }))
      : [],
  };
}
