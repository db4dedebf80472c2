import { and, eq } from "drizzle-orm";
import { clinics, patients } from "@/db/schema";
import { describePainLimit } from "@/server/domain/pain-limit";
import { NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";
import { getCurrentProgram } from "./get-current-program";

/**
 * Everything the printed handout shows: the clinic and how to reach it, the patient's name and the
 * program in force with each exercise's pictures, steps, dose, cautions and stop rule. Printing a
 * plan reads health data, so it is audited like opening the record (by the procedure's read
 * middleware, decision 021).
 */
export function getHandout(options: { scope: ClinicScope; patientId: string; now?: Date }) {
  const { scope, patientId } = options;
  const patient = scope.db
    .select({
      id: patients.id,
      displayName: patients.displayName,
      status: patients.status,
      timeZone: patients.timeZone,
    })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, scope.clinicId)))
    .get();
  if (!patient) throw new NotFoundError("That patient");
  const clinic = scope.db
    .select({ name: clinics.name, phone: clinics.phone, email: clinics.email })
    .from(clinics)
    .where(eq(clinics.id, scope.clinicId))
    .get();
  if (!clinic) throw new NotFoundError("Your clinic");
  const program = getCurrentProgram({ db: scope.db, clinicId: scope.clinicId, patientId });
  const now = options.now ?? new Date();
  return {
    clinic,
    patient: { id: patient.id, displayName: patient.displayName, status: patient.status },
    timeZone: patient.timeZone,
    preparedAt: now,
    program: program
      ? {
          versionNumber: program.version.number,
          effectiveFrom: program.version.effectiveFrom,
          painLimit: program.version.painLimit,
          painLimitText: describePainLimit(program.version.painLimit),
          items: program.items.map((item) => ({
            id: item.id,
            exerciseId: item.exercise.id,
            name: item.exercise.name,
            summary: item.exercise.summary,
            steps: item.exercise.steps,
            whatToFeel: item.exercise.whatToFeel,
            stopIf: item.exercise.stopIf,
            cautions: item.exercise.cautions,
            media: item.exercise.media,
            doseText: item.doseText,
            sessionText: item.sessionText,
            frequencyText: item.frequencyText,
            notes: item.notes,
          })),
        }
      : null,
  };
}

export type Handout = ReturnType<typeof getHandout>;
