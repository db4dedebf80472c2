import type { Engine } from "@/db/engine/types";
import {
  insertPatient,
  insertPatientLink,
  insertProgramVersion,
  sharedExercise,
} from "@/db/factories";
import { refreshPatient } from "@/server/services/clinical/refresh-patient";
import { patientCaller } from "./callers";
import { noon } from "./clock";
import type { TwoClinics } from "./world";

/** The clinic a new patient joins and the clinician who looks after them. */
type ClinicA = Pick<TwoClinics, "clinicA" | "clinicianA">;

export interface NewPatientOptions {
  /** The patient's own zone, which decides their days; the factory's London otherwise. */
  timeZone?: string;
  displayName?: string;
  /** When the program comes into force; now otherwise. */
  effectiveFrom?: Date;
  /** The program's pain limit; the factory's 5 otherwise. */
  painLimit?: number;
}

/** A new patient of clinic A on a one-exercise daily program: a wall squat, 2 sets of 10. */
export async function patientOnProgram(
  db: Engine,
  world: ClinicA,
  options: NewPatientOptions = {},
) {
  const patient = await insertPatient(db, {
    clinicId: world.clinicA.id,
    primaryClinicianId: world.clinicianA.id,
    // Only what the test names: an undefined column would replace the factory's default.
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
  });
  const { version, items } = await insertProgramVersion(db, {
    clinicId: world.clinicA.id,
    patientId: patient.id,
    authorId: world.clinicianA.id,
    effectiveFrom: options.effectiveFrom,
    painLimit: options.painLimit,
    items: [{ exerciseId: (await sharedExercise(db, "wall-squat")).id, sets: 2, reps: 10 }],
  });
  return { patient, version, item: items[0]! };
}

/**
 * A new patient of clinic A on the one-exercise program, with a link from their clinician and a
 * caller that opens the patient pages through it.
 */
export async function patientWithLink(db: Engine, world: ClinicA, options: NewPatientOptions = {}) {
  const onProgram = await patientOnProgram(db, world, options);
  const { token, link } = await insertPatientLink(db, {
    clinicId: world.clinicA.id,
    patientId: onProgram.patient.id,
    createdBy: world.clinicianA.id,
  });
  return { ...onProgram, link, token, caller: patientCaller(db, token) };
}

/** Re-evaluates a patient of clinic A at noon on `day`, as the sweep does (the system acting). */
export function refreshAtNoon(db: Engine, world: ClinicA, patientId: string, day: string) {
  return db.write(world.clinicA.id, (tx) =>
    refreshPatient({
      tx,
      clinicId: world.clinicA.id,
      patientId,
      now: noon(day),
      actor: { kind: "system", id: null },
    }),
  );
}
