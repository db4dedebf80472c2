import { sql } from "drizzle-orm";
import type { Tx } from "@/db/engine/types";
import { patientSummaries } from "@/db/schema";
import { ALERT_RULES, type AlertKind } from "@/server/domain/alert-rules";
import { addDays, startOfDayInZone } from "@/server/domain/days";
import { patientFigures, type PatientFigures } from "@/server/domain/patient-figures";
import { driverValues, perConnection, valuePlaceholders } from "../prepared";
import { AlertWriter, type Actor } from "./alert-writer";
import { loadPatientRecord, type LoadedPatient } from "./load-patient-record";

export type { Actor };

/**
 * Raised only by the safety check itself (red-flag-alerts.ts), at the moment of the answer, so a
 * later re-evaluation never reopens one a clinician has resolved.
 */
const RAISED_ELSEWHERE: readonly AlertKind[] = ["red-flag-emergency", "red-flag-urgent"];

/**
 * These describe a state that ends by itself (the patient checks in again, adherence recovers, a
 * safety check is answered):
 * when the rule stops firing the alert resolves, as the system. The others are about pain and wait
 * for a clinician to decide. Decision 010.
 */
const RESOLVE_WHEN_CLEARED: readonly AlertKind[] = [
  "no-check-in",
  "low-adherence",
  "safety-check-overdue",
];

const SUMMARY_FIELDS = [
  "clinicId",
  "day",
  "computedAt",
  "validUntil",
  "versionNumber",
  "versionReason",
  "versionFromDay",
  "programStartDay",
  "lastCheckInAt",
  "lastCheckInDay",
  "adherence7",
  "adherence28",
  "morningPain",
  "morningReports7",
  "baselinePain",
  "painChange",
  "improved",
  "worsening",
  "advice",
  "adviceRule",
  "adviceDetail",
  "redFlag",
] as const;
type SummaryValues = { [K in (typeof SUMMARY_FIELDS)[number]]: unknown };

/** The upsert every re-evaluation runs, prepared once per connection. */
const upsertSummary = perConnection((db) => {
  // On conflict, take what the insert proposed (`excluded`): no second set of placeholders.
  const set = Object.fromEntries(
    SUMMARY_FIELDS.map((f) => [f, sql.raw(`excluded."${patientSummaries[f].name}"`)]),
  );
  return db
    .insert(patientSummaries)
    .values(valuePlaceholders(["patientId", ...SUMMARY_FIELDS]) as never)
    .onConflictDoUpdate({ target: patientSummaries.patientId, set })
    .prepare("clinical_upsert_summary");
});

async function writeSummary(tx: Tx, loaded: LoadedPatient, figures: PatientFigures, now: Date) {
  const { record } = loaded;
  const values: SummaryValues = {
    clinicId: loaded.clinicId,
    day: record.today,
    computedAt: now,
    validUntil: startOfDayInZone(addDays(record.today, 1), loaded.timeZone),
    versionNumber: figures.version?.number ?? null,
    versionReason: figures.version?.reason ?? null,
    versionFromDay: figures.version?.fromDay ?? null,
    programStartDay: figures.programStartDay,
    lastCheckInAt: loaded.lastCheckInAt,
    lastCheckInDay: record.lastCheckInDay,
    adherence7: figures.adherence7 ?? null,
    adherence28: figures.adherence28 ?? null,
    morningPain: figures.morningPain ?? null,
    morningReports7: figures.morningReports7,
    baselinePain: figures.baselinePain ?? null,
    painChange: figures.painChange ?? null,
    improved: figures.improved,
    worsening: figures.worsening,
    advice: figures.advice?.advice ?? null,
    adviceRule: figures.advice?.rule ?? null,
    // Never null from here: a null detail marks a row this function did not write (a test's
    // factory, a row from before the column), which the record page does not trust.
    adviceDetail: figures.advice
      ? { inputs: figures.advice.inputs, unmet: figures.advice.unmet }
      : {},
    redFlag: figures.redFlag,
  };
  await upsertSummary(tx).execute({
    patientId: loaded.patientId,
    ...driverValues(patientSummaries, values),
  });
}

/**
 * Keeps the alerts in line with today's findings (CLINICAL.md, "Alerts"): a rule that fires raises
 * its alert or updates the open one of the same rule version; a state-like rule that no longer
 * fires resolves its current version's alert. Alerts of retired rule versions are left as they
 * are, for a clinician to read and resolve. During the red-flag pause nothing is touched: no pain
 * rule raises or updates, and nothing is resolved because of the pause (example 11).
 */
async function reconcileAlerts(
  tx: Tx,
  loaded: LoadedPatient,
  figures: PatientFigures,
  actor: Actor,
  now: Date,
): Promise<void> {
  if (figures.pause) return;
  const writer = await AlertWriter.open(tx, loaded, actor, now, loaded.openAlerts);
  const firing = new Set<string>();
  for (const finding of figures.alerts) {
    if (RAISED_ELSEWHERE.includes(finding.kind)) continue;
    firing.add(finding.ruleId);
    await writer.write(finding);
  }
  for (const kind of RESOLVE_WHEN_CLEARED) {
    const rule = ALERT_RULES[kind];
    const open = writer.openOf(rule.ruleId);
    if (open && !firing.has(rule.ruleId)) await writer.resolveCleared(open);
  }
}

/**
 * Re-evaluates one patient in the caller's transaction: the caseload figures are rewritten and
 * the alerts raised, updated or cleared. Call it wherever a check-in, a program version or the
 * patient's status is written, so the figures are never older than the data they come from.
 * Returns the figures, or null when the patient is not in this clinic.
 */
export async function refreshPatient(options: {
  tx: Tx;
  clinicId: string;
  patientId: string;
  now: Date;
  actor: Actor;
}): Promise<PatientFigures | null> {
  const { tx, now } = options;
  const loaded = await loadPatientRecord({
    db: tx,
    clinicId: options.clinicId,
    patientId: options.patientId,
    now,
  });
  if (!loaded) return null;
  const active = loaded.status === "active";
  const figures = patientFigures(
    active ? loaded.record : { ...loaded.record, versions: [], openRedFlags: [] },
  );
  await writeSummary(tx, loaded, figures, now);
  if (active) await reconcileAlerts(tx, loaded, figures, options.actor, now);
  return figures;
}
