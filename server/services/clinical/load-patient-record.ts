import { and, asc, between, desc, eq, gte, lt, max } from "drizzle-orm";
import type { Db } from "@/db/engine/types";
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
import { perConnection, placeholder as p } from "../prepared";
import { openRedFlags, readOpenAlerts, type OpenAlert } from "./open-alerts";
import { minePrepared } from "@/server/data/clinic-data";

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

const patientsCheckIns = and(eq(checkIns.patientId, p("patientId")), minePrepared(checkIns));

const patientsReports = and(eq(painReports.patientId, p("patientId")), minePrepared(painReports));

/** Every read of the record, prepared once per connection: each check-in runs all of them. */
const statements = perConnection((db) => ({
  patient: db
    .select({ status: patients.status, timeZone: patients.timeZone })
    .from(patients)
    .where(and(eq(patients.id, p("patientId")), minePrepared(patients)))
    .limit(1)
    .prepare("clinical_record_patient"),
  versions: db
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
        eq(programs.patientId, p("patientId")),
        minePrepared(programs),
        eq(programs.status, "active"),
      ),
    )
    .orderBy(asc(programVersions.number))
    .prepare("clinical_record_versions"),
  items: db
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
    .innerJoin(programVersions, eq(programVersions.id, programItems.versionId))
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .where(
      and(
        eq(programs.patientId, p("patientId")),
        minePrepared(programs),
        eq(programs.status, "active"),
      ),
    )
    .prepare("clinical_record_items"),
  // The recent window, then the program's first week (the baseline) where it lies before it: two
  // index ranges read one after the other, cheaper than one OR over both. A patient with no
  // program passes no first week, and `between null and null` matches nothing.
  reports: db
    .select({ day: painReports.day, context: painReports.context, score: painReports.score })
    .from(painReports)
    .where(and(patientsReports, gte(painReports.day, p("recentFrom"))))
    .unionAll(
      db
        .select({ day: painReports.day, context: painReports.context, score: painReports.score })
        .from(painReports)
        .where(
          and(
            patientsReports,
            between(painReports.day, p("firstFrom"), p("firstTo")),
            lt(painReports.day, p("recentFrom")),
          ),
        ),
    )
    .prepare("clinical_record_reports"),
  sessions: db
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
    .where(and(patientsCheckIns, gte(checkIns.day, p("from"))))
    .prepare("clinical_record_sessions"),
  // Walks the (patient, day) index from its end: the last day's rows only, not the whole history.
  // A check-in's day is its tapped instant's day, so the latest day holds the latest instant.
  last: db
    .select({ day: checkIns.day, at: checkIns.submittedAt })
    .from(checkIns)
    .where(patientsCheckIns)
    .orderBy(desc(checkIns.day), desc(checkIns.submittedAt))
    .limit(1)
    .prepare("clinical_record_last"),
  lastSafety: db
    .select({ day: max(checkIns.day) })
    .from(checkIns)
    .where(and(patientsCheckIns, eq(checkIns.kind, "safety")))
    .prepare("clinical_record_last_safety"),
}));

/**
 * Reads what the clinical rules need about one patient, in the clinic's scope: the active
 * program's versions and items, and only the windows of reports and logs the rules look at, so a
 * patient with years of history costs the same as one with a month. Null when the patient is not
 * in this clinic. `patient` is the patient's row when the caller has just read it (and so checked
 * it is this clinic's), which saves reading it again.
 */
export async function loadPatientRecord(options: {
  db: Db;
  clinicId: string;
  patientId: string;
  now: Date;
  patient?: { status: "active" | "discharged"; timeZone: string };
}): Promise<LoadedPatient | null> {
  const { db, clinicId, patientId, now } = options;
  const read = statements(db);
  const ids = { patientId, clinicId };
  const patient = options.patient ?? (await read.patient.execute(ids))[0];
  if (!patient) return null;
  const today = dayInZone(now, patient.timeZone);

  // One statement at a time: inside a write they share its one connection.
  const versionRows = await read.versions.execute(ids);
  const itemRows = versionRows.length === 0 ? [] : await read.items.execute(ids);
  const versions = versionRows.map((v) => ({
    number: v.number,
    reason: v.reason,
    painLimit: v.painLimit,
    fromDay: dayInZone(v.effectiveFrom, patient.timeZone),
    items: itemRows.filter((i) => i.versionId === v.id).map(({ versionId: _, ...item }) => item),
  }));
  const startDay: Day | undefined = versions[0]?.fromDay;

  const reports = await read.reports.execute({
    ...ids,
    recentFrom: addDays(today, -DAYS_OF_REPORTS),
    firstFrom: startDay ?? null,
    firstTo: startDay === undefined ? null : addDays(startDay, 6),
  });
  const sessions = (
    await read.sessions.execute({ ...ids, from: addDays(today, -DAYS_OF_SESSIONS) })
  ).map(({ skippedReason, ...s }) => ({ ...s, skipped: skippedReason !== null }));
  const [last] = await read.last.execute(ids);
  const [lastSafety] = await read.lastSafety.execute(ids);
  const openAlerts = await readOpenAlerts(db, { clinicId, patientId });

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
