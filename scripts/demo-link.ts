import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { insertPatientLink } from "@/db/factories";
import { patients } from "@/db/schema";
import { loadEnv } from "@/server/env";

/** Makes a fresh link for the first active patient, for trying the patient's plan locally. */
const env = loadEnv();
const db = getDb(env.databasePath);
const patient = db
  .select()
  .from(patients)
  .where(eq(patients.status, "active"))
  .orderBy(asc(patients.createdAt))
  .limit(1)
  .get();
if (!patient) {
  console.error("There is no active patient yet: run npm start once to create the demo clinic.");
  process.exit(1);
}
const { token } = insertPatientLink(db, {
  clinicId: patient.clinicId,
  patientId: patient.id,
  createdBy: patient.primaryClinicianId,
});
const base = process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`;
console.log(`Patient link for ${patient.displayName}: ${base}/p/${token}`);
