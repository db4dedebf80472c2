import { and, eq, ne } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { alerts } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { RED_FLAG_EMERGENCY, RED_FLAG_URGENT, type AlertRule } from "@/server/domain/alert-rules";
import { RED_FLAG_QUESTIONS, type RedFlagLevel } from "@/server/domain/red-flags";
import type { PatientScope } from "../scope";

/** CLINICAL.md, "Alerts": the two red-flag rules, defined once with the other alert rules. */
const RED_FLAG_RULES: Record<RedFlagLevel, AlertRule> = {
  emergency: RED_FLAG_EMERGENCY,
  urgent: RED_FLAG_URGENT,
};

/**
 * Raises the red-flag alerts a safety check calls for, in the check-in's transaction: one per
 * level with a yes, holding the ids answered yes at that level. An unresolved alert of the same
 * kind is updated with the new evidence instead (the database allows only one).
 */
export function raiseRedFlagAlerts(options: {
  tx: Tx;
  scope: PatientScope;
  checkInId: string;
  day: string;
  answers: readonly { questionId: string; answer: boolean }[];
  now: Date;
}) {
  const { tx, scope, now } = options;
  const yes = new Set(options.answers.filter((a) => a.answer).map((a) => a.questionId));
  for (const level of ["emergency", "urgent"] as const) {
    const questionIds = RED_FLAG_QUESTIONS.filter((q) => q.level === level && yes.has(q.id)).map(
      (q) => q.id,
    );
    if (questionIds.length === 0) continue;
    const rule = RED_FLAG_RULES[level];
    const inputs = { questionIds, checkInId: options.checkInId, day: options.day };
    const open = tx
      .select({ id: alerts.id, inputs: alerts.inputs })
      .from(alerts)
      .where(
        and(
          eq(alerts.patientId, scope.patientId),
          eq(alerts.clinicId, scope.clinicId),
          eq(alerts.kind, rule.kind),
          ne(alerts.status, "resolved"),
        ),
      )
      .get();
    let alertId: string;
    if (open) {
      tx.update(alerts).set({ inputs, updatedAt: now }).where(eq(alerts.id, open.id)).run();
      alertId = open.id;
    } else {
      alertId = tx
        .insert(alerts)
        .values({
          clinicId: scope.clinicId,
          patientId: scope.patientId,
          kind: rule.kind,
          severity: rule.severity,
          ruleId: rule.ruleId,
          ruleVersion: rule.ruleVersion,
          inputs,
          openedAt: now,
          updatedAt: now,
        })
        .returning({ id: alerts.id })
        .get().id;
    }
    recordAudit(tx, {
      clinicId: scope.clinicId,
      actorKind: "patient_link",
      actorId: scope.linkId,
      action: open ? "alert.update" : "alert.raise",
      entityType: "alert",
      entityId: alertId,
      patientId: scope.patientId,
      // Which questions were answered yes stays in the alert row; the trail records the event.
      before: open ? { checkInId: open.inputs.checkInId ?? null } : null,
      after: {
        kind: rule.kind,
        severity: rule.severity,
        checkInId: options.checkInId,
        questionCount: questionIds.length,
      },
      ip: scope.ip,
      at: now,
    });
  }
}
