import type { AdviceResult } from "@/server/domain/advice";
import { patientFigures } from "@/server/domain/patient-figures";
import type { ClinicScope } from "../scope";
import { loadPatientRecord } from "./load-patient-record";

export interface PatientAdvice {
  today: string;
  /** Null without an active program or while a red flag bypasses it. */
  advice: AdviceResult | null;
  redFlag: boolean;
  hasProgram: boolean;
}

/**
 * The progression advice for a clinician, worked out now from the stored reports with the same
 * functions as the caseload, so the page and the table always agree. Patients never reach it: it
 * is only served through staff procedures.
 */
export async function getPatientAdvice(options: {
  scope: ClinicScope;
  patientId: string;
  now?: Date;
}): Promise<PatientAdvice> {
  const { scope } = options;
  const { data } = scope;
  const loaded = await data.read(async (db) => {
    const patient = await data.requirePatient(db, options.patientId);
    return loadPatientRecord({
      db,
      clinicId: data.clinicId,
      patientId: patient.id,
      now: options.now ?? new Date(),
      patient,
    });
  });
  // The patient was found just above, in the same read.
  if (!loaded) throw new Error("the patient's record could not be loaded");
  const active = loaded.status === "active";
  const figures = patientFigures(
    active ? loaded.record : { ...loaded.record, versions: [], openRedFlags: [] },
  );
  return {
    today: loaded.record.today,
    advice: figures.advice,
    redFlag: figures.redFlag,
    hasProgram: figures.version !== null,
  };
}
