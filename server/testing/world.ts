import type { Engine } from "@/db/engine/types";
import {
  insertClinic,
  insertPatient,
  insertProgramVersion,
  insertUser,
  sharedExercise,
} from "@/db/factories";

/** Two clinics, each with staff and a patient on a program: the usual cast of access tests. */
export async function buildTwoClinics(db: Engine) {
  const clinicA = await insertClinic(db, { name: "Clinic A", timeZone: "Europe/London" });
  const clinicB = await insertClinic(db, { name: "Clinic B", timeZone: "America/New_York" });
  const adminA = await insertUser(db, { clinicId: clinicA.id, role: "admin" });
  const clinicianA = await insertUser(db, { clinicId: clinicA.id, role: "clinician" });
  const clinicianB = await insertUser(db, { clinicId: clinicB.id, role: "clinician" });
  const patientA = await insertPatient(db, {
    clinicId: clinicA.id,
    primaryClinicianId: clinicianA.id,
    displayName: "Alice Andrews",
  });
  const patientB = await insertPatient(db, {
    clinicId: clinicB.id,
    primaryClinicianId: clinicianB.id,
    displayName: "Bob Brown",
    timeZone: "America/New_York",
  });
  const squat = await sharedExercise(db, "wall-squat");
  const bridge = await sharedExercise(db, "glute-bridge");
  const programA = await insertProgramVersion(db, {
    clinicId: clinicA.id,
    patientId: patientA.id,
    authorId: clinicianA.id,
    items: [
      { exerciseId: squat.id, sets: 2, reps: 10, holdSeconds: 5, side: "left", daysPerWeek: 5 },
      { exerciseId: bridge.id, sets: 3, reps: 12 },
    ],
  });
  await insertProgramVersion(db, {
    clinicId: clinicB.id,
    patientId: patientB.id,
    authorId: clinicianB.id,
    items: [{ exerciseId: bridge.id, sets: 1, reps: 8 }],
  });
  return { clinicA, clinicB, adminA, clinicianA, clinicianB, patientA, patientB, programA };
}

export type TwoClinics = Awaited<ReturnType<typeof buildTwoClinics>>;

/** The usual cast and an admin of clinic B, for tests where each clinic's admin acts on its own. */
export async function buildTwoClinicsWithAdminB(db: Engine) {
  const world = await buildTwoClinics(db);
  const adminB = await insertUser(db, { clinicId: world.clinicB.id, role: "admin" });
  return { ...world, adminB };
}

export type TwoClinicsWithAdminB = Awaited<ReturnType<typeof buildTwoClinicsWithAdminB>>;
