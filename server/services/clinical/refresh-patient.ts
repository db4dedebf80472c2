import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alerts, patientSummaries } from "@/db/schema";
import type { ActorKind } from "@/db/schema/enums";
import { recordAudit } from "@/server/audit";
import { ALERT_RULES, type AlertFinding, type AlertKind } from "@/server/domain/alert-rules";
import { addDays, startOfDayInZone } from "@/server/domain/days";
import { patientFigures, type PatientFigures } from "@/server/domain/patient-figures";
import { loadPatientRecord, type LoadedPatient } from "./load-patient-record";

/** Who caused the re-evaluation, for the audit trail. */
export interface Actor {
  kind: ActorKind;
  id: string | null;
  ip?: string | null;
}

/**
 * Raised only by the safety check itself (red-flag-alerts.ts), at the moment of the answer, so a
 * later re-evaluation never reopens one a clinician has resolved.
 */
const RAISED_ELSEWHERE: readonly AlertKind[] = ["red-flag-emergency", "red-flag-urgent"];

/**
 * These describe a state that ends by itself (the patient checks in again, adherence recovers):
 * when the rule stops firing the alert resolves, as the system. The others are about pain and wait
 * for a clinician to decide. Decision 010.
 */
const RESOLVE_WHEN_CLEARED: readonly AlertKind[] = ["no-check-in", "low-adherence"];

function writeSummary(tx: DbOrTx, loaded: LoadedPatient, figures: PatientFigures, now: Date) {
  const { record } = loaded;
  const values = {
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
    redFlag: figures.redFlag,
  };
  tx.insert(patientSummaries)
    .values({ patientId: loaded.patientId, ...values })
    .onConflictDoUpdate({ target: patientSummaries.patientId, set: values })
    .run();
}

function sameInputs(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Keeps one unresolved alert per patient and kind (CLINICAL.md, "Alerts"): a rule that fires
 * raises a new alert or updates the open one with the new numbers; a state-like rule that no
 * longer fires resolves its alert. Audit rows name the alert and its kind, never the numbers.
 */
function reconcileAlerts(
  tx: DbOrTx,
  loaded: LoadedPatient,
  findings: readonly AlertFinding[],
  actor: Actor,
  now: Date,
): void {
  const { clinicId, patientId } = loaded;
  const open = tx
    .select({ id: alerts.id, kind: alerts.kind, inputs: alerts.inputs, status: alerts.status })
    .from(alerts)
    .where(
      and(
        eq(alerts.patientId, patientId),
        eq(alerts.clinicId, clinicId),
        ne(alerts.status, "resolved"),
      ),
    )
    .all();
  const openByKind = new Map(open.map((a) => [a.kind, a]));
  const audit = (action: string, alertId: string, after: Record<string, unknown>) =>
    recordAudit(tx, {
      clinicId,
      actorKind: actor.kind,
      actorId: actor.id,
      action,
      entityType: "alert",
      entityId: alertId,
      patientId,
      after,
      ip: actor.ip ?? null,
      at: now,
    });

  const firing = new Set<string>();
  for (const finding of findings) {
    if (RAISED_ELSEWHERE.includes(finding.kind)) continue;
    firing.add(finding.kind);
    const existing = openByKind.get(finding.kind);
    if (existing) {
      if (sameInputs(existing.inputs, finding.inputs)) continue;
      tx.update(alerts)
        .set({ inputs: finding.inputs, updatedAt: now })
        .where(eq(alerts.id, existing.id))
        .run();
      audit("alert.update", existing.id, { kind: finding.kind, status: existing.status });
      continue;
    }
    const created = tx
      .insert(alerts)
      .values({
        clinicId,
        patientId,
        kind: finding.kind,
        severity: finding.severity,
        ruleId: finding.ruleId,
        ruleVersion: finding.ruleVersion,
        inputs: finding.inputs,
        openedAt: now,
        updatedAt: now,
      })
      .returning({ id: alerts.id })
      .get();
    audit("alert.raise", created.id, { kind: finding.kind, severity: finding.severity });
  }

  for (const alert of open) {
    const kind = alert.kind as AlertKind;
    if (firing.has(kind) || !RESOLVE_WHEN_CLEARED.includes(kind)) continue;
    tx.update(alerts)
      .set({ status: "resolved", resolvedAt: now, updatedAt: now })
      .where(eq(alerts.id, alert.id))
      .run();
    recordAudit(tx, {
      clinicId,
      actorKind: "system",
      actorId: null,
      action: "alert.resolve_cleared",
      entityType: "alert",
      entityId: alert.id,
      patientId,
      before: { status: alert.status },
      after: { kind, status: "resolved", rule: ALERT_RULES[kind].ruleId },
      at: now,
    });
  }
}

/**
 * Re-evaluates one patient in the caller's transaction: the caseload figures are rewritten and
 * the alerts raised, updated or cleared. Call it wherever a check-in, a program version or the
 * patient's status is written, so the figures are never older than the data they come from.
 * Returns the figures, or null when the patient is not in this clinic.
 */
export function refreshPatient(options: {
  tx: DbOrTx;
  clinicId: string;
  patientId: string;
  now: Date;
  actor: Actor;
}): PatientFigures | null {
  const { tx, now } = options;
  const loaded = loadPatientRecord({
    db: tx,
    clinicId: options.clinicId,
    patientId: options.patientId,
    now,
  });
  if (!loaded) return null;
  const active = loaded.status === "active";
  const figures = patientFigures(
    active ? loaded.record : { ...loaded.record, versions: [], redFlagAnswers: [] },
  );
  writeSummary(tx, loaded, figures, now);
  if (active) reconcileAlerts(tx, loaded, figures.alerts, options.actor, now);
  return figures;
}
