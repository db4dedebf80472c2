import { aliasedTable, and, asc, count, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alerts, clinics, patients, users } from "@/db/schema";
import type { AlertSeverity, AlertStatus } from "@/db/schema/enums";
import { recordAudit } from "@/server/audit";
import { refreshPatient } from "../clinical/refresh-patient";
import { ConflictError, NotFoundError } from "../errors";
import { perConnection, placeholder as p } from "../prepared";
import type { ClinicScope } from "../scope";

export interface ListAlertsInput {
  status: AlertStatus;
  mine: boolean;
  severity?: AlertSeverity | undefined;
  patientId?: string | undefined;
  page: number;
  pageSize: number;
}

const RED_FLAG_KINDS: readonly string[] = ["red-flag-emergency", "red-flag-urgent"];

const SEVERITY_RANK = sql<number>`case ${alerts.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;

/** Alerts still needing someone: the most severe first, then the longest waiting. */
const WAITING_ORDER = [SEVERITY_RANK, asc(alerts.openedAt), asc(alerts.id)];
/** Resolved alerts are history: the most recently resolved first. */
const HISTORY_ORDER = [desc(alerts.resolvedAt), asc(alerts.id)];

/** Which filters are on and which order applies: each shape is one pair of prepared statements. */
interface ListShape {
  history: boolean;
  mine: boolean;
  severity: boolean;
  patient: boolean;
}

/**
 * The inbox's two statements for one shape. The page's alerts are chosen from the alerts alone
 * (joined to patients only for "mine") and only those rows are joined to names: a clinic's year
 * of resolved alerts is sorted once, not joined row by row first. The count reads the index alone
 * unless "mine" needs the patient.
 */
function prepareList(db: DbOrTx, shape: ListShape) {
  const where: SQL[] = [eq(alerts.clinicId, p("clinicId")), eq(alerts.status, p("status"))];
  // Said outright so SQLite may read a patient's unresolved alerts through the partial index
  // alerts_one_open_rule_idx instead of every alert the patient ever had.
  if (!shape.history) where.push(ne(alerts.status, "resolved"));
  if (shape.mine) where.push(eq(patients.primaryClinicianId, p("userId")));
  if (shape.severity) where.push(eq(alerts.severity, p("severity")));
  if (shape.patient) where.push(eq(alerts.patientId, p("patientId")));
  const order = shape.history ? HISTORY_ORDER : WAITING_ORDER;
  const chosen = db.select({ id: alerts.id }).from(alerts).$dynamic();
  const counted = db.select({ n: count() }).from(alerts).$dynamic();
  if (shape.mine) {
    chosen.innerJoin(patients, eq(patients.id, alerts.patientId));
    counted.innerJoin(patients, eq(patients.id, alerts.patientId));
  }
  const page = chosen
    .where(and(...where))
    .orderBy(...order)
    .limit(p("limit"))
    .offset(p("offset"))
    .as("page");
  const acknowledger = aliasedTable(users, "acknowledger");
  const resolver = aliasedTable(users, "resolver");
  return {
    rows: db
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
        resolvedByName: resolver.name,
      })
      .from(page)
      .innerJoin(alerts, eq(alerts.id, page.id))
      .innerJoin(patients, eq(patients.id, alerts.patientId))
      .innerJoin(users, eq(users.id, patients.primaryClinicianId))
      .leftJoin(acknowledger, eq(acknowledger.id, alerts.acknowledgedBy))
      .leftJoin(resolver, eq(resolver.id, alerts.resolvedBy))
      .orderBy(...order)
      .prepare(),
    total: counted.where(and(...where)).prepare(),
  };
}

/** The shapes prepared so far on a connection (at most 16), and the clinic's time zone. */
const listStatements = perConnection((db) => ({
  shapes: new Map<string, ReturnType<typeof prepareList>>(),
  timeZone: db
    .select({ timeZone: clinics.timeZone })
    .from(clinics)
    .where(eq(clinics.id, p("clinicId")))
    .prepare(),
  patientInClinic: db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.id, p("patientId")), eq(patients.clinicId, p("clinicId"))))
    .prepare(),
}));

/**
 * The clinic's alerts: open and acknowledged ones most severe first and, within a severity, the
 * longest waiting first; resolved ones most recent first. Only the clinic's own alerts ever
 * match, so another clinic's alert reads as missing. One patient's list needs that patient in the
 * clinic: another clinic's patient is not found, like a missing one, and leaves no read row.
 */
export function listAlerts(options: { scope: ClinicScope; input: ListAlertsInput }) {
  const { scope, input } = options;
  const prepared = listStatements(scope.db);
  if (
    input.patientId !== undefined &&
    !prepared.patientInClinic.get({ patientId: input.patientId, clinicId: scope.clinicId })
  )
    throw new NotFoundError("That patient");
  const shape: ListShape = {
    history: input.status === "resolved",
    mine: input.mine,
    severity: input.severity !== undefined,
    patient: input.patientId !== undefined,
  };
  const key = JSON.stringify(shape);
  let q = prepared.shapes.get(key);
  if (!q) {
    q = prepareList(scope.db, shape);
    prepared.shapes.set(key, q);
  }
  const values = {
    clinicId: scope.clinicId,
    status: input.status,
    ...(shape.mine ? { userId: scope.userId } : {}),
    ...(shape.severity ? { severity: input.severity } : {}),
    ...(shape.patient ? { patientId: input.patientId } : {}),
  };
  const rows = q.rows.all({
    ...values,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  const total = q.total.get(values)?.n ?? 0;
  // Times are shown in the clinic's zone, so the server's render and the browser's agree.
  const timeZone = prepared.timeZone.get({ clinicId: scope.clinicId })?.timeZone ?? "UTC";
  return { rows, total, page: input.page, pageSize: input.pageSize, timeZone };
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

/** How many open critical alerts the banner on every staff page names one by one. */
export const BANNER_CRITICAL_LIMIT = 5;

/**
 * What every staff page shows: the open counts by severity and the open critical alerts, longest
 * waiting first (patient, kind and when; never the inputs). Two small statements on the
 * (clinic_id, status) index; the list is read only when there is a critical alert.
 */
export function openAlertSummary(options: { scope: ClinicScope }) {
  const { scope } = options;
  const counts = openAlertCounts({ scope });
  const critical =
    counts.critical === 0
      ? []
      : scope.db
          .select({
            id: alerts.id,
            patientId: alerts.patientId,
            patientName: patients.displayName,
            kind: alerts.kind,
            openedAt: alerts.openedAt,
          })
          .from(alerts)
          .innerJoin(patients, eq(patients.id, alerts.patientId))
          .where(
            and(
              eq(alerts.clinicId, scope.clinicId),
              eq(alerts.status, "open"),
              eq(alerts.severity, "critical"),
            ),
          )
          .orderBy(asc(alerts.openedAt), asc(alerts.id))
          .limit(BANNER_CRITICAL_LIMIT)
          .all();
  return { counts, critical };
}

/** Why a change cannot be made: said plainly, with what to do next. */
const ALREADY: Record<AlertStatus, string> = {
  open: "This alert is still open.",
  acknowledged:
    "A colleague has already acknowledged this alert. Reload the page to see their note.",
  resolved: "This alert has already been resolved. Reload the page to see the current alerts.",
};
const CHANGED = "This alert changed while you were looking at it. Reload the page and try again.";

/** What the audit trail keeps of an alert: ids, kind and status; never the inputs (health data). */
function auditState(alert: { id: string; patientId: string; kind: string }, status: AlertStatus) {
  return { alertId: alert.id, patientId: alert.patientId, kind: alert.kind, status };
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

/**
 * "I have seen this": only an open alert can be acknowledged; the note is optional. The audit
 * trail records that there was a note, never its text, which may describe the patient's health.
 */
export function acknowledgeAlert(options: {
  scope: ClinicScope;
  alertId: string;
  note: string | null;
  now?: Date;
}) {
  const { scope } = options;
  const now = options.now ?? new Date();
  const note = options.note?.trim() || null;
  return scope.db.transaction((tx) => {
    const alert = requireAlert(scope, tx, options.alertId);
    if (alert.status !== "open") throw new ConflictError(ALREADY[alert.status]);
    const { changes } = tx
      .update(alerts)
      .set({
        status: "acknowledged",
        acknowledgedBy: scope.userId,
        acknowledgedAt: now,
        acknowledgeNote: note,
        updatedAt: now,
      })
      .where(and(eq(alerts.id, alert.id), eq(alerts.status, "open")))
      .run();
    // A colleague's change that landed between the read and the write.
    if (changes === 0) throw new ConflictError(CHANGED);
    recordAudit(tx, {
      clinicId: scope.clinicId,
      actorKind: "user",
      actorId: scope.userId,
      action: "alert.acknowledge",
      entityType: "alert",
      entityId: alert.id,
      patientId: alert.patientId,
      before: auditState(alert, alert.status),
      after: { ...auditState(alert, "acknowledged"), hasNote: note !== null },
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
    if (alert.status === "resolved") throw new ConflictError(ALREADY.resolved);
    const { changes } = tx
      .update(alerts)
      .set({ status: "resolved", resolvedBy: scope.userId, resolvedAt: now, updatedAt: now })
      .where(and(eq(alerts.id, alert.id), eq(alerts.status, alert.status)))
      .run();
    if (changes === 0) throw new ConflictError(CHANGED);
    recordAudit(tx, {
      clinicId: scope.clinicId,
      actorKind: "user",
      actorId: scope.userId,
      action: "alert.resolve",
      entityType: "alert",
      entityId: alert.id,
      patientId: alert.patientId,
      before: auditState(alert, alert.status),
      after: auditState(alert, "resolved"),
      ip: scope.ip,
      at: now,
    });
    // Resolving a red flag may end the red-flag pause: every rule runs again at once (example 11).
    if (RED_FLAG_KINDS.includes(alert.kind)) {
      refreshPatient({
        tx,
        clinicId: scope.clinicId,
        patientId: alert.patientId,
        now,
        actor: { kind: "user", id: scope.userId, ip: scope.ip },
      });
    }
    return { id: alert.id, status: "resolved" as const };
  });
}
