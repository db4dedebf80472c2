/** One patient handed from a departing clinician to a colleague. */
export interface Assignment {
  patientId: string;
  toUserId: string;
}

export type ReassignmentVerdict = { ok: true } | { ok: false; message: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Checks a hand-over of patients before anything is written. When the person is leaving
 * (`requireAll`), every one of their active patients must go to an active colleague, so no patient
 * is left without a clinician.
 */
export function checkReassignment(options: {
  fromUserId: string;
  fromName: string;
  activePatientIds: readonly string[];
  activeColleagueIds: readonly string[];
  assignments: readonly Assignment[];
  requireAll: boolean;
}): ReassignmentVerdict {
  const { fromName, assignments } = options;
  const theirs = new Set(options.activePatientIds);
  const colleagues = new Set(options.activeColleagueIds);
  const seen = new Set<string>();
  for (const a of assignments) {
    if (!theirs.has(a.patientId) || seen.has(a.patientId)) {
      return {
        ok: false,
        message: `${fromName}'s list of patients has changed since this page was opened. Reload the page and choose again.`,
      };
    }
    seen.add(a.patientId);
    if (a.toUserId === options.fromUserId) {
      return { ok: false, message: `Choose someone other than ${fromName} to take over.` };
    }
    if (!colleagues.has(a.toUserId)) {
      return {
        ok: false,
        message: "Patients can only go to an active colleague. Choose someone else.",
      };
    }
  }
  const left = theirs.size - seen.size;
  if (options.requireAll && left > 0) {
    return {
      ok: false,
      message: `${fromName} still has ${plural(left, "active patient", "active patients")} without a new clinician. Choose who takes over each of them first.`,
    };
  }
  if (!options.requireAll && assignments.length === 0) {
    return { ok: false, message: "Choose at least one patient to move." };
  }
  return { ok: true };
}
