import { asc, eq } from "drizzle-orm";
import {
  checkIns,
  exercises,
  exerciseLogs,
  painReports,
  programItems,
  programVersions,
} from "@/db/schema";
import type { CheckInKind, PainContext, SkipReason } from "@/db/schema/enums";
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
export async function exportCheckIns(options: {
  scope: ClinicScope;
  patientId: string;
}): Promise<ExportRow[]> {
  const { scope, patientId } = options;
  const { data } = scope;
  // Three reads of the patient's year, each through its (patient, …) index, joined here by
  // check-in id: joining reports and sessions to their check-ins in SQL looks every check-in up
  // once per report through the text primary key, which at a year of history cost more than
  // reading the rows themselves (issue 11: the export was over 50 ms at the bench clinic).
  const { heads, pain, sessions } = await data.read(async (db) => {
    const patient = await data.requirePatient(db, patientId);
    const mine = data.mine(checkIns, eq(checkIns.patientId, patient.id));
    const heads = await db
      .select({
        checkInId: checkIns.id,
        day: checkIns.day,
        submittedAt: checkIns.submittedAt,
        kind: checkIns.kind,
        note: checkIns.note,
        version: programVersions.number,
      })
      .from(checkIns)
      .leftJoin(programVersions, eq(programVersions.id, checkIns.versionId))
      .where(mine);
    const pain = await db
      .select({
        checkInId: painReports.checkInId,
        context: painReports.context,
        score: painReports.score,
      })
      .from(painReports)
      .where(data.mine(painReports, eq(painReports.patientId, patient.id)));
    const sessions = await db
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
      .where(mine)
      // Ids are UUIDv7: the order the patient logged them, on either engine.
      .orderBy(asc(exerciseLogs.id));
    return { heads, pain, sessions };
  });
  const headOf = new Map(heads.map((h) => [h.checkInId, h]));
  // Each row is built once, in its final shape, with its sort keys beside it: a year of rows is
  // a few thousand, and objects of one shape keep the sort and the copy cheap.
  const keyed: { at: number; checkInId: string; sort: number; row: ExportRow }[] = [];
  for (const r of pain) {
    const head = headOf.get(r.checkInId)!;
    keyed.push({
      at: head.submittedAt.getTime(),
      checkInId: r.checkInId,
      sort: 0,
      row: exportRow(head, {
        row: "pain",
        context: r.context,
        score: r.score,
        exercise: null,
        sessionsDone: null,
        setsDone: null,
        repsDone: null,
        skippedReason: null,
      }),
    });
  }
  for (const r of sessions) {
    const head = headOf.get(r.checkInId)!;
    keyed.push({
      at: head.submittedAt.getTime(),
      checkInId: r.checkInId,
      sort: 1,
      row: exportRow(head, {
        row: "session",
        context: null,
        score: null,
        exercise: r.exercise,
        sessionsDone: r.sessionsDone,
        setsDone: r.setsDone,
        repsDone: r.repsDone,
        skippedReason: r.skippedReason,
      }),
    });
  }
  keyed.sort(
    (a, b) =>
      a.at - b.at ||
      // Ids are lowercase hex UUIDs: their code units sort as a collation would, and comparing
      // them costs far less over a year of rows.
      (a.checkInId < b.checkInId ? -1 : a.checkInId > b.checkInId ? 1 : 0) ||
      a.sort - b.sort,
  );
  return keyed.map((k) => k.row);
}

/** One row of the export, in the order of `EXPORT_COLUMNS`. */
export interface ExportRow {
  day: string;
  submittedAt: Date;
  kind: CheckInKind;
  row: "pain" | "session";
  context: PainContext | null;
  score: number | null;
  exercise: string | null;
  sessionsDone: number | null;
  setsDone: number | null;
  repsDone: number | null;
  skippedReason: SkipReason | null;
  note: string | null;
  versionNumber: number | null;
}

/** One export row: the check-in's own columns, then the report's or the session's. */
function exportRow(
  checkIn: {
    day: string;
    submittedAt: Date;
    kind: CheckInKind;
    note: string | null;
    version: number | null;
  },
  detail: Omit<ExportRow, "day" | "submittedAt" | "kind" | "note" | "versionNumber">,
): ExportRow {
  return {
    day: checkIn.day,
    submittedAt: checkIn.submittedAt,
    kind: checkIn.kind,
    row: detail.row,
    context: detail.context,
    score: detail.score,
    exercise: detail.exercise,
    sessionsDone: detail.sessionsDone,
    setsDone: detail.setsDone,
    repsDone: detail.repsDone,
    skippedReason: detail.skippedReason,
    note: checkIn.note,
    versionNumber: checkIn.version,
  };
}
