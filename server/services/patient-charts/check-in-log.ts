import { and, asc, between, desc, eq, sql } from "drizzle-orm";
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
import { minePrepared } from "@/server/data/clinic-data";
import { redFlagQuestionText } from "@/server/domain/red-flags";
import { NotFoundError } from "../errors";
import { perConnection, placeholder as p } from "../prepared";
import type { ClinicScope } from "../scope";

/** Every read of the log, prepared once per connection. */
const statements = perConnection((db) => {
  const mine = minePrepared(checkIns, eq(checkIns.patientId, p("patientId")));
  // The page's check-ins and any others on its first and last days: the (patient, day) index
  // bounds the read, and rows are matched to the page's check-ins by id afterwards. One statement
  // serves every page length, on both engines (no list of ids to bind).
  const pageDays = and(mine, between(checkIns.day, p("from"), p("to")));
  return {
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
      .prepare("check_in_log_rows"),
    // Scoped through the patient row, so the count reads only the (patient, day) index; and no row
    // at all when the patient is not this clinic's, so the count is also the NOT_FOUND check. A
    // subquery rather than a grouped join: no sorter (0.36 → 0.13 ms after a commit, decision 034).
    total: db
      .select({
        // Written out with table names: in a select list the builder leaves columns unqualified,
        // and "id" would then be the check-in's own.
        n: sql`(select count(*) from "check_ins" where "check_ins"."patient_id" = "patients"."id")`.mapWith(
          Number,
        ),
      })
      .from(patients)
      .where(minePrepared(patients, eq(patients.id, p("patientId"))))
      .prepare("check_in_log_total"),
    // Pain reports have no index on their check-in: the page's days bound the patient's reports,
    // read through (patient_id, day).
    pain: db
      .select({
        checkInId: painReports.checkInId,
        context: painReports.context,
        score: painReports.score,
      })
      .from(painReports)
      .where(
        minePrepared(
          painReports,
          eq(painReports.patientId, p("patientId")),
          between(painReports.day, p("from"), p("to")),
        ),
      )
      .prepare("check_in_log_pain"),
    logs: db
      .select({
        checkInId: exerciseLogs.checkInId,
        exercise: exercises.name,
        sessionsDone: exerciseLogs.sessionsDone,
        setsDone: exerciseLogs.setsDone,
        repsDone: exerciseLogs.repsDone,
        skippedReason: exerciseLogs.skippedReason,
      })
      .from(checkIns)
      .innerJoin(exerciseLogs, eq(exerciseLogs.checkInId, checkIns.id))
      .innerJoin(programItems, eq(programItems.id, exerciseLogs.programItemId))
      .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
      .where(pageDays)
      // Ids are UUIDv7: the order the patient logged them, on either engine.
      .orderBy(asc(exerciseLogs.id))
      .prepare("check_in_log_logs"),
    flags: db
      .select({
        checkInId: redFlagAnswers.checkInId,
        questionSet: redFlagAnswers.questionSet,
        questionId: redFlagAnswers.questionId,
        answer: redFlagAnswers.answer,
      })
      .from(checkIns)
      .innerJoin(redFlagAnswers, eq(redFlagAnswers.checkInId, checkIns.id))
      .where(pageDays)
      .orderBy(asc(redFlagAnswers.id))
      .prepare("check_in_log_flags"),
  };
});

/**
 * The patient's check-ins, newest first, a page at a time: pain by context, sessions logged and
 * skipped (with reasons), notes, the version each belongs to and how many red-flag questions were
 * answered yes, in the words of the set they were asked. Clinic-scoped like every staff read.
 */
export async function getCheckInLog(options: {
  scope: ClinicScope;
  patientId: string;
  page: number;
  pageSize: number;
}) {
  const { scope, patientId } = options;
  const { data } = scope;
  const mine = data.bind({ patientId });
  const { rows, total, pain, logs, flags } = await data.read(async (db) => {
    const q = statements(db);
    // This patient of this clinic, or NOT_FOUND: the prepared count answers both, in one statement
    // (the layer's requirePatient would be one more, built on every call, on the record page).
    const [counted] = await q.total.execute(mine);
    if (!counted) throw new NotFoundError("That patient");
    const total = counted.n;
    const rows = await q.rows.execute({
      ...mine,
      limit: options.pageSize,
      offset: (options.page - 1) * options.pageSize,
    });
    if (rows.length === 0) return { rows, total, pain: [], logs: [], flags: [] };
    const days = rows.map((r) => r.day).sort();
    const page = { ...mine, from: days[0]!, to: days.at(-1)! };
    return {
      rows,
      total,
      pain: await q.pain.execute(page),
      logs: await q.logs.execute(page),
      flags: await q.flags.execute(page),
    };
  });
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
