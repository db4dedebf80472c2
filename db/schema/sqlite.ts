// The SQLite tables; drizzle.config.ts reads this file's exports. Typed as the PostgreSQL tables
// (the one cast is in db/dialects/sqlite.ts); at run time they are SQLite tables.
import { sqliteAsDialect } from "../dialects/sqlite";
import { defineSchema } from "./define";

export const sqliteTables = defineSchema(sqliteAsDialect);

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
} = sqliteTables;
