import { asc, eq } from "drizzle-orm";
import { getEngine } from "@/db/engine";
import { insertPatientLink } from "@/db/factories";
import { patients } from "@/db/schema";
import { loadEnv } from "@/server/env";

/** Makes a fresh link for the first active patient, for trying the patient's plan locally. */
async function main(): Promise<number> {
  // Fails fast on a bad environment before anything is opened.
  loadEnv();
  const engine = getEngine();
  try {
    // The system path: this is no clinic's request, it picks the first patient of any clinic.
    const [patient] = await engine.read(null, (db) =>
      db
        .select()
        .from(patients)
        .where(eq(patients.status, "active"))
        .orderBy(asc(patients.createdAt), asc(patients.id))
        .limit(1),
    );
    if (!patient) {
      console.error(
        "There is no active patient yet: run npm start once to create the demo clinic.",
      );
      return 1;
    }
    const { token } = await insertPatientLink(engine, {
      clinicId: patient.clinicId,
      patientId: patient.id,
      createdBy: patient.primaryClinicianId,
    });
    const base = process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`;
    console.log(`Patient link for ${patient.displayName}: ${base}/p/${token}`);
    return 0;
  } finally {
    await engine.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
