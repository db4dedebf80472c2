/** Every enumerated value the database checks. zod schemas import these lists too. */
export const ROLES = ["admin", "clinician"] as const;
export type Role = (typeof ROLES)[number];

export const USER_TOKEN_KINDS = ["invite", "password_reset"] as const;
export type UserTokenKind = (typeof USER_TOKEN_KINDS)[number];

/**
 * How an exercise is done (CLINICAL.md, "Sidedness"): both legs at once, each leg in turn, or the
 * affected leg only. A program item's side default follows it.
 */
export const SIDEDNESS = ["together", "each_leg", "one_leg"] as const;
export type Sidedness = (typeof SIDEDNESS)[number];

/** Messages the transactional outbox sends after commit. */
export const OUTBOX_KINDS = [
  "alert_email",
  "patient_reminder",
  "patient_nudge",
  "patient_message",
  "message_email",
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
/** How a patient is told (their choice in the reminder settings). */
export const OUTBOX_CHANNELS = ["push", "email"] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
/** A patient's reminder channel: one of the outbox's, or none (the calendar alone, or nothing). */
export const REMINDER_CHANNELS = ["push", "email", "none"] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];
export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const PATIENT_STATUSES = ["active", "discharged"] as const;
export const SIDES = ["left", "right", "both"] as const;
export type Side = (typeof SIDES)[number];
/**
 * The sides a dose may name: a patient's side, or "affected" for the patient's affected side
 * (templates, written before any patient is known; a program stores the side it resolves to).
 */
export const DOSE_SIDES = ["both", "affected", "left", "right"] as const;
export type DoseSide = (typeof DOSE_SIDES)[number];

export const PROGRAM_STATUSES = ["active", "ended"] as const;
export const VERSION_REASONS = ["initial", "progress", "hold", "regress", "edit"] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];

/** Resistance band colours from lightest to heaviest (CLINICAL.md, "Exercise dosage"). */
export const BAND_COLOURS = [
  "tan",
  "yellow",
  "red",
  "green",
  "blue",
  "black",
  "silver",
  "gold",
] as const;
export type BandColour = (typeof BAND_COLOURS)[number];

export const CHECK_IN_KINDS = ["morning", "exercise", "safety"] as const;
export type CheckInKind = (typeof CHECK_IN_KINDS)[number];

export const PAIN_CONTEXTS = ["morning", "during", "after", "next_morning"] as const;
export type PainContext = (typeof PAIN_CONTEXTS)[number];

export const SKIP_REASONS = ["too_painful", "no_time", "forgot", "other"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const ALERT_SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Progression advice (CLINICAL.md, "Pain-monitoring model"); same values as `Advice` in the domain. */
export const ADVICE_VALUES = ["regress", "hold", "progress", "not_enough_data"] as const;
export type AdviceValue = (typeof ADVICE_VALUES)[number];

export const ACTOR_KINDS = ["user", "patient_link", "system"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** A goal set with the patient (issue 15): still being worked on, reached, missed, or let go. */
export const GOAL_STATUSES = ["active", "met", "not_met", "dropped"] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** A clinical note is free text, or the subjective / objective / assessment / plan template. */
export const NOTE_FORMATS = ["free", "soap"] as const;
export type NoteFormat = (typeof NOTE_FORMATS)[number];

/** Who wrote a message of a patient's thread (issue 16): the patient, or someone at the clinic. */
export const MESSAGE_AUTHOR_KINDS = ["patient", "staff"] as const;
export type MessageAuthorKind = (typeof MESSAGE_AUTHOR_KINDS)[number];
/** The longest message, in characters: a question about the plan, not a letter. */
export const MESSAGE_MAX_LENGTH = 2000;

export {
  EXERCISE_CATEGORIES,
  CONDITIONS,
  BODY_REGIONS,
  type ExerciseCategory,
  type Condition,
  type BodyRegion,
} from "../seed/library-types";
