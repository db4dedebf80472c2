import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/engine/types";
import { exercises, programItems, programs, programVersions, users } from "@/db/schema";
import type { ClinicData } from "@/server/data/clinic-data";
import { describeDiff, diffVersions, type DiffItem } from "@/server/domain/program-diff";
import type { ClinicScope } from "../scope";

const itemColumns = {
  item: programItems,
  name: exercises.name,
  archivedAt: exercises.archivedAt,
  category: exercises.category,
  sidedness: exercises.sidedness,
};

async function itemsOfVersions(db: Db, data: ClinicData, versionIds: string[]) {
  if (versionIds.length === 0) return [];
  return await db
    .select(itemColumns)
    .from(programItems)
    .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
    .where(data.mine(programItems, inArray(programItems.versionId, versionIds)))
    .orderBy(asc(programItems.versionId), asc(programItems.position));
}

/** One version's items for the builder, which also draws each exercise (the history does not). */
function itemsOf(db: Db, data: ClinicData, versionId: string) {
  return db
    .select({ ...itemColumns, figure: exercises.figure })
    .from(programItems)
    .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
    .where(data.mine(programItems, eq(programItems.versionId, versionId)))
    .orderBy(asc(programItems.position));
}

const toDiffItem = (row: Awaited<ReturnType<typeof itemsOfVersions>>[number]): DiffItem => ({
  ...row.item,
  name: row.name,
});

/**
 * Every version of every program the patient has had, newest first, each with who saved it, when,
 * why, and what changed against the version before it.
 */
export async function getProgramHistory(options: { scope: ClinicScope; patientId: string }) {
  const { data } = options.scope;
  const { versions, itemRows } = await data.read(async (db) => {
    const patient = await data.requirePatient(db, options.patientId);
    const versions = await db
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
      .where(data.mine(programs, eq(programs.patientId, patient.id)))
      .orderBy(asc(programs.createdAt), asc(programVersions.number));
    // One query for every version's items, grouped below, rather than one query per version.
    const itemRows = await itemsOfVersions(
      db,
      data,
      versions.map((v) => v.id),
    );
    return { versions, itemRows };
  });
  const itemsByVersion = new Map<string, DiffItem[]>();
  for (const row of itemRows) {
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
export async function getProgramForEditing(options: { scope: ClinicScope; patientId: string }) {
  const { data } = options.scope;
  const { patient, version, rows } = await data.read(async (db) => {
    const patient = await data.requirePatient(db, options.patientId);
    const [program] = await db
      .select({ id: programs.id })
      .from(programs)
      .where(data.mine(programs, eq(programs.patientId, patient.id), eq(programs.status, "active")))
      .limit(1);
    // The newest version is the one in force (versions are never rewritten or removed).
    const [version] = program
      ? await db
          .select({
            id: programVersions.id,
            number: programVersions.number,
            painLimit: programVersions.painLimit,
          })
          .from(programVersions)
          .where(data.mine(programVersions, eq(programVersions.programId, program.id)))
          .orderBy(desc(programVersions.number))
          .limit(1)
      : [];
    const rows = version ? await itemsOf(db, data, version.id) : [];
    return { patient, version, rows };
  });
  return {
    patientStatus: patient.status,
    affectedSide: patient.affectedSide,
    baseVersionNumber: version?.number ?? null,
    painLimit: version?.painLimit ?? 5,
    items: rows.map((r) => ({
      exerciseId: r.item.exerciseId,
      name: r.name,
      category: r.category,
      sidedness: r.sidedness,
      archived: r.archivedAt !== null,
      figure: r.figure,
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
    })),
  };
}
