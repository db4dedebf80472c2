import { and, between, count, desc, eq, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
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
import { perConnection, placeholder as p } from "../prepared";
import type { ClinicScope } from "../scope";

/** The page's ids as one JSON array: one prepared statement serves every page length. */
const onPage = (column: SQLiteColumn) =>
  sql`${column} in (select value from json_each(${p("ids")}))`;

/** Every read of the log, prepared once per connection. */
const statements = perConnection((db) => {
  const mine = and(eq(checkIns.patientId, p("patientId")), eq(checkIns.clinicId, p("clinicId")));
  return {
    patient: db
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.id, p("patientId")), eq(patients.clinicId, p("clinicId"))))
      .prepare(),
    rows: db
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
      // Day first: the (patient, day) index gives the newest days in order and the read stops at
      // the page, instead of sorting the patient's whole history by time on every view.
      .orderBy(desc(checkIns.day), desc(checkIns.submittedAt), desc(checkIns.id))
      .limit(p("limit"))
      .offset(p("offset"))
      .prepare(),
    // Scoped through the patient row, so the count reads only the (patient, day) index.
    total: db
      .select({ n: count() })
      .from(patients)
      .innerJoin(checkIns, eq(checkIns.patientId, patients.id))
      .where(and(eq(patients.id, p("patientId")), eq(patients.clinicId, p("clinicId"))))
      .prepare(),
    // Pain reports have no index on their check-in: the page's days bound the patient's reports
    // read through (patient_id, day), and the ids pick this page's among them.
    pain: db
      .select({
        checkInId: painReports.checkInId,
        context: painReports.context,
        score: painReports.score,
      })
      .from(painReports)
      .where(
        and(
          eq(painReports.patientId, p("patientId")),
          eq(painReports.clinicId, p("clinicId")),
          between(painReports.day, p("from"), p("to")),
          onPage(painReports.checkInId),
        ),
      )
      .prepare(),
    logs: db
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
      .where(onPage(exerciseLogs.checkInId))
      .prepare(),
    flags: db
      .select({
        checkInId: redFlagAnswers.checkInId,
        questionSet: redFlagAnswers.questionSet,
        questionId: redFlagAnswers.questionId,
        answer: redFlagAnswers.answer,
      })
      .from(redFlagAnswers)
      .where(onPage(redFlagAnswers.checkInId))
      .prepare(),
  };
});

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
  const q = statements(scope.db);
  const mine = { patientId, clinicId: scope.clinicId };
  if (!q.patient.get(mine)) throw new NotFoundError("That patient");
  const rows = q.rows.all({
    ...mine,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
  const total = q.total.get(mine)?.n ?? 0;
  const ids = JSON.stringify(rows.map((r) => r.id));
  const days = rows.map((r) => r.day).sort();
  const pain =
    rows.length === 0 ? [] : q.pain.all({ ...mine, from: days[0]!, to: days.at(-1)!, ids });
  const logs = rows.length === 0 ? [] : q.logs.all({ ids });
  const flags = rows.length === 0 ? [] : q.flags.all({ ids });
  return {
    total,
    page: options.page,
    pageSize: options.pageSize,
    rows: rows.map((r) => ({
      ...r,
      pain: pain
        .filter((report) => report.checkInId === r.id)
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
