// The normalised form (./shape.ts) of drizzle table definitions, PostgreSQL's or SQLite's.
import { type Column, getTableName, is, SQL } from "drizzle-orm";
import { PgDialect, PgTable, getTableConfig as pgTableConfig } from "drizzle-orm/pg-core";
import {
  SQLiteSyncDialect,
  SQLiteTable,
  getTableConfig as sqliteTableConfig,
} from "drizzle-orm/sqlite-core";
import { type SchemaShape, type TableShape, foreignKeyText, normaliseExpr } from "./shape";

/**
 * Drizzle's column kinds that mean the same on both engines, by one logical name. A kind missing
 * here shows as `unmapped:<kind>` and so as a difference.
 */
export const LOGICAL_TYPES: Record<string, string> = {
  PgText: "text",
  SQLiteText: "text",
  PgInteger: "integer",
  SQLiteInteger: "integer",
  PgDoublePrecision: "double",
  SQLiteReal: "double",
  PgBoolean: "boolean",
  SQLiteBoolean: "boolean",
  PgTimestamp: "timestamp",
  SQLiteTimestamp: "timestamp",
  PgJsonb: "json",
  SQLiteTextJson: "json",
};

/**
 * The PostgreSQL type each logical type must have (the decisions of issue 13): a timestamp with
 * another precision, or without time zone, is a difference too.
 */
export const PG_TYPE_OF: Record<string, string> = {
  text: "text",
  integer: "integer",
  double: "double precision",
  boolean: "boolean",
  timestamp: "timestamp(3) with time zone",
  json: "jsonb",
};

/** `timestamp (3) with time zone` as pg's format_type writes it. */
export const pgSqlType = (column: Column) => column.getSQLType().replace(/ \(/g, "(");

/** A drizzle default (a value, or SQL) as the SQL text a migration writes, casts left out. */
function defaultText(column: Column, render: (s: SQL) => string): string | null {
  const value: unknown = column.default;
  if (value === undefined) return null;
  if (is(value, SQL)) return render(value).toLowerCase();
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return `'${JSON.stringify(value)}'`;
}

export type ColumnTyping = "logical" | "sql";

function columnType(column: Column, kind: "pg" | "sqlite", typing: ColumnTyping): string {
  if (typing === "sql") return kind === "pg" ? pgSqlType(column) : column.getSQLType();
  const logical = LOGICAL_TYPES[column.columnType] ?? `unmapped:${column.columnType}`;
  if (kind === "pg" && PG_TYPE_OF[logical] !== pgSqlType(column)) {
    return `${logical} as ${pgSqlType(column)}`;
  }
  return logical;
}

const pgDialect = new PgDialect();
const sqliteDialect = new SQLiteSyncDialect();

/**
 * Reads every drizzle table among `tables` (the values of db/schema/pg.ts or sqlite.ts). `typing`:
 * logical types to compare the two engines' definitions, or each engine's SQL types to compare
 * a definition with a live database.
 */
export function drizzleShape(tables: Record<string, unknown>, typing: ColumnTyping): SchemaShape {
  const out: SchemaShape = {};
  for (const table of Object.values(tables)) {
    if (is(table, PgTable)) out[getTableName(table)] = pgTable(table, typing);
    else if (is(table, SQLiteTable)) out[getTableName(table)] = sqliteTable(table, typing);
  }
  return out;
}

interface AnyConfig {
  columns: Column[];
  indexes: { config: { name: string; columns: unknown[]; unique: boolean; where?: SQL } }[];
  foreignKeys: {
    reference(): { columns: Column[]; foreignColumns: Column[]; foreignTable: unknown };
    onDelete?: string;
    onUpdate?: string;
  }[];
  checks: { name: string; value: SQL }[];
  primaryKeys: { columns: Column[] }[];
  uniqueConstraints: { name?: string; columns: Column[] }[];
}

function shapeOf(
  config: AnyConfig,
  kind: "pg" | "sqlite",
  typing: ColumnTyping,
  render: (s: SQL) => string,
): TableShape {
  const t: TableShape = { columns: {}, primaryKey: [], foreignKeys: [], indexes: {}, checks: {} };
  for (const c of config.columns) {
    t.columns[c.name] = {
      type: columnType(c, kind, typing),
      notNull: c.notNull,
      default: defaultText(c, render),
    };
    if (c.primary) t.primaryKey.push(c.name);
    if (c.isUnique && c.uniqueName) {
      t.indexes[c.uniqueName] = { columns: [c.name], unique: true, where: null };
    }
  }
  for (const pk of config.primaryKeys) t.primaryKey.push(...pk.columns.map((c) => c.name));
  for (const u of config.uniqueConstraints) {
    t.indexes[u.name ?? "(unnamed unique)"] = {
      columns: u.columns.map((c) => c.name),
      unique: true,
      where: null,
    };
  }
  for (const { config: ix } of config.indexes) {
    t.indexes[ix.name] = {
      columns: ix.columns.map((c) => (c as { name?: string }).name ?? "(expression)"),
      unique: ix.unique,
      where: ix.where ? normaliseExpr(render(ix.where)) : null,
    };
  }
  t.foreignKeys = config.foreignKeys
    .map((fk) => {
      const ref = fk.reference();
      return foreignKeyText({
        columns: ref.columns.map((c) => c.name),
        table: getTableName(ref.foreignTable as PgTable),
        foreignColumns: ref.foreignColumns.map((c) => c.name),
        onDelete: fk.onDelete ?? "no action",
        onUpdate: fk.onUpdate ?? "no action",
      });
    })
    .sort();
  for (const ck of config.checks) t.checks[ck.name] = render(ck.value);
  return t;
}

function pgTable(table: PgTable, typing: ColumnTyping): TableShape {
  const render = (s: SQL) => pgDialect.sqlToQuery(s).sql;
  return shapeOf(pgTableConfig(table) as unknown as AnyConfig, "pg", typing, render);
}

function sqliteTable(table: SQLiteTable, typing: ColumnTyping): TableShape {
  const render = (s: SQL) => sqliteDialect.sqlToQuery(s).sql;
  return shapeOf(sqliteTableConfig(table) as unknown as AnyConfig, "sqlite", typing, render);
}

/** PostgreSQL tables with a clinic_id and what row-level security their definition declares. */
export function pgTenantPolicies(tables: Record<string, unknown>) {
  const out: Record<string, { enabled: boolean; policies: string[] }> = {};
  for (const table of Object.values(tables)) {
    if (!is(table, PgTable)) continue;
    const config = pgTableConfig(table);
    if (!config.columns.some((c) => c.name === "clinic_id")) continue;
    out[config.name] = {
      enabled: config.enableRLS || config.policies.length > 0,
      policies: config.policies.map((p) => p.name).sort(),
    };
  }
  return out;
}
