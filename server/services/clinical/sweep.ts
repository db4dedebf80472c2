import { and, eq, isNull, lte, or } from "drizzle-orm";
import { patients, patientSummaries } from "@/db/schema";
import type { ClinicData, SystemData } from "@/server/data/clinic-data";
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
 * day that has ended in their own time zone (or who has none yet). It walks every clinic: the
 * list of patients due is the one read across clinics, and each patient is then re-evaluated in
 * their own clinic's scope, in their own short transaction, so check-ins are never held up for
 * long; one patient's failure does not stop the rest. `all` re-evaluates everyone, e.g. after a
 * rule changes.
 */
export async function sweepPatients(options: {
  system: SystemData;
  now?: Date;
  all?: boolean;
}): Promise<SweepResult> {
  const { system } = options;
  const now = options.now ?? new Date();
  const started = performance.now();
  const due = await system.read((db) =>
    db
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
      ),
  );
  const clinics = new Map<string, ClinicData>();
  const clinicOf = (clinicId: string) => {
    let data = clinics.get(clinicId);
    if (!data) {
      data = system.forClinic(clinicId);
      clinics.set(clinicId, data);
    }
    return data;
  };
  let refreshed = 0;
  let failed = 0;
  for (const patient of due) {
    const data = clinicOf(patient.clinicId);
    try {
      // Read-then-write (one open alert per rule): on PostgreSQL, a check-in that re-evaluates
      // the same patient at the same moment makes the sweep retry this patient, not fail it.
      await data.write(
        (tx) =>
          refreshPatient({
            tx,
            clinicId: data.clinicId,
            patientId: patient.id,
            now,
            actor: { kind: "system", id: null },
          }),
        { isolation: "serializable" },
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
