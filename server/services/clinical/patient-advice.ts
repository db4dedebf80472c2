import type { AdviceResult } from "@/server/domain/advice";
import { patientFigures } from "@/server/domain/patient-figures";
import { NotFoundError } from "../errors";
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
export function getPatientAdvice(options: {
  scope: ClinicScope;
  patientId: string;
  now?: Date;
}): PatientAdvice {
  const { scope } = options;
  const loaded = loadPatientRecord({
    db: scope.db,
    clinicId: scope.clinicId,
    patientId: options.patientId,
    now: options.now ?? new Date(),
  });
  if (!loaded) throw new NotFoundError("That patient");
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
