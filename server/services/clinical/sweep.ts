import { and, eq, isNull, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { patients, patientSummaries } from "@/db/schema";
import { kickOutbox } from "../notifications/outbox-runner";
import { refreshPatient } from "./refresh-patient";

export interface SweepResult {
  checked: number;
  refreshed: number;
  failed: number;
  ms: number;
}

/**
 * The time-based rules (no check-in, low adherence, safety check overdue, not improving, the end
 * of the red-flag pause) move with the calendar, not
 * with anything a person does: this re-evaluates every active patient whose figures belong to a
 * day that has ended in their own time zone (or who has none yet). Each patient is its own short
 * transaction so check-ins are never held up for long; one patient's failure does not stop the
 * rest. `all` re-evaluates everyone, e.g. after a rule changes.
 */
export function sweepPatients(options: { db: Db; now?: Date; all?: boolean }): SweepResult {
  const { db } = options;
  const now = options.now ?? new Date();
  const started = performance.now();
  const due = db
    .select({ id: patients.id, clinicId: patients.clinicId })
    .from(patients)
    .leftJoin(patientSummaries, eq(patientSummaries.patientId, patients.id))
    .where(
      and(
        eq(patients.status, "active"),
        options.all
          ? undefined
          : or(isNull(patientSummaries.patientId), lte(patientSummaries.validUntil, now)),
      ),
    )
    .all();
  let refreshed = 0;
  let failed = 0;
  for (const patient of due) {
    try {
      db.transaction(
        (tx) =>
          refreshPatient({
            tx,
            clinicId: patient.clinicId,
            patientId: patient.id,
            now,
            actor: { kind: "system", id: null },
          }),
        { behavior: "immediate" },
      );
      refreshed += 1;
    } catch (error) {
      failed += 1;
      // The id is enough to find the patient; figures and names stay out of the log.
      console.error(
        `alerts sweep: patient ${patient.id} failed: ${error instanceof Error ? error.name : "error"}`,
      );
    }
  }
  // A high alert the calendar raised (pain-high on the first day it is due) is told at once too.
  if (refreshed > 0) kickOutbox();
  return { checked: due.length, refreshed, failed, ms: Math.round(performance.now() - started) };
}
