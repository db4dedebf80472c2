import { aliasedTable, and, asc, count, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/engine/types";
import { alerts, clinics, patients, users } from "@/db/schema";
import type { AlertSeverity, AlertStatus } from "@/db/schema/enums";
import { recordAudit } from "@/server/audit";
import { refreshPatient } from "../clinical/refresh-patient";
import { ConflictError, NotFoundError } from "../errors";
import { perConnection, placeholder as p } from "../prepared";
import type { ClinicScope } from "../scope";
import { minePrepared, clinicIsPrepared } from "@/server/data/clinic-data";

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
/**
 * Resolved alerts are history: the most recently resolved first. Nulls last said outright: SQLite
 * and PostgreSQL place them at opposite ends by default.
 */
const HISTORY_ORDER = [sql`${alerts.resolvedAt} desc nulls last`, asc(alerts.id)];

/** Which filters are on and which order applies: each shape is one pair of prepared statements. */
interface ListShape {
  history: boolean;
  mine: boolean;
  severity: boolean;
  patient: boolean;
}

/** The shape in a statement name: PostgreSQL needs one name per distinct statement. */
const shapeName = (shape: ListShape) =>
  [shape.history, shape.mine, shape.severity, shape.patient].map(Number).join("");

/**
 * The inbox's two statements for one shape. The page's alerts are chosen from the alerts alone
 * (joined to patients only for "mine") and only those rows are joined to names: a clinic's year
 * of resolved alerts is sorted once, not joined row by row first. The count reads the index alone
 * unless "mine" needs the patient.
 */
function prepareList(db: Db, shape: ListShape) {
  const where: SQL[] = [minePrepared(alerts), eq(alerts.status, p("status"))];
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
      .prepare(`alerts_list_rows_${shapeName(shape)}`),
    total: counted.where(and(...where)).prepare(`alerts_list_total_${shapeName(shape)}`),
  };
}

/** The shapes prepared so far on a connection (at most 16), and the clinic's time zone. */
const listStatements = perConnection((db) => ({
  shapes: new Map<string, ReturnType<typeof prepareList>>(),
  timeZone: db
    .select({ timeZone: clinics.timeZone })
    .from(clinics)
    .where(clinicIsPrepared(clinics.id))
    .limit(1)
    .prepare("alerts_list_time_zone"),
}));

/**
 * The clinic's alerts: open and acknowledged ones most severe first and, within a severity, the
 * longest waiting first; resolved ones most recent first. Only the clinic's own alerts ever
 * match, so another clinic's alert reads as missing. One patient's list needs that patient in the
 * clinic: another clinic's patient is not found, like a missing one, and leaves no read row.
 */
export async function listAlerts(options: { scope: ClinicScope; input: ListAlertsInput }) {
  const { scope, input } = options;
  const { data } = scope;
  const shape: ListShape = {
    history: input.status === "resolved",
    mine: input.mine,
    severity: input.severity !== undefined,
    patient: input.patientId !== undefined,
  };
  const values = {
    clinicId: data.clinicId,
    status: input.status,
    ...(shape.mine ? { userId: scope.userId } : {}),
    ...(shape.severity ? { severity: input.severity } : {}),
    ...(shape.patient ? { patientId: input.patientId } : {}),
  };
  return data.read(async (db) => {
    if (input.patientId !== undefined) await data.requirePatient(db, input.patientId);
    const prepared = listStatements(db);
    const key = JSON.stringify(shape);
    let q = prepared.shapes.get(key);
    if (!q) {
      q = prepareList(db, shape);
      prepared.shapes.set(key, q);
    }
    const rows = await q.rows.execute({
      ...values,
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    });
    const [counted] = await q.total.execute(values);
    // Times are shown in the clinic's zone, so the server's render and the browser's agree.
    const [clinic] = await prepared.timeZone.execute({ clinicId: data.clinicId });
    return {
      rows,
      total: counted?.n ?? 0,
      page: input.page,
      pageSize: input.pageSize,
      timeZone: clinic?.timeZone ?? "UTC",
    };
  });
}

/** How many open critical alerts the banner on every staff page names one by one. */
export const BANNER_CRITICAL_LIMIT = 5;

/**
 * The open-alert reads of every staff page's menu and banner, prepared once per connection: built
 * and prepared on each call they cost a third of the summary's time (issue 11's bench). Exported
 * for the test that reads their query plans.
 */
export const summaryStatements = perConnection((db) => ({
  /** The open (unacknowledged) alerts by severity: the clinic's and the caller's own patients'. */
  counts: db
    .select({
      severity: alerts.severity,
      mine: sql<number>`sum(case when ${patients.primaryClinicianId} = ${p("userId")} then 1 else 0 end)`.mapWith(
        Number,
      ),
      n: count(),
    })
    .from(alerts)
    .innerJoin(patients, eq(patients.id, alerts.patientId))
    .where(minePrepared(alerts, eq(alerts.status, "open")))
    .groupBy(alerts.severity)
    .prepare("alerts_open_counts"),
  critical: db
    .select({
      id: alerts.id,
      patientId: alerts.patientId,
      patientName: patients.displayName,
      kind: alerts.kind,
      openedAt: alerts.openedAt,
    })
    .from(alerts)
    .innerJoin(patients, eq(patients.id, alerts.patientId))
    .where(minePrepared(alerts, eq(alerts.status, "open"), eq(alerts.severity, "critical")))
    .orderBy(asc(alerts.openedAt), asc(alerts.id))
    .limit(BANNER_CRITICAL_LIMIT)
    .prepare("alerts_open_critical"),
}));

async function countOpenAlerts(db: Db, scope: ClinicScope) {
  const rows = await summaryStatements(db).counts.execute(
    scope.data.bind({ userId: scope.userId }),
  );
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

/** Open (unacknowledged) alerts by severity, for the navigation: the clinic's and mine. */
export async function openAlertCounts(options: { scope: ClinicScope }) {
  const { scope } = options;
  return scope.data.read((db) => countOpenAlerts(db, scope));
}

/**
 * What every staff page shows: the open counts by severity and the open critical alerts, longest
 * waiting first (patient, kind and when; never the inputs). Two small statements on the
 * (clinic_id, status) index; the list is read only when there is a critical alert.
 */
export async function openAlertSummary(options: { scope: ClinicScope }) {
  const { scope } = options;
  return scope.data.read(async (db) => {
    const counts = await countOpenAlerts(db, scope);
    const critical =
      counts.critical === 0 ? [] : await summaryStatements(db).critical.execute(scope.data.bind());
    return { counts, critical };
  });
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

async function requireAlert(scope: ClinicScope, tx: Tx, alertId: string) {
  const [alert] = await tx
    .select({
      id: alerts.id,
      status: alerts.status,
      kind: alerts.kind,
      patientId: alerts.patientId,
    })
    .from(alerts)
    .where(scope.data.mine(alerts, eq(alerts.id, alertId)))
    .limit(1);
  if (!alert) throw new NotFoundError("That alert");
  return alert;
}

/**
 * "I have seen this": only an open alert can be acknowledged; the note is optional. The audit
 * trail records that there was a note, never its text, which may describe the patient's health.
 */
export async function acknowledgeAlert(options: {
  scope: ClinicScope;
  alertId: string;
  note: string | null;
  now?: Date;
}) {
  const { scope } = options;
  const now = options.now ?? new Date();
  const note = options.note?.trim() || null;
  return scope.data.write(async (tx) => {
    const alert = await requireAlert(scope, tx, options.alertId);
    if (alert.status !== "open") throw new ConflictError(ALREADY[alert.status]);
    const changed = await tx
      .update(alerts)
      .set({
        status: "acknowledged",
        acknowledgedBy: scope.userId,
        acknowledgedAt: now,
        acknowledgeNote: note,
        updatedAt: now,
      })
      .where(scope.data.mine(alerts, eq(alerts.id, alert.id), eq(alerts.status, "open")))
      .returning({ id: alerts.id });
    // A colleague's change that landed between the read and the write.
    if (changed.length === 0) throw new ConflictError(CHANGED);
    await recordAudit(tx, {
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
export async function resolveAlert(options: { scope: ClinicScope; alertId: string; now?: Date }) {
  const { scope } = options;
  const now = options.now ?? new Date();
  return scope.data.write(
    async (tx) => {
      const alert = await requireAlert(scope, tx, options.alertId);
      if (alert.status === "resolved") throw new ConflictError(ALREADY.resolved);
      const changed = await tx
        .update(alerts)
        .set({ status: "resolved", resolvedBy: scope.userId, resolvedAt: now, updatedAt: now })
        .where(scope.data.mine(alerts, eq(alerts.id, alert.id), eq(alerts.status, alert.status)))
        .returning({ id: alerts.id });
      if (changed.length === 0) throw new ConflictError(CHANGED);
      await recordAudit(tx, {
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
        await refreshPatient({
          tx,
          clinicId: scope.data.clinicId,
          patientId: alert.patientId,
          now,
          actor: { kind: "user", id: scope.userId, ip: scope.ip },
        });
      }
      return { id: alert.id, status: "resolved" as const };
    },
    // The re-evaluation reads the open alerts and then writes them (one open alert per rule).
    { isolation: "serializable" },
  );
}
