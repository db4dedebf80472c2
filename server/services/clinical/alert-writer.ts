import { eq } from "drizzle-orm";
import type { Tx } from "@/db/engine/types";
import { alerts } from "@/db/schema";
import type { ActorKind } from "@/db/schema/enums";
import { recordAudit } from "@/server/audit";
import type { AlertFinding } from "@/server/domain/alert-rules";
import { enqueueAlertNotifications } from "../notifications/alert-outbox";
import { readOpenAlerts, type OpenAlert } from "./open-alerts";

/** Who caused the write, for the audit trail. */
export interface Actor {
  kind: ActorKind;
  id: string | null;
  ip?: string | null;
}

function sameInputs(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The one place alerts are raised, updated and resolved, for every caller (the safety check, the
 * re-evaluation after each write, the sweep). One unresolved alert per patient and rule version
 * (CLINICAL.md, "Alerts"): a finding updates the open alert of its own rule id, so an old
 * version's alert stays as it was and new evidence goes to the current version's. Audit rows
 * name the alert, its kind and severity, never the numbers or answers.
 */
export class AlertWriter {
  private readonly byRule: Map<string, OpenAlert>;

  private constructor(
    private readonly tx: Tx,
    private readonly scope: { clinicId: string; patientId: string },
    private readonly actor: Actor,
    private readonly now: Date,
    open: readonly OpenAlert[],
  ) {
    this.byRule = new Map(open.map((a) => [a.ruleId, a]));
  }

  /**
   * A writer for one patient inside the caller's write. It starts from the patient's unresolved
   * alerts: `open` when the caller has just read them (the re-evaluation), else one read here.
   */
  static async open(
    tx: Tx,
    scope: { clinicId: string; patientId: string },
    actor: Actor,
    now: Date,
    open?: readonly OpenAlert[],
  ): Promise<AlertWriter> {
    return new AlertWriter(tx, scope, actor, now, open ?? (await readOpenAlerts(tx, scope)));
  }

  /** The unresolved alert of a rule id, if any. */
  openOf(ruleId: string): OpenAlert | undefined {
    return this.byRule.get(ruleId);
  }

  /**
   * Raises the finding's alert, or updates the open one of the same rule when the numbers moved.
   * A critical or high alert raised here is queued for the clinician and the admins in the same
   * transaction. `auditExtra` adds ids (never health data) to the audit row.
   */
  async write(
    finding: AlertFinding,
    auditExtra: Record<string, unknown> = {},
  ): Promise<{ alertId: string; change: "raised" | "updated" | "unchanged" }> {
    const { tx, scope, now } = this;
    const existing = this.byRule.get(finding.ruleId);
    if (existing) {
      if (sameInputs(existing.inputs, finding.inputs)) {
        return { alertId: existing.id, change: "unchanged" };
      }
      await tx
        .update(alerts)
        .set({ inputs: finding.inputs, updatedAt: now })
        .where(eq(alerts.id, existing.id));
      this.byRule.set(finding.ruleId, { ...existing, inputs: finding.inputs, updatedAt: now });
      await this.audit("alert.update", existing.id, {
        kind: finding.kind,
        status: existing.status,
        ...auditExtra,
      });
      return { alertId: existing.id, change: "updated" };
    }
    const [created] = await tx
      .insert(alerts)
      .values({
        clinicId: scope.clinicId,
        patientId: scope.patientId,
        kind: finding.kind,
        severity: finding.severity,
        ruleId: finding.ruleId,
        ruleVersion: finding.ruleVersion,
        inputs: finding.inputs,
        openedAt: now,
        updatedAt: now,
      })
      .returning({ id: alerts.id });
    if (!created) throw new Error("alert insert returned no row");
    this.byRule.set(finding.ruleId, {
      id: created.id,
      kind: finding.kind,
      ruleId: finding.ruleId,
      status: "open",
      inputs: finding.inputs,
      updatedAt: now,
    });
    await this.audit("alert.raise", created.id, {
      kind: finding.kind,
      severity: finding.severity,
      rule: finding.ruleId,
      ...auditExtra,
    });
    await enqueueAlertNotifications({
      tx,
      clinicId: scope.clinicId,
      patientId: scope.patientId,
      alertId: created.id,
      severity: finding.severity,
      now,
    });
    return { alertId: created.id, change: "raised" };
  }

  /** Resolves an alert whose state has ended by itself, as the system. */
  async resolveCleared(alert: OpenAlert): Promise<void> {
    const { tx, scope, now } = this;
    await tx
      .update(alerts)
      .set({ status: "resolved", resolvedAt: now, updatedAt: now })
      .where(eq(alerts.id, alert.id));
    this.byRule.delete(alert.ruleId);
    await recordAudit(tx, {
      clinicId: scope.clinicId,
      actorKind: "system",
      actorId: null,
      action: "alert.resolve_cleared",
      entityType: "alert",
      entityId: alert.id,
      patientId: scope.patientId,
      before: { status: alert.status },
      after: { kind: alert.kind, status: "resolved", rule: alert.ruleId },
      at: now,
    });
  }

  private async audit(action: string, alertId: string, after: Record<string, unknown>) {
    await recordAudit(this.tx, {
      clinicId: this.scope.clinicId,
      actorKind: this.actor.kind,
      actorId: this.actor.id,
      action,
      entityType: "alert",
      entityId: alertId,
      patientId: this.scope.patientId,
      after,
      ip: this.actor.ip ?? null,
      at: this.now,
    });
  }
}
