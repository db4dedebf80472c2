import { clinics } from "@/db/schema";
import { figureSide } from "@/server/domain/figure-side";
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
export async function getHandout(options: { scope: ClinicScope; patientId: string; now?: Date }) {
  const { scope, patientId } = options;
  const { data } = scope;
  const { patient, clinic, program } = await data.read(async (db) => {
    const patient = await data.requirePatient(db, patientId);
    const [clinic] = await db
      .select({ name: clinics.name, phone: clinics.phone, email: clinics.email })
      .from(clinics)
      .where(data.clinicIs(clinics.id))
      .limit(1);
    if (!clinic) throw new NotFoundError("Your clinic");
    const program = await getCurrentProgram({ db, clinicId: data.clinicId, patientId });
    return { patient, clinic, program };
  });
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
            figure: item.exercise.figure,
            side: figureSide(item.side, item.exercise.sidedness),
            doseText: item.doseText,
            sessionText: item.sessionText,
            frequencyText: item.frequencyText,
            notes: item.notes,
          })),
        }
      : null,
  };
}

export type Handout = Awaited<ReturnType<typeof getHandout>>;
