/** When a clinician may schedule a measure; the database checks these values too. */
export const SCHEDULE_KINDS = ["start", "interval", "discharge"] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];
