// The PostgreSQL tables; drizzle.pg.config.ts reads this file's exports.
import { pgDialect } from "../dialects/pg";
import { defineSchema } from "./define";

export const pgTables = defineSchema(pgDialect);

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
} = pgTables;
