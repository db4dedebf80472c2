import { aliasedTable, and, asc, count, eq, ne, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alerts, patients, users } from "@/db/schema";
import type { AlertSeverity, AlertStatus } from "@/db/schema/enums";
import { recordAudit } from "@/server/audit";
import { ConflictError, NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";

export interface ListAlertsInput {
  status: AlertStatus;
  mine: boolean;
  severity?: AlertSeverity | undefined;
  patientId?: string | undefined;
  page: number;
  pageSize: number;
}

const SEVERITY_RANK = sql<number>`case ${alerts.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;

/**
 * The clinic's alerts, most severe first and, within a severity, the longest waiting first. Only
 * the clinic's own alerts ever match, so another clinic's alert reads as missing.
 */
export function listAlerts(options: { scope: ClinicScope; input: ListAlertsInput }) {
  const { scope, input } = options;
  const acknowledger = aliasedTable(users, "acknowledger");
  const where: SQL[] = [eq(alerts.clinicId, scope.clinicId), eq(alerts.status, input.status)];
  if (input.mine) where.push(eq(patients.primaryClinicianId, scope.userId));
  if (input.severity) where.push(eq(alerts.severity, input.severity));
  if (input.patientId) where.push(eq(alerts.patientId, input.patientId));
  const condition = and(...where);
  const rows = scope.db
    .select({
      id: alerts.id,
      patientId: alerts.patientId,
      patientName: patients.displayName,
      clinicianName: users.name,
      kind: alerts.kind,
      severity: alerts.severity,
      ruleId: alerts.ruleId,
      ruleVersion: alerts.ruleVersion,
      inputs: alerts.inputs,
      status: alerts.status,
      openedAt: alerts.openedAt,
      updatedAt: alerts.updatedAt,
      acknowledgedAt: alerts.acknowledgedAt,
      acknowledgedByName: acknowledger.name,
      acknowledgeNote: alerts.acknowledgeNote,
      resolvedAt: alerts.resolvedAt,
    })
    .from(alerts)
    .innerJoin(patients, eq(patients.id, alerts.patientId))
    .innerJoin(users, eq(users.id, patients.primaryClinicianId))
    .leftJoin(acknowledger, eq(acknowledger.id, alerts.acknowledgedBy))
    .where(condition)
    .orderBy(SEVERITY_RANK, asc(alerts.openedAt), asc(alerts.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .all();
  const total =
    scope.db
      .select({ n: count() })
      .from(alerts)
      .innerJoin(patients, eq(patients.id, alerts.patientId))
      .where(condition)
      .get()?.n ?? 0;
  return { rows, total, page: input.page, pageSize: input.pageSize };
}

/** Open (unacknowledged) alerts by severity, for the navigation: the clinic's and mine. */
export function openAlertCounts(options: { scope: ClinicScope }) {
  const { scope } = options;
  const rows = scope.db
    .select({
      severity: alerts.severity,
      mine: sql<number>`sum(case when ${patients.primaryClinicianId} = ${scope.userId} then 1 else 0 end)`,
      n: count(),
    })
    .from(alerts)
    .innerJoin(patients, eq(patients.id, alerts.patientId))
    .where(and(eq(alerts.clinicId, scope.clinicId), eq(alerts.status, "open")))
    .groupBy(alerts.severity)
    .all();
  const by = (severity: AlertSeverity) => rows.find((r) => r.severity === severity)?.n ?? 0;
  return {
    total: rows.reduce((s, r) => s + r.n, 0),
    mine: rows.reduce((s, r) => s + (r.mine ?? 0), 0),
    critical: by("critical"),
    high: by("high"),
    medium: by("medium"),
    low: by("low"),
  };
}

function requireAlert(scope: ClinicScope, tx: DbOrTx, alertId: string) {
  const alert = tx
    .select({
      id: alerts.id,
      status: alerts.status,
      kind: alerts.kind,
      patientId: alerts.patientId,
    })
    .from(alerts)
    .where(and(eq(alerts.id, alertId), eq(alerts.clinicId, scope.clinicId)))
    .get();
  if (!alert) throw new NotFoundError("That alert");
  return alert;
}

/** "I have seen this": only an open alert can be acknowledged; the note is optional. */
export function acknowledgeAlert(options: {
  scope: ClinicScope;
  alertId: string;
  note: string | null;
  now?: Date;
}) {
  const { scope } = options;
  const now = options.now ?? new Date();
  return scope.db.transaction((tx) => {
    const alert = requireAlert(scope, tx, options.alertId);
    if (alert.status !== "open") {
      throw new ConflictError(
        alert.status === "resolved"
          ? "This alert was already resolved."
          : "This alert was already acknowledged.",
      );
    }
    tx.update(alerts)
      .set({
        status: "acknowledged",
        acknowledgedBy: scope.userId,
        acknowledgedAt: now,
        acknowledgeNote: options.note || null,
        updatedAt: now,
      })
      .where(and(eq(alerts.id, alert.id), eq(alerts.status, "open")))
      .run();
    recordAudit(tx, {
      clinicId: scope.clinicId,
      actorKind: "user",
      actorId: scope.userId,
      action: "alert.acknowledge",
      entityType: "alert",
      entityId: alert.id,
      patientId: alert.patientId,
      before: { status: alert.status },
      after: { status: "acknowledged", kind: alert.kind, hasNote: Boolean(options.note) },
      ip: scope.ip,
      at: now,
    });
    return { id: alert.id, status: "acknowledged" as const };
  });
}

/** Closes an open or acknowledged alert; a later firing of its rule opens a new one. */
export function resolveAlert(options: { scope: ClinicScope; alertId: string; now?: Date }) {
  const { scope } = options;
  const now = options.now ?? new Date();
  return scope.db.transaction((tx) => {
    const alert = requireAlert(scope, tx, options.alertId);
    if (alert.status === "resolved") throw new ConflictError("This alert was already resolved.");
    tx.update(alerts)
      .set({ status: "resolved", resolvedBy: scope.userId, resolvedAt: now, updatedAt: now })
      .where(and(eq(alerts.id, alert.id), ne(alerts.status, "resolved")))
      .run();
    recordAudit(tx, {
      clinicId: scope.clinicId,
      actorKind: "user",
      actorId: scope.userId,
      action: "alert.resolve",
      entityType: "alert",
      entityId: alert.id,
      patientId: alert.patientId,
      before: { status: alert.status },
      after: { status: "resolved", kind: alert.kind },
      ip: scope.ip,
      at: now,
    });
    return { id: alert.id, status: "resolved" as const };
  });
}
