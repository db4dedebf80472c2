import { and, between, count, desc, eq, inArray } from "drizzle-orm";
import {
  checkIns,
  exercises,
  exerciseLogs,
  painReports,
  patients,
  programItems,
  programVersions,
  redFlagAnswers,
} from "@/db/schema";
import { redFlagQuestionText } from "@/server/domain/red-flags";
import { NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";

/**
 * The patient's check-ins, newest first, a page at a time: pain by context, sessions logged and
 * skipped (with reasons), notes, the version each belongs to and how many red-flag questions were
 * answered yes, in the words of the set they were asked. Clinic-scoped like every staff read.
 */
export function getCheckInLog(options: {
  scope: ClinicScope;
  patientId: string;
  page: number;
  pageSize: number;
}) {
  const { scope, patientId } = options;
  const patient = scope.db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, scope.clinicId)))
    .get();
  if (!patient) throw new NotFoundError("That patient");
  const mine = and(eq(checkIns.patientId, patientId), eq(checkIns.clinicId, scope.clinicId));
  const rows = scope.db
    .select({
      id: checkIns.id,
      day: checkIns.day,
      kind: checkIns.kind,
      submittedAt: checkIns.submittedAt,
      note: checkIns.note,
      versionNumber: programVersions.number,
    })
    .from(checkIns)
    .leftJoin(programVersions, eq(programVersions.id, checkIns.versionId))
    .where(mine)
    .orderBy(desc(checkIns.submittedAt), desc(checkIns.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .all();
  const total = scope.db.select({ n: count() }).from(checkIns).where(mine).get()?.n ?? 0;
  const ids = rows.map((r) => r.id);
  const days = rows.map((r) => r.day).sort();
  // Pain reports have no index on their check-in: the page's days bound the patient's reports
  // read through (patient_id, day), and the ids pick this page's among them.
  const pain =
    ids.length === 0
      ? []
      : scope.db
          .select({
            checkInId: painReports.checkInId,
            context: painReports.context,
            score: painReports.score,
          })
          .from(painReports)
          .where(
            and(
              eq(painReports.patientId, patientId),
              eq(painReports.clinicId, scope.clinicId),
              between(painReports.day, days[0]!, days.at(-1)!),
              inArray(painReports.checkInId, ids),
            ),
          )
          .all();
  const logs =
    ids.length === 0
      ? []
      : scope.db
          .select({
            checkInId: exerciseLogs.checkInId,
            exercise: exercises.name,
            sessionsDone: exerciseLogs.sessionsDone,
            setsDone: exerciseLogs.setsDone,
            repsDone: exerciseLogs.repsDone,
            skippedReason: exerciseLogs.skippedReason,
          })
          .from(exerciseLogs)
          .innerJoin(programItems, eq(programItems.id, exerciseLogs.programItemId))
          .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
          .where(inArray(exerciseLogs.checkInId, ids))
          .all();
  const flags =
    ids.length === 0
      ? []
      : scope.db
          .select({
            checkInId: redFlagAnswers.checkInId,
            questionSet: redFlagAnswers.questionSet,
            questionId: redFlagAnswers.questionId,
            answer: redFlagAnswers.answer,
          })
          .from(redFlagAnswers)
          .where(inArray(redFlagAnswers.checkInId, ids))
          .all();
  return {
    total,
    page: options.page,
    pageSize: options.pageSize,
    rows: rows.map((r) => ({
      ...r,
      pain: pain
        .filter((p) => p.checkInId === r.id)
        .map(({ context, score }) => ({ context, score })),
      logs: logs.filter((l) => l.checkInId === r.id).map(({ checkInId: _, ...l }) => l),
      redFlagsYes: flags.filter((f) => f.checkInId === r.id && f.answer).length,
      redFlagsAsked: flags.filter((f) => f.checkInId === r.id).length,
      // Read in the question set the patient was shown, so set-1 answers keep their meaning.
      redFlagsYesQuestions: flags
        .filter((f) => f.checkInId === r.id && f.answer)
        .map((f) => ({
          id: f.questionId,
          set: f.questionSet,
          text: redFlagQuestionText(f.questionId, f.questionSet),
        })),
    })),
  };
}
