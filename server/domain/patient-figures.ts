/**
 * Everything the caseload and the alerts need about one patient on one day, from plain rows: the
 * figures of CLINICAL.md, the progression advice and the alerts that fire. One function, so the
 * caseload, the patient page and the alerts can never disagree.
 */
import { adherence } from "./adherence";
import { progressionAdvice, type AdviceResult } from "./advice";
import { evaluateAlerts, safetyOutcome, type AlertFinding } from "./alert-rules";
import type {
  ExerciseSession,
  PainReport,
  RedFlagAnswer,
  VersionWithItems,
} from "./clinical-types";
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
  /** The answers of the latest safety check of the last 7 days (empty when none). */
  redFlagAnswers: readonly RedFlagAnswer[];
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
  /** A red flag answered yes this week: all other scoring is bypassed (CLINICAL.md, example 9). */
  redFlag: boolean;
  /** Null without a program or while a red flag bypasses the advice. */
  advice: AdviceResult | null;
  /** The alerts that fire today, red flags included. */
  alerts: AlertFinding[];
}

export function patientFigures(record: PatientRecord): PatientFigures {
  const { today, versions, reports, sessions } = record;
  const redFlag = safetyOutcome(record.redFlagAnswers).bypassOtherScoring;
  const start = programStartDay(versions);
  const items = scheduleItems(versions);
  const current = versionOn(versions, today) ?? versions.at(-1);
  const week = weekOfMorningPain(reports, today);
  const baseline = start === undefined ? undefined : baselinePain(reports, start);
  const alerts = evaluateAlerts({
    today,
    redFlagAnswers: record.redFlagAnswers,
    program: versions.length > 0 ? { versions, items } : null,
    reports,
    sessions,
    lastCheckInDay: record.lastCheckInDay,
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
    worsening: alerts.some((f) => f.kind === "pain-worsening"),
    redFlag,
    advice:
      current && !redFlag
        ? progressionAdvice({ today, version: current, reports, sessions, items })
        : null,
    alerts,
  };
}
