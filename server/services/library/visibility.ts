import type { SQL } from "drizzle-orm";
import { exercises, programTemplates } from "@/db/schema";
import type { ClinicData } from "@/server/data/clinic-data";

/** A clinic sees the shared library (no clinic) and its own exercises, never another clinic's. */
export function exerciseVisibleTo(data: ClinicData, ...conditions: (SQL | undefined)[]): SQL {
  return data.mineOrShared(exercises, ...conditions);
}

/** The same rule for program templates. */
export function templateVisibleTo(data: ClinicData, ...conditions: (SQL | undefined)[]): SQL {
  return data.mineOrShared(programTemplates, ...conditions);
}
