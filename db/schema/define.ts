import type { Dialect } from "../dialects/pg";
import { defineAlertTables } from "./alerts";
import { defineAuditCheckTables } from "./audit-checks";
import { defineCheckInTables } from "./checkins";
import { defineClinicTables } from "./clinics";
import { defineGoalNoteTables } from "./goals-notes";
import { defineLeaseTables } from "./leases";
import { defineLibraryTables } from "./library";
import { defineMeasureTables } from "./measures";
import { defineMessageTables } from "./messages";
import { defineOutboxTables } from "./outbox";
import { definePatientTables } from "./patients";
import { defineProgramTables } from "./programs";
import { defineReminderTables } from "./reminders";
import { defineSignInThrottleTables } from "./sign-in-throttle";
import { defineSummaryTables } from "./summaries";
import { defineTeamTables } from "./team";

/** Every table, defined once over one engine's helpers (db/dialects). */
export function defineSchema(d: Dialect) {
  const clinicTables = defineClinicTables(d);
  const patientTables = definePatientTables(d, clinicTables);
  const libraryTables = defineLibraryTables(d, clinicTables);
  const programTables = defineProgramTables(d, {
    ...clinicTables,
    ...patientTables,
    ...libraryTables,
  });
  const alertTables = defineAlertTables(d, { ...clinicTables, ...patientTables });
  return {
    ...clinicTables,
    ...defineTeamTables(d, clinicTables),
    ...patientTables,
    ...libraryTables,
    ...programTables,
    ...defineCheckInTables(d, { ...clinicTables, ...patientTables, ...programTables }),
    ...alertTables,
    ...defineSummaryTables(d, { ...clinicTables, ...patientTables }),
    ...defineOutboxTables(d, { ...clinicTables, ...alertTables, ...patientTables }),
    ...defineSignInThrottleTables(d),
    ...defineAuditCheckTables(d, clinicTables),
    ...defineLeaseTables(d),
    ...defineMessageTables(d, { ...clinicTables, ...patientTables }),
    ...defineReminderTables(d, { ...clinicTables, ...patientTables }),
    ...defineGoalNoteTables(d, { ...clinicTables, ...patientTables, ...programTables }),
    ...defineMeasureTables(d, { ...clinicTables, ...patientTables, ...programTables }),
  };
}

/** The tables every service sees: PostgreSQL's table types, whichever engine runs. */
export type Schema = ReturnType<typeof defineSchema>;
