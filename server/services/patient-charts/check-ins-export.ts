import { and, asc, eq } from "drizzle-orm";
import {
  checkIns,
  exercises,
  exerciseLogs,
  painReports,
  patients,
  programItems,
  programVersions,
} from "@/db/schema";
import { NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";

export const EXPORT_COLUMNS = [
  "day",
  "submitted_at",
  "check_in",
  "row",
  "context",
  "score",
  "exercise",
  "sessions_done",
  "sets_done",
  "reps_done",
  "skipped_reason",
  "note",
  "program_version",
] as const;

/**
 * Every check-in of the patient as export rows: one per pain report and one per logged session
 * (skips included), oldest first, each with its check-in's day, time, kind, note and version.
 */
export function exportCheckIns(options: { scope: ClinicScope; patientId: string }) {
  const { scope, patientId } = options;
  const patient = scope.db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, scope.clinicId)))
    .get();
  if (!patient) throw new NotFoundError("That patient");
  const mine = and(eq(checkIns.patientId, patientId), eq(checkIns.clinicId, scope.clinicId));
  const head = {
    checkInId: checkIns.id,
    day: checkIns.day,
    submittedAt: checkIns.submittedAt,
    kind: checkIns.kind,
    note: checkIns.note,
    version: programVersions.number,
  };
  const pain = scope.db
    .select({ ...head, context: painReports.context, score: painReports.score })
    .from(painReports)
    .innerJoin(checkIns, eq(checkIns.id, painReports.checkInId))
    .leftJoin(programVersions, eq(programVersions.id, checkIns.versionId))
    // The report's own patient column reads through pain_reports_patient_day_idx, not every report.
    .where(
      and(mine, eq(painReports.patientId, patientId), eq(painReports.clinicId, scope.clinicId)),
    )
    .all();
  const sessions = scope.db
    .select({
      ...head,
      exercise: exercises.name,
      sessionsDone: exerciseLogs.sessionsDone,
      setsDone: exerciseLogs.setsDone,
      repsDone: exerciseLogs.repsDone,
      skippedReason: exerciseLogs.skippedReason,
    })
    .from(exerciseLogs)
    .innerJoin(checkIns, eq(checkIns.id, exerciseLogs.checkInId))
    .innerJoin(programItems, eq(programItems.id, exerciseLogs.programItemId))
    .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
    .leftJoin(programVersions, eq(programVersions.id, checkIns.versionId))
    .where(mine)
    .orderBy(asc(checkIns.submittedAt))
    .all();
  const rows = [
    ...pain.map((p) => ({ ...p, row: "pain" as const, sort: 0 })),
    ...sessions.map((s) => ({ ...s, row: "session" as const, sort: 1 })),
  ].sort(
    (a, b) =>
      a.submittedAt.getTime() - b.submittedAt.getTime() ||
      a.checkInId.localeCompare(b.checkInId) ||
      a.sort - b.sort,
  );
  return rows.map((r) => ({
    day: r.day,
    submittedAt: r.submittedAt,
    kind: r.kind,
    row: r.row,
    context: "context" in r ? r.context : null,
    score: "score" in r ? r.score : null,
    exercise: "exercise" in r ? r.exercise : null,
    sessionsDone: "sessionsDone" in r ? r.sessionsDone : null,
    setsDone: "setsDone" in r ? r.setsDone : null,
    repsDone: "repsDone" in r ? r.repsDone : null,
    skippedReason: "skippedReason" in r ? r.skippedReason : null,
    note: r.note,
    versionNumber: r.version,
  }));
}
