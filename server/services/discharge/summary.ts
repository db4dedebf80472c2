import { asc, between, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/engine/types";
import {
  checkIns,
  dischargeSummaries,
  exerciseLogs,
  painReports,
  programItems,
  programVersions,
  users,
} from "@/db/schema";
import { dayInZone } from "@/server/domain/days";
import {
  episodeAdherence,
  episodePain,
  goalTally,
  versionHistory,
} from "@/server/domain/discharge-summary";
import { programStartDay } from "@/server/domain/timeline";
import { readClinicContact } from "../clinic/clinic-details";
import { NotFoundError } from "../errors";
import { readGoals } from "../goals/goals";
import { readPatientWithClinician } from "../patients/get-patient";
import type { ClinicScope } from "../scope";
import { readOutcomeScores } from "./outcome-scores";

async function readSummaryRow(
  db: Db,
  scope: ClinicScope,
  patientId: string,
  summaryId: string | undefined,
) {
  const [row] = await db
    .select({
      id: dischargeSummaries.id,
      programId: dischargeSummaries.programId,
      episodeStartedAt: dischargeSummaries.episodeStartedAt,
      dischargedAt: dischargeSummaries.dischargedAt,
      closingNote: dischargeSummaries.closingNote,
      authorName: users.name,
    })
    .from(dischargeSummaries)
    .innerJoin(users, eq(users.id, dischargeSummaries.authorId))
    .where(
      scope.data.mine(
        dischargeSummaries,
        eq(dischargeSummaries.patientId, patientId),
        summaryId === undefined ? undefined : eq(dischargeSummaries.id, summaryId),
      ),
    )
    .orderBy(desc(dischargeSummaries.dischargedAt))
    .limit(1);
  // An earlier summary named by id must exist; "the newest" of a patient with none is none.
  if (!row && summaryId !== undefined) throw new NotFoundError("That discharge summary");
  return row ?? null;
}

/** The ended program's versions with their authors, and every item (for the episode's adherence). */
async function readProgram(db: Db, scope: ClinicScope, programId: string | null) {
  if (programId === null) return { versions: [], items: [] };
  const versions = await db
    .select({
      id: programVersions.id,
      number: programVersions.number,
      reason: programVersions.reason,
      note: programVersions.note,
      effectiveFrom: programVersions.effectiveFrom,
      painLimit: programVersions.painLimit,
      authorName: users.name,
    })
    .from(programVersions)
    .innerJoin(users, eq(users.id, programVersions.authorId))
    .where(scope.data.mine(programVersions, eq(programVersions.programId, programId)))
    .orderBy(asc(programVersions.number));
  const items = await db
    .select({
      itemId: programItems.id,
      versionId: programItems.versionId,
      exerciseId: programItems.exerciseId,
      sessionsPerDay: programItems.sessionsPerDay,
      daysPerWeek: programItems.daysPerWeek,
      sets: programItems.sets,
      reps: programItems.reps,
    })
    .from(programItems)
    .innerJoin(programVersions, eq(programVersions.id, programItems.versionId))
    .where(scope.data.mine(programVersions, eq(programVersions.programId, programId)));
  return { versions, items };
}

/**
 * A discharge summary (issue 15, part 4), worked out from the record: the episode's dates, the
 * condition, the program's versions and why each replaced the last, adherence over the episode,
 * morning pain from the baseline to the last week, the outcome scores first to last, the goals, and
 * the clinician's closing note. The newest summary unless `summaryId` names an earlier one; null
 * when the patient has none (never discharged since summaries began).
 */
export async function getDischargeSummary(options: {
  scope: ClinicScope;
  patientId: string;
  summaryId?: string;
}) {
  const { scope } = options;
  const { data } = scope;
  return data.read(async (db) => {
    const patient = await readPatientWithClinician(db, data, options.patientId);
    if (!patient) throw new NotFoundError("That patient");
    const summary = await readSummaryRow(db, scope, patient.id, options.summaryId);
    if (!summary) return null;
    const clinic = await readClinicContact(db, data.clinicId);
    const zone = patient.timeZone;
    const dischargeDay = dayInZone(summary.dischargedAt, zone);
    const program = await readProgram(db, scope, summary.programId);
    const versions = program.versions.map((v) => ({
      number: v.number,
      painLimit: v.painLimit,
      fromDay: dayInZone(v.effectiveFrom, zone),
      items: program.items.filter((i) => i.versionId === v.id),
    }));
    const startDay = programStartDay(versions) ?? dayInZone(summary.episodeStartedAt, zone);

    const reports = await db
      .select({ day: painReports.day, context: painReports.context, score: painReports.score })
      .from(painReports)
      .where(
        data.mine(
          painReports,
          eq(painReports.patientId, patient.id),
          between(painReports.day, startDay, dischargeDay),
        ),
      );
    const sessions = (
      await db
        .select({
          day: checkIns.day,
          itemId: exerciseLogs.programItemId,
          sessionsDone: exerciseLogs.sessionsDone,
          setsDone: exerciseLogs.setsDone,
          repsDone: exerciseLogs.repsDone,
          skippedReason: exerciseLogs.skippedReason,
        })
        .from(checkIns)
        .innerJoin(exerciseLogs, eq(exerciseLogs.checkInId, checkIns.id))
        .where(
          data.mine(
            checkIns,
            eq(checkIns.patientId, patient.id),
            between(checkIns.day, startDay, dischargeDay),
          ),
        )
    ).map(({ skippedReason, ...s }) => ({ ...s, skipped: skippedReason !== null }));
    // The episode's goals: set before the discharge, and not closed in an earlier episode.
    const goals = (await readGoals(db, scope, patient.id)).filter(
      (g) =>
        g.createdAt <= summary.dischargedAt &&
        (g.status === "active" || g.statusChangedAt >= summary.episodeStartedAt),
    );
    const outcomes = await readOutcomeScores({
      db,
      scope,
      patientId: patient.id,
      from: startDay,
      to: dischargeDay,
    });

    const history = versionHistory(
      program.versions.map((v) => ({
        number: v.number,
        reason: v.reason,
        note: v.note,
        fromDay: dayInZone(v.effectiveFrom, zone),
      })),
      dischargeDay,
    );
    const authors = new Map(program.versions.map((v) => [v.number, v.authorName]));
    const adherence = episodeAdherence({ versions, sessions, dischargeDay });
    const pain = episodePain({
      reports,
      programStart: programStartDay(versions),
      dischargeDay,
    });
    const undefinedToNull = (value: number | undefined) => value ?? null;

    return {
      clinic: clinic ?? { name: "", phone: null, email: null },
      patient,
      summary: {
        id: summary.id,
        authorName: summary.authorName,
        closingNote: summary.closingNote,
        dischargedAt: summary.dischargedAt,
        startDay,
        dischargeDay,
      },
      versions: history.map((v) => ({ ...v, authorName: authors.get(v.number) ?? "" })),
      adherence: adherence
        ? {
            from: adherence.from,
            to: adherence.to,
            days: adherence.days,
            expected: adherence.expected,
            done: adherence.done,
            sessionAdherence: undefinedToNull(adherence.sessionAdherence),
            doseAdherence: undefinedToNull(adherence.doseAdherence),
          }
        : null,
      pain: {
        baseline: undefinedToNull(pain.baseline),
        end: undefinedToNull(pain.end),
        endFrom: pain.endFrom,
        endTo: pain.endTo,
        change: undefinedToNull(pain.change),
        improved: pain.improved,
        worsened: pain.worsened,
        morningReports: pain.morningReports,
      },
      outcomes,
      goals: {
        tally: goalTally(goals),
        rows: goals.map((g) => ({
          id: g.id,
          what: g.what,
          measure: g.measure,
          target: g.target,
          targetDay: g.targetDay,
          status: g.status,
          statusChangedAt: g.statusChangedAt,
        })),
      },
      preparedAt: new Date(),
    };
  });
}
