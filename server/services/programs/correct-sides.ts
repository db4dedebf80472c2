import { asc, desc, eq } from "drizzle-orm";
import { exercises, programItems, programs, programVersions } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import type { SystemData } from "@/server/data/clinic-data";
import { correctedSide, noteSideConflict } from "@/server/domain/dosage";
import { refreshPatient } from "../clinical/refresh-patient";

export const SIDE_FIX_NOTE = "Sides corrected to match how each exercise is done";

export interface SideFixResult {
  /** Programs that got a corrected version. */
  programs: number;
  /** Items whose side changed. */
  items: number;
  /**
   * Items of current versions whose note still names a different side (after any correction):
   * only their clinician can reword the note, and the builder asks them to on the next save.
   */
  notesToReview: number;
}

/**
 * Corrects the sides of programs saved before the library recorded how each exercise is done.
 * For every active program whose current version has an item on the wrong side (a together
 * exercise on one leg, or a one-sided item whose note asks for each leg; see `correctedSide`),
 * it saves a new version with the items copied and only those sides changed, and audits it as the
 * system. Versions and items are immutable, so the old version stays exactly as it was: the
 * program's history shows the correction as an ordinary edit.
 *
 * Idempotent: a corrected version has nothing left to correct, so a second run writes nothing.
 * The new version's author is the author of the version it corrects, because every version must
 * have one; the audit event records that the system made it.
 */
export async function correctProgramSides(options: {
  system: SystemData;
  now?: Date;
}): Promise<SideFixResult> {
  const { system } = options;
  const now = options.now ?? new Date();
  const result: SideFixResult = { programs: 0, items: 0, notesToReview: 0 };
  // Every clinic's programs: this runs at start-up, before any request, on the system path.
  const active = await system.read((db) =>
    db
      .select({ id: programs.id, clinicId: programs.clinicId, patientId: programs.patientId })
      .from(programs)
      .where(eq(programs.status, "active")),
  );
  for (const program of active) {
    const data = system.forClinic(program.clinicId);
    // One transaction a program: a failure leaves the others corrected and this one untouched.
    // The counts are added up only after the commit, so a retried transaction counts once.
    const fixed = await data.write(async (tx) => {
      const [current] = await tx
        .select()
        .from(programVersions)
        .where(data.mine(programVersions, eq(programVersions.programId, program.id)))
        .orderBy(desc(programVersions.number))
        .limit(1);
      if (!current) return null;
      const rows = await tx
        .select({ item: programItems, sidedness: exercises.sidedness })
        .from(programItems)
        .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
        .where(data.mine(programItems, eq(programItems.versionId, current.id)))
        .orderBy(asc(programItems.position));
      const corrected = rows.map(({ item, sidedness }) => ({
        item,
        sidedness,
        side: correctedSide(item, sidedness),
      }));
      const notesToReview = corrected.filter((c) =>
        noteSideConflict(c.item.notes, c.side, c.sidedness),
      ).length;
      const changed = corrected.filter((c) => c.side !== c.item.side);
      if (changed.length === 0) return { notesToReview, items: 0 };

      const [version] = await tx
        .insert(programVersions)
        .values(
          data.stamp({
            programId: program.id,
            number: current.number + 1,
            reason: "edit" as const,
            note: SIDE_FIX_NOTE,
            authorId: current.authorId,
            effectiveFrom: now,
            painLimit: current.painLimit,
            createdAt: now,
          }),
        )
        .returning({ id: programVersions.id, number: programVersions.number });
      // A new version with every item copied: the old rows are never updated (they cannot be).
      for (const { item, side } of corrected) {
        const { id: _id, versionId: _versionId, ...copy } = item;
        await tx.insert(programItems).values({ ...copy, side, versionId: version!.id });
      }
      await recordAudit(tx, {
        clinicId: data.clinicId,
        actorKind: "system",
        actorId: null,
        action: "program_version.correct_sides",
        entityType: "program_version",
        entityId: version!.id,
        patientId: program.patientId,
        before: { versionId: current.id, number: current.number },
        after: {
          number: version!.number,
          reason: "edit",
          sides: changed.map((c) => ({
            position: c.item.position,
            exerciseId: c.item.exerciseId,
            from: c.item.side,
            to: c.side,
          })),
        },
        at: now,
      });
      await refreshPatient({
        tx,
        clinicId: data.clinicId,
        patientId: program.patientId,
        now,
        actor: { kind: "system", id: null },
      });
      return { notesToReview, items: changed.length };
    });
    if (!fixed) continue;
    result.notesToReview += fixed.notesToReview;
    if (fixed.items > 0) {
      result.programs += 1;
      result.items += fixed.items;
    }
  }
  return result;
}
