import { asc, desc, eq, inArray } from "drizzle-orm";
import { exercises, programItems, programs, programVersions } from "@/db/schema";
import type { SaveProgramVersionInput } from "@/lib/schemas/program";
import { recordAudit } from "@/server/audit";
import { firstSideConflict, resolveSide } from "@/server/domain/dosage";
import { sameProgram } from "@/server/domain/program-diff";
import { refreshPatient } from "../clinical/refresh-patient";
import { ConflictError, NotFoundError } from "../errors";
import { exerciseVisibleTo } from "../library/visibility";
import type { ClinicScope } from "../scope";

/** The newer version someone else saved, so the builder can show it beside the draft. */
export class VersionConflictError extends ConflictError {
  constructor(public readonly latestNumber: number) {
    super(
      `Someone saved version ${latestNumber} of this program while you were editing. Your changes are kept here: look at version ${latestNumber}, then save again.`,
    );
  }
}

/**
 * An item whose side cannot be prescribed for its exercise, or whose note names a different side:
 * the message names the exercise and says what to change.
 */
export class SideConflictError extends ConflictError {
  constructor(
    public readonly position: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Saves a new immutable version of the patient's program. The save names the version it started
 * from; if another clinician has saved since, nothing is written and the caller is told, so no one
 * silently overwrites anyone. Check and insert run in one serializable write: on PostgreSQL the
 * second of two saves racing from the same version is retried, sees the first, and gets the
 * conflict; SQLite's single writer runs them one after the other.
 *
 * A draft that is exactly the version in force (same exercises, order, dose and pain limit) makes
 * no version: the answer says `unchanged` and names the version that stays.
 */
export async function saveProgramVersion(options: {
  scope: ClinicScope;
  input: SaveProgramVersionInput;
  now?: Date;
}) {
  const { scope, input } = options;
  const { data } = scope;
  const now = options.now ?? new Date();
  return data.write(
    async (tx) => {
      const patient = await data.requirePatient(tx, input.patientId);
      if (patient.status !== "active")
        throw new ConflictError(
          "This patient is discharged. Re-admit them before changing their program.",
        );

      const [program] = await tx
        .select({ id: programs.id })
        .from(programs)
        .where(
          data.mine(programs, eq(programs.patientId, patient.id), eq(programs.status, "active")),
        )
        .limit(1);
      const [latest] = program
        ? await tx
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
      const latestNumber = latest?.number ?? null;
      if (latestNumber !== input.baseVersionNumber) {
        if (latestNumber === null)
          throw new ConflictError(
            "This program has changed since you opened it. Reload the page to start again.",
          );
        throw new VersionConflictError(latestNumber);
      }

      // "The affected leg" (from a template) is stored as this patient's side.
      const items = input.items.map((item) => ({
        ...item,
        side: resolveSide(item.side, patient.affectedSide),
      }));
      const current = latest
        ? await tx
            .select({
              exerciseId: programItems.exerciseId,
              sets: programItems.sets,
              reps: programItems.reps,
              holdSeconds: programItems.holdSeconds,
              restSeconds: programItems.restSeconds,
              durationSeconds: programItems.durationSeconds,
              sessionsPerDay: programItems.sessionsPerDay,
              daysPerWeek: programItems.daysPerWeek,
              side: programItems.side,
              loadKg: programItems.loadKg,
              bandColour: programItems.bandColour,
              notes: programItems.notes,
            })
            .from(programItems)
            .where(data.mine(programItems, eq(programItems.versionId, latest.id)))
            .orderBy(asc(programItems.position))
        : [];
      if (
        latest &&
        sameProgram({ painLimit: latest.painLimit, items: current }, { ...input, items })
      ) {
        return { versionId: latest.id, number: latest.number, unchanged: true };
      }

      const ids = [...new Set(items.map((i) => i.exerciseId))];
      const known = await tx
        .select({
          id: exercises.id,
          name: exercises.name,
          sidedness: exercises.sidedness,
          archivedAt: exercises.archivedAt,
        })
        .from(exercises)
        .where(exerciseVisibleTo(data, inArray(exercises.id, ids)));
      if (known.length !== ids.length) throw new NotFoundError("One of the exercises");
      // The card, the dose line and the note must name the same side (CLINICAL.md, "Sidedness").
      // Checked as sent first, so "the affected leg" is refused in the words a template gets; then
      // as stored, as a note may name the other side from the patient's own.
      const byId = new Map(known.map((e) => [e.id, e]));
      const sideConflict = firstSideConflict(input.items, byId) ?? firstSideConflict(items, byId);
      if (sideConflict) throw new SideConflictError(sideConflict.position, sideConflict.message);
      const kept = new Set(current.map((r) => r.exerciseId));
      // An archived exercise may stay in a program that already has it, but is never newly added.
      if (known.some((e) => e.archivedAt !== null && !kept.has(e.id))) {
        throw new ConflictError(
          "An archived exercise cannot be added to a program. Choose another one.",
        );
      }

      const programId =
        program?.id ??
        (
          await tx
            .insert(programs)
            .values(data.stamp({ patientId: patient.id, createdAt: now }))
            .returning({ id: programs.id })
        )[0]!.id;
      const number = (latestNumber ?? 0) + 1;
      const reason = number === 1 ? "initial" : input.reason === "initial" ? "edit" : input.reason;
      const [version] = await tx
        .insert(programVersions)
        .values(
          data.stamp({
            programId,
            number,
            reason,
            note: input.note || null,
            authorId: scope.userId,
            effectiveFrom: now,
            painLimit: input.painLimit,
            createdAt: now,
          }),
        )
        .returning({ id: programVersions.id, number: programVersions.number });
      // One statement an item, one after the other (never in parallel inside a write).
      for (const [position, item] of items.entries()) {
        await tx
          .insert(programItems)
          .values(
            data.stamp({ ...item, notes: item.notes || null, versionId: version!.id, position }),
          );
      }
      await recordAudit(tx, {
        clinicId: data.clinicId,
        actorKind: "user",
        actorId: scope.userId,
        action: "program_version.create",
        entityType: "program_version",
        entityId: version!.id,
        patientId: patient.id,
        after: { number, reason, painLimit: input.painLimit, items: input.items.length },
        ip: scope.ip,
        at: now,
      });
      await refreshPatient({
        tx,
        clinicId: data.clinicId,
        patientId: patient.id,
        now,
        actor: { kind: "user", id: scope.userId, ip: scope.ip },
      });
      return { versionId: version!.id, number: version!.number, unchanged: false };
    },
    { isolation: "serializable" },
  );
}
