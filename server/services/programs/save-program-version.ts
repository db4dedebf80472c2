import { desc, eq, inArray } from "drizzle-orm";
import { exercises, programItems, programs, programVersions } from "@/db/schema";
import type { Sidedness } from "@/db/schema/enums";
import type { SaveProgramVersionInput } from "@/lib/schemas/program";
import { recordAudit } from "@/server/audit";
import { noteSideConflict, sideProblem } from "@/server/domain/dosage";
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

/** The first item whose side or note contradicts how its exercise is done, as an error. */
export function findSideConflict(
  items: readonly SaveProgramVersionInput["items"][number][],
  exercisesById: ReadonlyMap<string, { name: string; sidedness: Sidedness }>,
): SideConflictError | null {
  for (const [position, item] of items.entries()) {
    const exercise = exercisesById.get(item.exerciseId);
    if (!exercise) continue;
    const problem = sideProblem(item.side, exercise.sidedness);
    if (problem) {
      return new SideConflictError(
        position,
        `${exercise.name} is done with both legs together, so it cannot be set to the ${item.side} leg only. Set its side to both and save again.`,
      );
    }
    const conflict = noteSideConflict(item.notes, item.side, exercise.sidedness);
    if (conflict) {
      const sentence = conflict.message.charAt(0).toLowerCase() + conflict.message.slice(1);
      return new SideConflictError(position, `${exercise.name}: ${sentence}`);
    }
  }
  return null;
}

/**
 * Saves a new immutable version of the patient's program. The save names the version it started
 * from; if another clinician has saved since, nothing is written and the caller is told, so no one
 * silently overwrites anyone. Check and insert run in one serializable write: on PostgreSQL the
 * second of two saves racing from the same version is retried, sees the first, and gets the
 * conflict; SQLite's single writer runs them one after the other.
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
            .select({ id: programVersions.id, number: programVersions.number })
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

      const ids = [...new Set(input.items.map((i) => i.exerciseId))];
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
      const sideConflict = findSideConflict(input.items, new Map(known.map((e) => [e.id, e])));
      if (sideConflict) throw sideConflict;
      const kept = latest
        ? new Set(
            (
              await tx
                .select({ exerciseId: programItems.exerciseId })
                .from(programItems)
                .where(data.mine(programItems, eq(programItems.versionId, latest.id)))
            ).map((r) => r.exerciseId),
          )
        : new Set<string>();
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
      for (const [position, item] of input.items.entries()) {
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
      return { versionId: version!.id, number: version!.number };
    },
    { isolation: "serializable" },
  );
}
