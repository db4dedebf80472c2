import {
  and,
  asc,
  count,
  eq,
  fillPlaceholders,
  inArray,
  sql,
  type Placeholder,
  type SQL,
} from "drizzle-orm";
import type { Db } from "@/db/engine/types";
import { alerts, patients, patientSummaries, users } from "@/db/schema";
import type { Condition } from "@/db/schema/enums";
import { CASELOAD_SORT_IDS, NEEDS_ATTENTION_WORDS } from "@/lib/caseload-url";
import { perConnection } from "../prepared";
import type { ClinicScope } from "../scope";
import { minePrepared } from "@/server/data/clinic-data";

/** The sortable columns, shared with the page's address (lib/caseload-url.ts). */
export const CASELOAD_SORTS = CASELOAD_SORT_IDS;
export type CaseloadSort = (typeof CASELOAD_SORTS)[number];

export interface CaseloadInput {
  page: number;
  pageSize: number;
  sort: { id: CaseloadSort; desc: boolean };
  filters: {
    /** Only my patients (primary clinician = me). */
    mine: boolean;
    needsAttention: boolean;
    condition?: Condition | undefined;
    clinicianId?: string | undefined;
    status: "active" | "discharged" | "all";
    search?: string | undefined;
  };
}

/** An open medium alert counts towards "needs attention" for this long after its latest evidence. */
export const MEDIUM_ATTENTION_MS = 7 * 86_400_000;

/**
 * The unresolved alerts (status `open` or `acknowledged`) per patient of one clinic, by severity:
 * what the row's badges show and what "needs attention" reads. Only the clinic's unresolved rows
 * are read, through the (clinic_id, status) index: a year of resolved alerts is never scanned.
 */
function openAlertCounts(db: Db, onlyPatients?: Placeholder[]) {
  // Sums and the like come back as text from PostgreSQL (bigint): mapped to numbers on both.
  const n = (severity: string) =>
    sql<number>`sum(case when ${alerts.severity} = ${severity} then 1 else 0 end)`.mapWith(Number);
  return db
    .select({
      patientId: alerts.patientId,
      critical: n("critical").as("critical"),
      high: n("high").as("high"),
      medium: n("medium").as("medium"),
      low: n("low").as("low"),
      total: count().as("total"),
      // 0 = critical … 3 = low: the worst unresolved alert, for sorting.
      worst:
        sql<number>`min(case ${alerts.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end)`
          .mapWith(Number)
          .as("worst"),
      // 1 when an alert of this patient alone makes them "need attention" (see `needsAttention`).
      // The instant goes through the column, which stores it in its engine's form.
      attention: sql<number>`max(case
          when ${alerts.severity} in ('critical', 'high') then 1
          when ${alerts.severity} = 'medium' and ${alerts.status} = 'open'
            and ${alerts.updatedAt} >= ${sql.param(sql.placeholder("mediumSince"), alerts.updatedAt)} then 1
          else 0 end)`
        .mapWith(Number)
        .as("attention"),
    })
    .from(alerts)
    .where(
      and(
        minePrepared(alerts),
        inArray(alerts.status, ["open", "acknowledged"]),
        onlyPatients ? inArray(alerts.patientId, onlyPatients) : undefined,
      ),
    )
    .groupBy(alerts.patientId)
    .as("open_alerts");
}

/** The words the page shows beside the filter; `needsAttention` below is the rule itself. */
export { NEEDS_ATTENTION_WORDS };

/**
 * "Needs attention" (CLINICAL.md, "Alerts"), defined once for the filter, the row's flag and the
 * count:
 * - an unresolved critical or high alert, acknowledged or not: seeing it is not dealing with it.
 *   The red-flag pause holds the patient's red-flag alert unresolved, so it is covered here;
 * - or a medium alert nobody has acknowledged (status `open`) whose latest evidence is from the
 *   last 7 days. "From the last 7 days" reads `updated_at`, not `opened_at`: the alert writer
 *   moves `updated_at` when new evidence arrives, so a medium alert raised two weeks ago that
 *   fired again yesterday is as current as a new one, while one nothing has added to for a week
 *   has gone quiet. Seven days are counted back from the moment of the query (7 × 24 hours);
 * - or the advice is `regress`.
 * Low alerts show on the row but never count by themselves.
 */
function needsAttention(open: ReturnType<typeof openAlertCounts>): SQL {
  // coalesce: a patient without alerts or figures gets a plain false, never a SQL null.
  return sql`(coalesce(${open.attention}, 0) = 1 or coalesce(${patientSummaries.advice}, '') = 'regress')`;
}

const ADVICE_ORDER = sql`case ${patientSummaries.advice} when 'regress' then 0 when 'hold' then 1 when 'progress' then 2 when 'not_enough_data' then 3 end`;

function sortKeys(sort: CaseloadInput["sort"], open: ReturnType<typeof openAlertCounts>): SQL[] {
  const dir = (column: SQL | typeof patients.displayName) =>
    sort.desc ? sql`${column} desc nulls last` : sql`${column} asc nulls last`;
  switch (sort.id) {
    // lower(), not SQLite's `collate nocase`: the same case-blind order on both engines.
    case "name":
      return [dir(sql`lower(${patients.displayName})`)];
    case "condition":
      return [dir(sql`${patients.condition}`), asc(patients.displayName)];
    case "clinician":
      return [dir(sql`lower(${users.name})`), asc(patients.displayName)];
    case "version":
      // More days on the version = an earlier first day: ascending days is descending date.
      return [
        sort.desc
          ? sql`${patientSummaries.versionFromDay} asc nulls last`
          : sql`${patientSummaries.versionFromDay} desc nulls last`,
      ];
    case "lastCheckIn":
      return [dir(sql`${patientSummaries.lastCheckInAt}`)];
    case "adherence7":
      return [dir(sql`${patientSummaries.adherence7}`)];
    case "adherence28":
      return [dir(sql`${patientSummaries.adherence28}`)];
    case "pain":
      return [dir(sql`${patientSummaries.morningPain}`)];
    case "painChange":
      return [dir(sql`${patientSummaries.painChange}`)];
    case "alerts":
      // Ascending = most urgent first: worst severity, then how many.
      return sort.desc
        ? [sql`${open.worst} desc nulls first`, sql`coalesce(${open.total}, 0) asc`]
        : [sql`${open.worst} asc nulls last`, sql`${open.total} desc`];
    case "advice":
      return [dir(ADVICE_ORDER)];
  }
}

type Shape = {
  mine: boolean;
  needsAttention: boolean;
  condition: boolean;
  clinician: boolean;
  status: CaseloadInput["filters"]["status"];
  search: boolean;
  sort: CaseloadInput["sort"];
};

const p = (name: string) => sql.placeholder(name);

/** The shape in a statement name: PostgreSQL needs one name per distinct statement. */
function shapeName(shape: Shape): string {
  const flags = [shape.mine, shape.needsAttention, shape.condition, shape.clinician, shape.search]
    .map(Number)
    .join("");
  return `${flags}_${shape.status}_${shape.sort.id}_${shape.sort.desc ? "desc" : "asc"}`;
}

/**
 * Whether the shape chooses its page by the open alerts (the "needs attention" filter, the alerts
 * sort). Then the page is read in one statement with every unresolved alert of the clinic
 * counted; otherwise the page is chosen from the patients alone and only its rows' alerts are
 * counted afterwards (`pageAlerts`), which at clinic scale reads a few dozen alerts, not 2,000.
 */
function choosesByAlerts(shape: Shape): boolean {
  return shape.needsAttention || shape.sort.id === "alerts";
}

/** The row's own columns: the patient, their clinician and the caseload figures. */
function rowColumns() {
  return {
    id: patients.id,
    displayName: patients.displayName,
    condition: patients.condition,
    status: patients.status,
    clinicianId: patients.primaryClinicianId,
    clinicianName: users.name,
    day: patientSummaries.day,
    versionNumber: patientSummaries.versionNumber,
    versionFromDay: patientSummaries.versionFromDay,
    lastCheckInAt: patientSummaries.lastCheckInAt,
    lastCheckInDay: patientSummaries.lastCheckInDay,
    adherence7: patientSummaries.adherence7,
    adherence28: patientSummaries.adherence28,
    morningPain: patientSummaries.morningPain,
    baselinePain: patientSummaries.baselinePain,
    painChange: patientSummaries.painChange,
    improved: patientSummaries.improved,
    worsening: patientSummaries.worsening,
    advice: patientSummaries.advice,
    redFlag: patientSummaries.redFlag,
    unreadMessages: patientSummaries.unreadMessages,
    outcomeMeasureId: patientSummaries.outcomeMeasureId,
    outcomeScore: patientSummaries.outcomeScore,
    outcomeChange: patientSummaries.outcomeChange,
    outcomeMeaningful: patientSummaries.outcomeMeaningful,
  };
}

/** The alert columns of a row, from the open-alert counts joined to it. */
function alertColumns(open: ReturnType<typeof openAlertCounts>) {
  return {
    critical: open.critical,
    high: open.high,
    medium: open.medium,
    low: open.low,
    needsAttention: needsAttention(open).mapWith(Boolean),
  };
}

/**
 * The statements of one shape of query (which filters are on, which sort), built once with
 * placeholders for every value: building the SQL costs more than running it at clinic scale.
 */
function prepareShape(db: Db, shape: Shape) {
  const open = openAlertCounts(db);
  const where: SQL[] = [minePrepared(patients)];
  if (shape.mine) where.push(eq(patients.primaryClinicianId, p("userId")));
  if (shape.clinician) where.push(eq(patients.primaryClinicianId, p("clinicianId")));
  if (shape.condition) where.push(eq(patients.condition, p("condition")));
  if (shape.status !== "all") where.push(eq(patients.status, shape.status));
  if (shape.needsAttention) where.push(needsAttention(open));
  // Case-blind on both engines (SQLite's LIKE is, PostgreSQL's is not): both sides lowered.
  if (shape.search) {
    where.push(sql`lower(${patients.displayName}) like lower(${p("pattern")}) escape '\\'`);
  }
  const condition = and(...where);
  const name = shapeName(shape);
  if (!choosesByAlerts(shape)) {
    return {
      withAlerts: false as const,
      rows: db
        .select(rowColumns())
        .from(patients)
        .innerJoin(users, eq(users.id, patients.primaryClinicianId))
        .leftJoin(patientSummaries, eq(patientSummaries.patientId, patients.id))
        .where(condition)
        .orderBy(...sortKeys(shape.sort, open), asc(patients.id))
        .limit(p("limit"))
        .offset(p("offset"))
        .prepare(`caseload_rows_${name}`),
      // Every condition is on the patient's own row: nothing to join to count them.
      total: db
        .select({ n: count() })
        .from(patients)
        .where(condition)
        .prepare(`caseload_total_${name}`),
    };
  }
  return {
    withAlerts: true as const,
    rows: db
      .select({ ...rowColumns(), ...alertColumns(open) })
      .from(patients)
      .innerJoin(users, eq(users.id, patients.primaryClinicianId))
      .leftJoin(patientSummaries, eq(patientSummaries.patientId, patients.id))
      .leftJoin(open, eq(open.patientId, patients.id))
      .where(condition)
      .orderBy(...sortKeys(shape.sort, open), asc(patients.id))
      .limit(p("limit"))
      .offset(p("offset"))
      .prepare(`caseload_rows_${name}`),
    total: db
      .select({ n: count() })
      .from(patients)
      .leftJoin(patientSummaries, eq(patientSummaries.patientId, patients.id))
      .leftJoin(open, eq(open.patientId, patients.id))
      .where(condition)
      .prepare(`caseload_total_${name}`),
  };
}

/**
 * The alert columns of the rows of one page of `size` patients, counted from those patients'
 * unresolved alerts only; one statement per page size on a connection.
 */
const pageAlertStatements = perConnection(
  () => new Map<number, ReturnType<typeof preparePageAlerts>>(),
);

function preparePageAlerts(db: Db, size: number) {
  const ids = Array.from({ length: size }, (_, i) => p(`patient${i}`));
  const open = openAlertCounts(db, ids);
  return db
    .select({ patientId: patients.id, ...alertColumns(open) })
    .from(patients)
    .leftJoin(patientSummaries, eq(patientSummaries.patientId, patients.id))
    .leftJoin(open, eq(open.patientId, patients.id))
    .where(minePrepared(patients, inArray(patients.id, ids)))
    .prepare(`caseload_page_alerts_${size}`);
}

function pageAlerts(db: Db, size: number) {
  const bySize = pageAlertStatements(db);
  let statement = bySize.get(size);
  if (!statement) {
    statement = preparePageAlerts(db, size);
    bySize.set(size, statement);
  }
  return statement;
}

/** The shapes prepared so far on a connection. */
const prepared = perConnection(() => new Map<string, ReturnType<typeof prepareShape>>());

function statementsFor(db: Db, shape: Shape) {
  const byShape = prepared(db);
  const key = JSON.stringify(shape);
  let statements = byShape.get(key);
  if (!statements) {
    statements = prepareShape(db, shape);
    byShape.set(key, statements);
  }
  return statements;
}

/**
 * The caseload: one page of the clinic's patients with the figures of CLINICAL.md, sorted,
 * filtered and searched in one SQL statement over `patient_summaries` (decision 010), plus one
 * count. Another clinic's patients never match. `now` is the moment "the last 7 days" of
 * "needs attention" ends (the bench passes its build's clock).
 */
export async function listCaseload(options: {
  scope: ClinicScope;
  input: CaseloadInput;
  now?: Date;
}) {
  const { scope, input } = options;
  const { rows, total } = await scope.data.read(async (db) => {
    const { statements, values } = bind(db, options);
    const [counted] = await statements.total.execute(values);
    const total = counted?.n ?? 0;
    if (statements.withAlerts) return { rows: await statements.rows.execute(values), total };
    const page = await statements.rows.execute(values);
    if (page.length === 0) return { rows: [], total };
    const alertsOf = new Map(
      (
        await pageAlerts(db, page.length).execute({
          ...values,
          ...Object.fromEntries(page.map((row, i) => [`patient${i}`, row.id])),
        })
      ).map(({ patientId, ...a }) => [patientId, a]),
    );
    return { rows: page.map((row) => ({ ...row, ...alertsOf.get(row.id)! })), total };
  });
  return {
    rows: rows.map(({ critical, high, medium, low, ...r }) => ({
      ...r,
      improved: r.improved ?? false,
      worsening: r.worsening ?? false,
      redFlag: r.redFlag ?? false,
      unreadMessages: r.unreadMessages ?? 0,
      openAlerts: { critical: critical ?? 0, high: high ?? 0, medium: medium ?? 0, low: low ?? 0 },
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** The prepared statements of this request's shape and the values for their placeholders. */
function bind(db: Db, options: { scope: ClinicScope; input: CaseloadInput; now?: Date }) {
  const { scope, input } = options;
  const now = options.now ?? new Date();
  const { filters } = input;
  const search = filters.search?.trim();
  const statements = statementsFor(db, {
    mine: filters.mine,
    needsAttention: filters.needsAttention,
    condition: Boolean(filters.condition),
    clinician: Boolean(filters.clinicianId),
    status: filters.status,
    search: Boolean(search),
    sort: { id: input.sort.id, desc: input.sort.desc },
  });
  const values = {
    clinicId: scope.data.clinicId,
    userId: scope.userId,
    clinicianId: filters.clinicianId ?? "",
    condition: filters.condition ?? "",
    pattern: search ? `%${search.replace(/[%_\\]/g, "\\$&")}%` : "",
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
    mediumSince: new Date(now.getTime() - MEDIUM_ATTENTION_MS),
  };
  return { statements, values };
}

/**
 * The page's and the count's SQL with their values, as the driver receives them, so a test can
 * ask the engine for its plan (the alerts must be read through the (clinic_id, status) index,
 * never scanned).
 */
export async function caseloadQueries(options: {
  scope: ClinicScope;
  input: CaseloadInput;
  now?: Date;
}): Promise<{ sql: string; params: unknown[] }[]> {
  return options.scope.data.read(async (db) => {
    const { statements, values } = bind(db, options);
    return [statements.rows, statements.total].map((statement) => {
      const query = statement.getQuery();
      return { sql: query.sql, params: fillPlaceholders(query.params, values) };
    });
  });
}

/** The clinic's staff, for the clinician filter. */
export async function caseloadClinicians(options: { scope: ClinicScope }) {
  const { scope } = options;
  return scope.data.read((db) =>
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(scope.data.mine(users))
      .orderBy(asc(users.name)),
  );
}
