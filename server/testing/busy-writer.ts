import { existsSync } from "node:fs";
import { openSqliteEngine } from "@/db/engine/sqlite";
import { insertPatient } from "@/db/factories";

/**
 * Another process writing to a test database, as the server would during a backup: adds one
 * patient per transaction until `stopFile` appears, then prints how many it committed. SQLite
 * only: a backup copies the SQLite file.
 * Usage: tsx server/testing/busy-writer.ts <db file> <clinic id> <clinician id> <stop file>
 */
const [file, clinicId, primaryClinicianId, stopFile] = process.argv.slice(2);
if (!file || !clinicId || !primaryClinicianId || !stopFile) {
  console.error("Usage: busy-writer.ts <db file> <clinic id> <clinician id> <stop file>");
  process.exit(2);
}
async function main(dbFile: string, clinicId: string, primaryClinicianId: string, stop: string) {
  const engine = openSqliteEngine(dbFile);
  let committed = 0;
  while (!existsSync(stop)) {
    // One write transaction a patient, through the engine as the server writes.
    await insertPatient(engine, { clinicId, primaryClinicianId });
    committed += 1;
    if (committed === 1) console.log("writing");
  }
  await engine.close();
  console.log(JSON.stringify({ committed }));
}

main(file, clinicId, primaryClinicianId, stopFile).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : "busy writer failed");
  process.exit(1);
});
