import { engineKind } from "../engine-kind";
import { pgTables } from "./pg";
import { sqliteTables } from "./sqlite";

/**
 * The active engine's tables, typed as PostgreSQL's whichever engine runs, so services are written
 * once against one set of types (db/engine/types.ts).
 */
const tables = engineKind() === "pg" ? pgTables : sqliteTables;

export const {
  clinics,
  users,
  userTokens,
  patients,
  patientLinks,
  exercises,
  programTemplates,
  templateItems,
  programs,
  programVersions,
  programItems,
  checkIns,
  exerciseLogs,
  painReports,
  redFlagAnswers,
  safetyPostponements,
  alerts,
  auditEvents,
  patientSummaries,
  outbox,
  signInThrottleKeys,
  auditChecks,
  leases,
  messageThreads,
  messages,
  goals,
  clinicalNotes,
  clinicalNoteRevisions,
  dischargeSummaries,
  reminderSettings,
  pushSubscriptions,
  calendarFeeds,
  measureSchedules,
  measureActivities,
  measureResponses,
  measureAnswers,
} = tables;

export type { Schema } from "./define";
export type { ExerciseMedia } from "./library";
export { SIGN_IN_THROTTLE_KINDS } from "./sign-in-throttle";
export { AUDIT_CHECK_PROBLEMS, AUDIT_CHECK_STATUSES } from "./audit-checks";
