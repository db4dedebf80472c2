import { eq, isNull, or, type SQL } from "drizzle-orm";
import { exercises, programTemplates } from "@/db/schema";

/** A clinic sees the shared library (no clinic) and its own exercises, never another clinic's. */
export function exerciseVisibleTo(clinicId: string): SQL {
  return or(isNull(exercises.clinicId), eq(exercises.clinicId, clinicId))!;
}

/** The same rule for program templates. */
export function templateVisibleTo(clinicId: string): SQL {
  return or(isNull(programTemplates.clinicId), eq(programTemplates.clinicId, clinicId))!;
}
