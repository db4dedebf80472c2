import { eq } from "drizzle-orm";
import type { Db } from "@/db/engine/types";
import { patientSummaries } from "@/db/schema";
import { minePrepared } from "@/server/data/clinic-data";
import type {
  AdviceInputs,
  AdviceResult,
  AdviceRule,
  ProgressCriterion,
} from "@/server/domain/advice";
import { dayInZone, type Day } from "@/server/domain/days";
import { patientFigures } from "@/server/domain/patient-figures";
import { perConnection, placeholder as p } from "../prepared";
import type { ClinicScope } from "../scope";
import { loadPatientRecord } from "./load-patient-record";

export interface PatientAdvice {
  today: string;
  /** Null without an active program or while a red flag bypasses it. */
  advice: AdviceResult | null;
  redFlag: boolean;
  hasProgram: boolean;
}

/** What the last re-evaluation stored of the advice (patient_summaries). */
export interface StoredAdvice {
  day: string;
  advice: AdviceResult["advice"] | null;
  adviceRule: string | null;
  adviceDetail: Record<string, unknown> | null;
  redFlag: boolean;
  versionNumber: number | null;
}

const storedAdvice = perConnection((db) =>
  db
    .select({
      day: patientSummaries.day,
      advice: patientSummaries.advice,
      adviceRule: patientSummaries.adviceRule,
      adviceDetail: patientSummaries.adviceDetail,
      redFlag: patientSummaries.redFlag,
      versionNumber: patientSummaries.versionNumber,
    })
    .from(patientSummaries)
    .where(minePrepared(patientSummaries, eq(patientSummaries.patientId, p("patientId"))))
    .limit(1)
    .prepare("patient_advice_stored"),
);

/**
 * The advice as stored by the re-evaluation, when it was worked out for `today`: every write that
 * can change the advice's inputs (a check-in, a program version, the patient's status or zone, a
 * resolved red flag) re-evaluates the patient in its own transaction, and the windows move only
 * with the day. Null when the row is another day's, or was not written by the re-evaluation (no
 * detail), so the caller works the advice out instead.
 */
export function adviceFromSummary(row: StoredAdvice, today: Day): PatientAdvice | null {
  if (row.day !== today || row.adviceDetail === null) return null;
  const detail = row.adviceDetail as { inputs?: AdviceInputs; unmet?: ProgressCriterion[] };
  if (row.advice !== null && (!detail.inputs || !detail.unmet || row.adviceRule === null)) {
    return null;
  }
  return {
    today,
    advice:
      row.advice === null
        ? null
        : {
            advice: row.advice,
            rule: row.adviceRule as AdviceRule,
            inputs: detail.inputs!,
            unmet: detail.unmet!,
          },
    redFlag: row.redFlag,
    hasProgram: row.versionNumber !== null,
  };
}

/** The advice worked out now from the stored reports, with the same functions as the caseload. */
export async function workOutAdvice(options: {
  db: Db;
  clinicId: string;
  patient: { id: string; status: "active" | "discharged"; timeZone: string };
  now: Date;
}): Promise<PatientAdvice> {
  const { patient } = options;
  const loaded = await loadPatientRecord({
    db: options.db,
    clinicId: options.clinicId,
    patientId: patient.id,
    now: options.now,
    patient,
  });
  // The caller found the patient in this clinic, in the same read.
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

/**
 * The progression advice for a clinician: today's as the caseload stores it, so the page and the
 * table always agree, and worked out again only when the stored figures are another day's (before
 * the sweep after midnight reaches the patient). Reading it costs one row instead of the record's
 * windows (issue 11). Patients never reach it: it is only served through staff procedures.
 */
export async function getPatientAdvice(options: {
  scope: ClinicScope;
  patientId: string;
  now?: Date;
}): Promise<PatientAdvice> {
  const { scope } = options;
  const { data } = scope;
  const now = options.now ?? new Date();
  return data.read(async (db) => {
    const patient = await data.requirePatient(db, options.patientId);
    const [row] = await storedAdvice(db).execute(data.bind({ patientId: patient.id }));
    const stored = row ? adviceFromSummary(row, dayInZone(now, patient.timeZone)) : null;
    return stored ?? workOutAdvice({ db, clinicId: data.clinicId, patient, now });
  });
}
