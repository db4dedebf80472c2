/**
 * Everything the caseload and the alerts need about one patient on one day, from plain rows: the
 * figures of CLINICAL.md, the progression advice and the alerts that fire. One function, so the
 * caseload, the patient page and the alerts can never disagree.
 */
import { adherence } from "./adherence";
import { progressionAdvice, type AdviceResult } from "./advice";
import {
  evaluateAlerts,
  painWorseningAlert,
  redFlagPause,
  type AlertFinding,
  type OpenRedFlag,
  type RedFlagPause,
} from "./alert-rules";
import type { ExerciseSession, PainReport, VersionWithItems } from "./clinical-types";
import type { Day } from "./days";
import { baselinePain, isMeaningfulImprovement, weekOfMorningPain } from "./pain";
import { programStartDay, scheduleItems, versionOn } from "./timeline";

export interface PatientRecord {
  today: Day;
  /** The versions of the active program with their items; empty without one. */
  versions: readonly (VersionWithItems & { reason: string })[];
  /** Pain reports of at least the last 35 days and of the program's first 7. */
  reports: readonly PainReport[];
  /** Exercise logs of at least the last 28 days. */
  sessions: readonly ExerciseSession[];
  lastCheckInDay: Day | null;
  /** The day of the latest completed safety check, or null. */
  lastSafetyCheckDay: Day | null;
  /** Every unresolved red-flag alert, with the day of its latest yes. */
  openRedFlags: readonly OpenRedFlag[];
}

export interface PatientFigures {
  version: { number: number; reason: string; fromDay: Day } | null;
  programStartDay: Day | null;
  adherence7: number | undefined;
  adherence28: number | undefined;
  /** Mean `morning` pain of the 7 days ending today; undefined with fewer than 3 reports. */
  morningPain: number | undefined;
  morningReports7: number;
  baselinePain: number | undefined;
  /** morningPain − baselinePain (negative is better). */
  painChange: number | undefined;
  improved: boolean;
  worsening: boolean;
  /**
   * The red-flag pause in force (CLINICAL.md): no pain rule raises or updates an alert, nothing is
   * resolved, and the advice reads "red flag — see the alert".
   */
  pause: RedFlagPause | null;
  /** `pause !== null`, as the caseload stores it. */
  redFlag: boolean;
  /** Null without a program or during the red-flag pause. */
  advice: AdviceResult | null;
  /** The alerts that fire today (never the red flags, raised when the answer arrives). */
  alerts: AlertFinding[];
}

export function patientFigures(record: PatientRecord): PatientFigures {
  const { today, versions, reports, sessions } = record;
  const pause = redFlagPause(record.openRedFlags, today);
  const start = programStartDay(versions);
  const items = scheduleItems(versions);
  const current = versionOn(versions, today) ?? versions.at(-1);
  const week = weekOfMorningPain(reports, today);
  const baseline = start === undefined ? undefined : baselinePain(reports, start);
  const alerts = evaluateAlerts({
    today,
    program: versions.length > 0 ? { versions, items } : null,
    reports,
    sessions,
    lastCheckInDay: record.lastCheckInDay,
    lastSafetyCheckDay: record.lastSafetyCheckDay,
    pause,
  });
  const a = (days: number) =>
    current ? adherence({ items, sessions, today, days }).sessionAdherence : undefined;
  return {
    version: current
      ? { number: current.number, reason: current.reason, fromDay: current.fromDay }
      : null,
    programStartDay: start ?? null,
    adherence7: a(7),
    adherence28: a(28),
    morningPain: week.mean,
    morningReports7: week.count,
    baselinePain: baseline,
    painChange:
      week.mean !== undefined && baseline !== undefined ? week.mean - baseline : undefined,
    improved: isMeaningfulImprovement(baseline, week.mean),
    worsening:
      start !== undefined &&
      painWorseningAlert({ reports, programStartDay: start, today }) !== null,
    pause,
    redFlag: pause !== null,
    advice:
      current && !pause
        ? progressionAdvice({ today, version: current, reports, sessions, items })
        : null,
    alerts,
  };
}
