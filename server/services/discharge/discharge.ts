import { desc, eq } from "drizzle-orm";
import { dischargeSummaries, programs } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { dischargeInWrite } from "../patients/manage-patients";
import type { ClinicScope } from "../scope";

/**
 * Discharges a patient with the clinician's closing note, in one transaction: the program and the
 * links end, and the summary's row records the episode it closes (from the program's start, or
 * from the previous discharge when there was no program) and the note.
 */
export async function dischargeWithSummary(options: {
  scope: ClinicScope;
  patientId: string;
  closingNote: string;
  now?: Date;
}) {
  const { scope } = options;
  const { data } = scope;
  const now = options.now ?? new Date();
  return data.write(
    async (tx) => {
      const patient = await data.requirePatient(tx, options.patientId);
      const [program] = await tx
        .select({ id: programs.id, createdAt: programs.createdAt })
        .from(programs)
        .where(
          data.mine(programs, eq(programs.patientId, patient.id), eq(programs.status, "active")),
        )
        .limit(1);
      const [previous] = await tx
        .select({ dischargedAt: dischargeSummaries.dischargedAt })
        .from(dischargeSummaries)
        .where(data.mine(dischargeSummaries, eq(dischargeSummaries.patientId, patient.id)))
        .orderBy(desc(dischargeSummaries.dischargedAt))
        .limit(1);
      const episodeStartedAt =
        program?.createdAt ??
        (previous && previous.dischargedAt > patient.createdAt
          ? previous.dischargedAt
          : patient.createdAt);
      // The discharge's own checks (already discharged) run first, so nothing below is written
      // for a refused discharge.
      await dischargeInWrite(tx, scope, patient.id, now);
      const [summary] = await tx
        .insert(dischargeSummaries)
        .values(
          data.stamp({
            patientId: patient.id,
            programId: program?.id ?? null,
            episodeStartedAt,
            dischargedAt: now,
            authorId: scope.userId,
            closingNote: options.closingNote,
            createdAt: now,
          }),
        )
        .returning({ id: dischargeSummaries.id });
      await recordAudit(tx, {
        clinicId: scope.clinicId,
        actorKind: "user",
        actorId: scope.userId,
        action: "discharge-summary.create",
        entityType: "discharge-summary",
        entityId: summary!.id,
        patientId: patient.id,
        after: { programId: program?.id ?? null, episodeStartedAt: episodeStartedAt.toISOString() },
        ip: scope.ip,
      });
      return { id: patient.id, summaryId: summary!.id };
    },
    { isolation: "serializable" },
  );
}

/** The patient's discharge summaries, newest first (a patient re-admitted has one per episode). */
export async function listDischargeSummaries(options: { scope: ClinicScope; patientId: string }) {
  const { scope, patientId } = options;
  return scope.data.read(async (db) => {
    const patient = await scope.data.requirePatient(db, patientId);
    const rows = await db
      .select({
        id: dischargeSummaries.id,
        episodeStartedAt: dischargeSummaries.episodeStartedAt,
        dischargedAt: dischargeSummaries.dischargedAt,
      })
      .from(dischargeSummaries)
      .where(scope.data.mine(dischargeSummaries, eq(dischargeSummaries.patientId, patient.id)))
      .orderBy(desc(dischargeSummaries.dischargedAt));
    return { summaries: rows, timeZone: patient.timeZone, active: patient.status === "active" };
  });
}
