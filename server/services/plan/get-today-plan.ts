import { eq } from "drizzle-orm";
import { clinics, patients } from "@/db/schema";
import { dayInZone } from "@/server/domain/days";
import { NotFoundError } from "../errors";
import { getCurrentProgram } from "../programs/get-current-program";
import type { PatientScope } from "../scope";

/**
 * What the patient sees first: their clinic's name and contact, today's date in their own time
 * zone, and the exercises of the program in force. Nothing about other patients or staff.
 */
export function getTodayPlan(options: { scope: PatientScope; now?: Date }) {
  const { scope } = options;
  const patient = scope.db
    .select({
      displayName: patients.displayName,
      timeZone: patients.timeZone,
      clinicId: patients.clinicId,
    })
    .from(patients)
    .where(eq(patients.id, scope.patientId))
    .get();
  if (!patient || patient.clinicId !== scope.clinicId) throw new NotFoundError("Your plan");
  const clinic = scope.db
    .select({ name: clinics.name, phone: clinics.phone, email: clinics.email })
    .from(clinics)
    .where(eq(clinics.id, scope.clinicId))
    .get();
  if (!clinic) throw new NotFoundError("Your clinic");
  const program = getCurrentProgram({
    db: scope.db,
    clinicId: scope.clinicId,
    patientId: scope.patientId,
  });
  return {
    clinic,
    firstName: patient.displayName.split(" ")[0] ?? patient.displayName,
    today: dayInZone(options.now ?? new Date(), patient.timeZone),
    painLimit: program?.version.painLimit ?? null,
    items: (program?.items ?? []).map((i) => ({
      id: i.id,
      exerciseId: i.exercise.id,
      media: i.exercise.media,
      name: i.exercise.name,
      summary: i.exercise.summary,
      steps: i.exercise.steps,
      whatToFeel: i.exercise.whatToFeel,
      stopIf: i.exercise.stopIf,
      cautions: i.exercise.cautions,
      doseText: i.doseText,
      sessionText: i.sessionText,
      frequencyText: i.frequencyText,
      notes: i.notes,
    })),
  };
}
