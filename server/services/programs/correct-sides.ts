import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { exercises, programItems, programs, programVersions } from "@/db/schema";
import { recordAudit } from "@/server/audit";
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
export function correctProgramSides(options: { db: Db; now?: Date }): SideFixResult {
  const { db } = options;
  const now = options.now ?? new Date();
  const result: SideFixResult = { programs: 0, items: 0, notesToReview: 0 };
  const active = db
    .select({ id: programs.id, clinicId: programs.clinicId, patientId: programs.patientId })
    .from(programs)
    .where(eq(programs.status, "active"))
    .all();
  for (const program of active) {
    // One transaction a program: a failure leaves the others corrected and this one untouched.
    db.transaction((tx) => {
      const current = tx
        .select()
        .from(programVersions)
        .where(eq(programVersions.programId, program.id))
        .orderBy(desc(programVersions.number))
        .limit(1)
        .get();
      if (!current) return;
      const rows = tx
        .select({ item: programItems, sidedness: exercises.sidedness })
        .from(programItems)
        .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
        .where(
          and(eq(programItems.versionId, current.id), eq(programItems.clinicId, program.clinicId)),
        )
        .orderBy(asc(programItems.position))
        .all();
      const corrected = rows.map(({ item, sidedness }) => ({
        item,
        sidedness,
        side: correctedSide(item, sidedness),
      }));
      result.notesToReview += corrected.filter((c) =>
        noteSideConflict(c.item.notes, c.side, c.sidedness),
      ).length;
      const changed = corrected.filter((c) => c.side !== c.item.side);
      if (changed.length === 0) return;

      const version = tx
        .insert(programVersions)
        .values({
          clinicId: program.clinicId,
          programId: program.id,
          number: current.number + 1,
          reason: "edit",
          note: SIDE_FIX_NOTE,
          authorId: current.authorId,
          effectiveFrom: now,
          painLimit: current.painLimit,
          createdAt: now,
        })
        .returning({ id: programVersions.id, number: programVersions.number })
        .get();
      for (const { item, side } of corrected) {
        const { id: _id, versionId: _versionId, ...copy } = item;
        tx.insert(programItems)
          .values({ ...copy, side, versionId: version.id })
          .run();
      }
      recordAudit(tx, {
        clinicId: program.clinicId,
        actorKind: "system",
        actorId: null,
        action: "program_version.correct_sides",
        entityType: "program_version",
        entityId: version.id,
        patientId: program.patientId,
        before: { versionId: current.id, number: current.number },
        after: {
          number: version.number,
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
      refreshPatient({
        tx,
        clinicId: program.clinicId,
        patientId: program.patientId,
        now,
        actor: { kind: "system", id: null },
      });
      result.programs += 1;
      result.items += changed.length;
    });
  }
  return result;
}
