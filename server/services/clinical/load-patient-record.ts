import { and, asc, between, eq, gte, inArray, max, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  checkIns,
  exerciseLogs,
  painReports,
  patients,
  programItems,
  programs,
  programVersions,
} from "@/db/schema";
import { addDays, dayInZone, type Day } from "@/server/domain/days";
import type { PatientRecord } from "@/server/domain/patient-figures";
import { openRedFlags, readOpenAlerts, type OpenAlert } from "./open-alerts";

/** Enough days back for A(28), usual pain over the last week and the week-over-week trend. */
const DAYS_OF_REPORTS = 35;
const DAYS_OF_SESSIONS = 28;

export interface LoadedPatient {
  patientId: string;
  clinicId: string;
  status: "active" | "discharged";
  timeZone: string;
  lastCheckInAt: Date | null;
  record: PatientRecord;
  /** Every unresolved alert: the red-flag pause reads them, and the alert writer starts from them. */
  openAlerts: OpenAlert[];
}

/**
 * Reads what the clinical rules need about one patient, in the clinic's scope: the active
 * program's versions and items, and only the windows of reports and logs the rules look at, so a
 * patient with years of history costs the same as one with a month. Null when the patient is not
 * in this clinic.
 */
export function loadPatientRecord(options: {
  db: DbOrTx;
  clinicId: string;
  patientId: string;
  now: Date;
}): LoadedPatient | null {
  const { db, clinicId, patientId, now } = options;
  const patient = db
    .select({ status: patients.status, timeZone: patients.timeZone })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, clinicId)))
    .get();
  if (!patient) return null;
  const today = dayInZone(now, patient.timeZone);

  const versionRows = db
    .select({
      id: programVersions.id,
      number: programVersions.number,
      reason: programVersions.reason,
      painLimit: programVersions.painLimit,
      effectiveFrom: programVersions.effectiveFrom,
    })
    .from(programVersions)
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .where(
      and(
        eq(programs.patientId, patientId),
        eq(programs.clinicId, clinicId),
        eq(programs.status, "active"),
      ),
    )
    .orderBy(asc(programVersions.number))
    .all();
  const itemRows =
    versionRows.length === 0
      ? []
      : db
          .select({
            itemId: programItems.id,
            exerciseId: programItems.exerciseId,
            versionId: programItems.versionId,
            sessionsPerDay: programItems.sessionsPerDay,
            daysPerWeek: programItems.daysPerWeek,
            sets: programItems.sets,
            reps: programItems.reps,
          })
          .from(programItems)
          .where(
            inArray(
              programItems.versionId,
              versionRows.map((v) => v.id),
            ),
          )
          .all();
  const versions = versionRows.map((v) => ({
    number: v.number,
    reason: v.reason,
    painLimit: v.painLimit,
    fromDay: dayInZone(v.effectiveFrom, patient.timeZone),
    items: itemRows.filter((i) => i.versionId === v.id).map(({ versionId: _, ...item }) => item),
  }));
  const startDay: Day | undefined = versions[0]?.fromDay;

  const recentFrom = addDays(today, -DAYS_OF_REPORTS);
  const reports = db
    .select({ day: painReports.day, context: painReports.context, score: painReports.score })
    .from(painReports)
    .where(
      and(
        eq(painReports.patientId, patientId),
        eq(painReports.clinicId, clinicId),
        startDay === undefined
          ? gte(painReports.day, recentFrom)
          : or(
              gte(painReports.day, recentFrom),
              between(painReports.day, startDay, addDays(startDay, 6)),
            ),
      ),
    )
    .all();

  const sessions = db
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
      and(
        eq(checkIns.patientId, patientId),
        eq(checkIns.clinicId, clinicId),
        gte(checkIns.day, addDays(today, -DAYS_OF_SESSIONS)),
      ),
    )
    .all()
    .map(({ skippedReason, ...s }) => ({ ...s, skipped: skippedReason !== null }));

  const last = db
    .select({ day: max(checkIns.day), at: max(checkIns.submittedAt) })
    .from(checkIns)
    .where(and(eq(checkIns.patientId, patientId), eq(checkIns.clinicId, clinicId)))
    .get();

  const lastSafety = db
    .select({ day: max(checkIns.day) })
    .from(checkIns)
    .where(
      and(
        eq(checkIns.patientId, patientId),
        eq(checkIns.clinicId, clinicId),
        eq(checkIns.kind, "safety"),
      ),
    )
    .get();

  const openAlerts = readOpenAlerts(db, { clinicId, patientId });

  return {
    patientId,
    clinicId,
    status: patient.status,
    timeZone: patient.timeZone,
    lastCheckInAt: last?.at ?? null,
    record: {
      today,
      versions,
      reports,
      sessions,
      lastCheckInDay: last?.day ?? null,
      lastSafetyCheckDay: lastSafety?.day ?? null,
      openRedFlags: openRedFlags(openAlerts, patient.timeZone),
    },
    openAlerts,
  };
}
