import { existsSync } from "node:fs";
import { openDatabase } from "@/db/client";
import { insertPatient } from "@/db/factories";

/**
 * Another process writing to a test database, as the server would during a backup: adds one
 * patient per transaction until `stopFile` appears, then prints how many it committed.
 * Usage: tsx server/testing/busy-writer.ts <db file> <clinic id> <clinician id> <stop file>
 */
const [file, clinicId, primaryClinicianId, stopFile] = process.argv.slice(2);
if (!file || !clinicId || !primaryClinicianId || !stopFile) {
  console.error("Usage: busy-writer.ts <db file> <clinic id> <clinician id> <stop file>");
  process.exit(2);
}
const db = openDatabase(file);
let committed = 0;
while (!existsSync(stopFile)) {
  db.transaction((tx) => insertPatient(tx, { clinicId, primaryClinicianId }));
  committed += 1;
  if (committed === 1) console.log("writing");
}
db.$client.close();
console.log(JSON.stringify({ committed }));
