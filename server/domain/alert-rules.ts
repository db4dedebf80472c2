/**
 * The alert rules of CLINICAL.md, "Alerts". Each rule has a versioned id that the alert row stores
 * (`kind` = id without version, `rule_id` = `kind@version`, `rule_version`), so a rule can change
 * without rewriting history. Rules return the numbers that fired them, or null. Keeping one open
 * alert per patient and kind is the service's job.
 */
import { adherence } from "./adherence";
import type {
  ExerciseSession,
  ItemSchedule,
  PainReport,
  RedFlagAnswer,
  VersionInfo,
} from "./clinical-types";
import { addDays, daysBetween, type Day } from "./days";
import {
  baselinePain,
  isMeaningfulChange,
  MEANINGFUL_CHANGE_POINTS,
  usualPain,
  weekOfMorningPain,
} from "./pain";
import { RED_FLAG_SET_VERSION, redFlagLevel, yesAtLevel, type RedFlagLevel } from "./red-flags";
import { isAtLeast } from "./stats";
import { byDay, fullDaysSince, programStartDay, versionOn } from "./timeline";

/** Same values as `ALERT_SEVERITIES` in the schema. */
export type AlertSeverity = "critical" | "high" | "medium" | "low";

export const ALERT_KINDS = [
  "red-flag-emergency",
  "red-flag-urgent",
  "pain-high",
  "pain-worsening",
  "pain-over-limit",
  "not-settled",
  "low-adherence",
  "no-check-in",
  "safety-check-overdue",
  "not-improving",
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertRule {
  kind: AlertKind;
  severity: AlertSeverity;
  ruleVersion: number;
  /** `kind@version`, e.g. `pain-worsening@1`. */
  ruleId: string;
}

function rule(kind: AlertKind, severity: AlertSeverity, ruleVersion: number): AlertRule {
  return { kind, severity, ruleVersion, ruleId: `${kind}@${ruleVersion}` };
}

export const RED_FLAG_EMERGENCY = rule("red-flag-emergency", "critical", 2);
export const RED_FLAG_URGENT = rule("red-flag-urgent", "high", 2);
export const PAIN_HIGH = rule("pain-high", "high", 1);
export const PAIN_WORSENING = rule("pain-worsening", "high", 1);
export const PAIN_OVER_LIMIT = rule("pain-over-limit", "medium", 1);
export const NOT_SETTLED = rule("not-settled", "medium", 2);
export const LOW_ADHERENCE = rule("low-adherence", "low", 1);
export const NO_CHECK_IN = rule("no-check-in", "low", 1);
export const SAFETY_CHECK_OVERDUE = rule("safety-check-overdue", "low", 1);
export const NOT_IMPROVING = rule("not-improving", "low", 2);

/** The rule of each kind that raises alerts now, in the order of the table. */
export const ALERT_RULES: Readonly<Record<AlertKind, AlertRule>> = {
  "red-flag-emergency": RED_FLAG_EMERGENCY,
  "red-flag-urgent": RED_FLAG_URGENT,
  "pain-high": PAIN_HIGH,
  "pain-worsening": PAIN_WORSENING,
  "pain-over-limit": PAIN_OVER_LIMIT,
  "not-settled": NOT_SETTLED,
  "low-adherence": LOW_ADHERENCE,
  "no-check-in": NO_CHECK_IN,
  "safety-check-overdue": SAFETY_CHECK_OVERDUE,
  "not-improving": NOT_IMPROVING,
};

/**
 * Versions that a newer one replaced (CLINICAL.md, "Alerts"). Their alerts stay readable as they
 * were raised; new evidence goes to the current version's alert, never to these.
 */
export const RETIRED_ALERT_RULES: readonly AlertRule[] = [
  rule("red-flag-emergency", "critical", 1),
  rule("red-flag-urgent", "high", 1),
  rule("not-settled", "medium", 1),
  rule("not-improving", "low", 1),
];

/** Whether a stored alert's rule is the one that raises alerts of its kind now. */
export function isCurrentRule(ruleId: string): boolean {
  return Object.values(ALERT_RULES).some((r) => r.ruleId === ruleId);
}

/** `pain-high`: `morning` pain of 8 or more … */
export const PAIN_HIGH_SCORE = 8;
/** … on at least 3 of the last 7 days (CLINICAL.md). */
export const PAIN_HIGH_DAYS = 3;
/** `not-settled@2`: a `next_morning` report at least this far above usual pain `b`. */
export const NOT_SETTLED_RISE = 2;
/** `not-improving@2` needs a baseline of at least 3: below it no fall can be meaningful. */
export const NOT_IMPROVING_MIN_BASELINE = 3;
/** `safety-check-overdue`: 10 full days without a completed safety check (CLINICAL.md). */
export const SAFETY_CHECK_OVERDUE_DAYS = 10;
/** `low-adherence`: A(7) below 0.50 (CLINICAL.md). */
export const LOW_ADHERENCE_THRESHOLD = 0.5;
/** `low-adherence` waits for 7 full days on the program (CLINICAL.md). */
export const LOW_ADHERENCE_MIN_DAYS = 7;
/** `no-check-in`: 7 full days without one (CLINICAL.md). */
export const NO_CHECK_IN_DAYS = 7;
/** `not-improving` waits for 28 full days on the program (CLINICAL.md). */
export const NOT_IMPROVING_MIN_DAYS = 28;

/** A fired rule, ready to store: the inputs are the numbers that fired it, JSON-safe. */
export interface AlertFinding extends AlertRule {
  inputs: Record<string, unknown>;
}

function fire(r: AlertRule, inputs: Record<string, unknown>): AlertFinding {
  return { ...r, inputs };
}

/** What the patient is told after the red-flag check (CLINICAL.md, "Red flags"), as data. */
export interface SafetyOutcome {
  level: RedFlagLevel | null;
  /** `call-emergency-now`: call the clinic's emergency number or go to an emergency department. */
  patientAdvice: "call-emergency-now" | "stop-and-contact-clinic-today" | null;
  /** Any yes opens the red-flag pause (see `redFlagPause`). */
  opensPause: boolean;
}

/** The red-flag outcome of a set of answers (CLINICAL.md, "Red flags"; uses `redFlagLevel`). */
export function safetyOutcome(
  answers: readonly RedFlagAnswer[],
  setVersion: number = RED_FLAG_SET_VERSION,
): SafetyOutcome {
  const level = redFlagLevel(answers, setVersion);
  return {
    level,
    patientAdvice:
      level === "emergency"
        ? "call-emergency-now"
        : level === "urgent"
          ? "stop-and-contact-clinic-today"
          : null,
    opensPause: level !== null,
  };
}

/**
 * `red-flag-emergency@2` (critical) when any E question of set 2 is answered yes,
 * `red-flag-urgent@2` (high) when any U question is: one alert per level with a yes, holding that
 * level's question ids. Raised when the answer arrives, never by a later re-evaluation.
 */
export function redFlagAlerts(answers: readonly RedFlagAnswer[]): AlertFinding[] {
  const levels = [
    ["emergency", RED_FLAG_EMERGENCY],
    ["urgent", RED_FLAG_URGENT],
  ] as const;
  return levels.flatMap(([level, r]) => {
    const questionIds = yesAtLevel(answers, level);
    return questionIds.length > 0
      ? [fire(r, { questionIds, questionSet: RED_FLAG_SET_VERSION })]
      : [];
  });
}

/** The red-flag pause lasts 7 days from the latest yes, unless a clinician resolves it sooner. */
export const RED_FLAG_PAUSE_DAYS = 7;

/** An unresolved red-flag alert: its level and the day of the latest yes it holds. */
export interface OpenRedFlag {
  level: RedFlagLevel;
  day: Day;
}

export interface RedFlagPause {
  level: RedFlagLevel;
  /** The day of the latest yes. */
  since: Day;
  /** The first day after the pause, when every rule runs again. */
  endsOn: Day;
}

/**
 * The red-flag pause (CLINICAL.md): a yes opens it; it lasts until a clinician resolves that
 * red-flag alert, or 7 days, whichever comes first. Pass the unresolved red-flag alerts; null when
 * none of them is younger than 7 days. The level is the most serious one still pausing.
 */
export function redFlagPause(
  openRedFlags: readonly OpenRedFlag[],
  today: Day,
): RedFlagPause | null {
  const pausing = openRedFlags.filter(
    (f) => f.day <= today && daysBetween(f.day, today) < RED_FLAG_PAUSE_DAYS,
  );
  if (pausing.length === 0) return null;
  const since = pausing
    .map((f) => f.day)
    .sort()
    .at(-1)!;
  return {
    level: pausing.some((f) => f.level === "emergency") ? "emergency" : "urgent",
    since,
    endsOn: addDays(since, RED_FLAG_PAUSE_DAYS),
  };
}

/**
 * `pain-high@1` (high): `morning` pain of 8 or more on at least 3 of the last 7 days, today
 * included. It needs no baseline, so a patient who starts at 9 and stays there is seen (example 12).
 */
export function painHighAlert(options: {
  reports: readonly PainReport[];
  today: Day;
}): AlertFinding | null {
  const from = addDays(options.today, -6);
  const highDays = new Set(
    options.reports
      .filter(
        (r) =>
          r.context === "morning" &&
          r.day >= from &&
          r.day <= options.today &&
          r.score >= PAIN_HIGH_SCORE,
      )
      .map((r) => r.day),
  );
  if (highDays.size < PAIN_HIGH_DAYS) return null;
  const days = [...highDays].sort();
  return fire(PAIN_HIGH, { daysAtOrAbove8: days.length, from, to: options.today, days });
}

/**
 * `pain-worsening@1` (high): mean `morning` pain of the last 7 days (today included, at least 3
 * reports) ≥ baseline + 2.
 */
export function painWorseningAlert(options: {
  reports: readonly PainReport[];
  programStartDay: Day;
  today: Day;
}): AlertFinding | null {
  const baseline = baselinePain(options.reports, options.programStartDay);
  const week = weekOfMorningPain(options.reports, options.today);
  if (baseline === undefined || week.mean === undefined) return null;
  if (!isAtLeast(week.mean - baseline, MEANINGFUL_CHANGE_POINTS)) return null;
  return fire(PAIN_WORSENING, {
    baseline,
    mean7: week.mean,
    reports7: week.count,
    from: week.from,
    to: week.to,
  });
}

/**
 * `pain-over-limit@1` (medium): a `during` report in the last 7 days above the pain limit of the
 * version in force on its day. Inputs name the latest such report and how many there were.
 */
export function painOverLimitAlert(options: {
  reports: readonly PainReport[];
  versions: readonly VersionInfo[];
  today: Day;
}): AlertFinding | null {
  const from = addDays(options.today, -6);
  const over = options.reports
    .flatMap((r) => {
      if (r.context !== "during" || r.day < from || r.day > options.today) return [];
      const version = versionOn(options.versions, r.day);
      if (!version || r.score <= version.painLimit) return [];
      return [
        { day: r.day, score: r.score, painLimit: version.painLimit, versionNumber: version.number },
      ];
    })
    .sort(byDay);
  const latest = over.at(-1);
  if (!latest) return null;
  return fire(PAIN_OVER_LIMIT, {
    ...latest,
    reportsOverLimit7: over.length,
  });
}

/**
 * `not-settled@2` (medium): a `next_morning` report in the last 7 days at least 2 points above
 * usual pain `b` at its day (a rise of 1 is within the scale's noise; the advice still holds). With `b` undefined (fewer than 3 morning reports in the 7 days before) it cannot fire
 * (example 8). Only reports about a program day count (the day before the report).
 */
export function notSettledAlert(options: {
  reports: readonly PainReport[];
  programStartDay: Day;
  today: Day;
}): AlertFinding | null {
  const from = addDays(options.today, -6);
  const unsettled = options.reports
    .filter(
      (r) =>
        r.context === "next_morning" &&
        r.day >= from &&
        r.day <= options.today &&
        r.day > options.programStartDay,
    )
    .map((r) => ({ day: r.day, score: r.score, usual: usualPain(options.reports, r.day) }))
    .filter((r) => r.usual !== undefined && isAtLeast(r.score - r.usual, NOT_SETTLED_RISE))
    .sort(byDay);
  const latest = unsettled.at(-1);
  if (!latest) return null;
  return fire(NOT_SETTLED, {
    day: latest.day,
    score: latest.score,
    usual: latest.usual,
    reportsNotSettled7: unsettled.length,
  });
}

/** `low-adherence@1` (low): A(7) < 0.50 after at least 7 full days on the program. */
export function lowAdherenceAlert(options: {
  items: readonly ItemSchedule[];
  sessions: readonly ExerciseSession[];
  programStartDay: Day;
  today: Day;
}): AlertFinding | null {
  const daysOnProgram = fullDaysSince(options.programStartDay, options.today);
  if (daysOnProgram < LOW_ADHERENCE_MIN_DAYS) return null;
  const a = adherence({ ...options, days: 7 });
  if (a.sessionAdherence === undefined) return null;
  if (isAtLeast(a.sessionAdherence, LOW_ADHERENCE_THRESHOLD)) return null;
  return fire(LOW_ADHERENCE, {
    adherence7: a.sessionAdherence,
    done: a.done,
    expected: a.expected,
    from: a.window.from,
    to: a.window.to,
    daysOnProgram,
  });
}

/**
 * `no-check-in@1` (low): no check-in on the 7 full days before today while the program was active
 * (counted from the day after the last check-in, or from the program's first day).
 */
export function noCheckInAlert(options: {
  lastCheckInDay: Day | null;
  programStartDay: Day;
  today: Day;
}): AlertFinding | null {
  const { lastCheckInDay: last, programStartDay: start, today } = options;
  const firstSilentDay = last !== null && last >= start ? addDays(last, 1) : start;
  const silentDays = fullDaysSince(firstSilentDay, today);
  if (silentDays < NO_CHECK_IN_DAYS) return null;
  return fire(NO_CHECK_IN, { lastCheckInDay: last, programStartDay: start, silentDays });
}

/**
 * `not-improving@2` (low): 28 full days on the program, a baseline of at least 3, and the last 7
 * days' mean `morning` pain (at least 3 reports) neither 2 points nor 30 % below the baseline.
 */
export function notImprovingAlert(options: {
  reports: readonly PainReport[];
  programStartDay: Day;
  today: Day;
}): AlertFinding | null {
  const daysOnProgram = fullDaysSince(options.programStartDay, options.today);
  if (daysOnProgram < NOT_IMPROVING_MIN_DAYS) return null;
  const baseline = baselinePain(options.reports, options.programStartDay);
  const week = weekOfMorningPain(options.reports, options.today);
  if (baseline === undefined || week.mean === undefined) return null;
  if (!isAtLeast(baseline, NOT_IMPROVING_MIN_BASELINE)) return null;
  if (isMeaningfulChange(baseline, week.mean) && week.mean < baseline) return null;
  return fire(NOT_IMPROVING, {
    baseline,
    mean7: week.mean,
    reports7: week.count,
    daysOnProgram,
  });
}

/**
 * `safety-check-overdue@1` (low): no completed safety check on the 10 full days before today on
 * an active program (counted from the day after the last check, or from the program's first day).
 */
export function safetyCheckOverdueAlert(options: {
  lastSafetyCheckDay: Day | null;
  programStartDay: Day;
  today: Day;
}): AlertFinding | null {
  const { lastSafetyCheckDay: last, programStartDay: start, today } = options;
  const firstDayWithout = last !== null && last >= start ? addDays(last, 1) : start;
  const daysWithout = fullDaysSince(firstDayWithout, today);
  if (daysWithout < SAFETY_CHECK_OVERDUE_DAYS) return null;
  return fire(SAFETY_CHECK_OVERDUE, {
    lastSafetyCheckDay: last,
    programStartDay: start,
    daysWithout,
  });
}

/** Everything `evaluateAlerts` reads; `program` is null when the patient has no active program. */
export interface AlertInputs {
  today: Day;
  program: { versions: readonly VersionInfo[]; items: readonly ItemSchedule[] } | null;
  /** Pain reports from the program's first day, or at least the last 14 days and its first 7. */
  reports: readonly PainReport[];
  /** Exercise logs of at least the last 7 days. */
  sessions: readonly ExerciseSession[];
  lastCheckInDay: Day | null;
  /** The day of the latest completed safety check, or null. */
  lastSafetyCheckDay: Day | null;
  /** The red-flag pause in force today, if any. */
  pause: RedFlagPause | null;
}

/**
 * Runs every rule of CLINICAL.md, "Alerts", but the red flags, which are raised when the answer
 * arrives. During the red-flag pause nothing is evaluated (example 11): the caller must then leave
 * every open alert as it is. Without an active program nothing can fire.
 */
export function evaluateAlerts(input: AlertInputs): AlertFinding[] {
  if (input.pause) return [];
  const start = input.program ? programStartDay(input.program.versions) : undefined;
  if (!input.program || start === undefined) return [];
  const { today, reports, sessions } = input;
  const common = { reports, programStartDay: start, today };
  return [
    painHighAlert({ reports, today }),
    painWorseningAlert(common),
    painOverLimitAlert({ reports, versions: input.program.versions, today }),
    notSettledAlert(common),
    lowAdherenceAlert({ items: input.program.items, sessions, programStartDay: start, today }),
    noCheckInAlert({ lastCheckInDay: input.lastCheckInDay, programStartDay: start, today }),
    safetyCheckOverdueAlert({
      lastSafetyCheckDay: input.lastSafetyCheckDay,
      programStartDay: start,
      today,
    }),
    notImprovingAlert(common),
  ].filter((a): a is AlertFinding => a !== null);
}
