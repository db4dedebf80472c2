// The normalised form (./shape.ts) of a live SQLite database, read from its catalogue.
import type Database from "better-sqlite3";
import {
  type SchemaShape,
  type TableShape,
  foreignKeyText,
  normaliseDefault,
  normaliseExpr,
} from "./shape";

interface ColumnRow {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}
interface ForeignKeyRow {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string;
  on_update: string;
  on_delete: string;
}
interface IndexRow {
  name: string;
  unique: number;
  origin: string;
  partial: number;
}

/** `CONSTRAINT "name" CHECK(…)` clauses of a CREATE TABLE, to the matching parenthesis. */
function checksOf(createTable: string): Record<string, string> {
  const checks: Record<string, string> = {};
  const start = /CONSTRAINT\s+"([^"]+)"\s+CHECK\s*\(/gi;
  for (let m = start.exec(createTable); m; m = start.exec(createTable)) {
    let depth = 1;
    let end = start.lastIndex;
    for (; end < createTable.length && depth > 0; end++) {
      if (createTable[end] === "(") depth++;
      if (createTable[end] === ")") depth--;
    }
    checks[m[1]!] = createTable.slice(start.lastIndex, end - 1);
  }
  return checks;
}

function tableShape(db: Database.Database, name: string, createTable: string): TableShape {
  const cols = db.prepare("select * from pragma_table_xinfo(?)").all(name) as ColumnRow[];
  const t: TableShape = { columns: {}, primaryKey: [], foreignKeys: [], indexes: {}, checks: {} };
  for (const c of cols) {
    t.columns[c.name] = {
      type: c.type.toLowerCase(),
      notNull: c.notnull === 1 || c.pk > 0,
      default: normaliseDefault(c.dflt_value),
    };
  }
  t.primaryKey = cols
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);

  const fks = db.prepare("select * from pragma_foreign_key_list(?)").all(name) as ForeignKeyRow[];
  const byId = new Map<number, ForeignKeyRow[]>();
  for (const f of fks) byId.set(f.id, [...(byId.get(f.id) ?? []), f]);
  t.foreignKeys = [...byId.values()]
    .map((parts) => {
      parts.sort((a, b) => a.seq - b.seq);
      return foreignKeyText({
        columns: parts.map((f) => f.from),
        table: parts[0]!.table,
        foreignColumns: parts.map((f) => f.to),
        onDelete: parts[0]!.on_delete,
        onUpdate: parts[0]!.on_update,
      });
    })
    .sort();

  const indexes = db.prepare("select * from pragma_index_list(?)").all(name) as IndexRow[];
  for (const ix of indexes) {
    if (ix.origin === "pk") continue;
    const columns = db
      .prepare("select name from pragma_index_info(?) order by seqno")
      .pluck()
      .all(ix.name) as string[];
    const createIndex = db
      .prepare("select sql from sqlite_master where type = 'index' and name = ?")
      .pluck()
      .get(ix.name) as string | null | undefined;
    const where =
      ix.partial && createIndex
        ? normaliseExpr(createIndex.replace(/^[\s\S]*?\bWHERE\b/i, ""))
        : null;
    t.indexes[ix.name] = { columns, unique: ix.unique === 1, where };
  }
  t.checks = checksOf(createTable);
  return t;
}

/** Every table but SQLite's own and drizzle's journal. */
export function liveSqliteShape(db: Database.Database): SchemaShape {
  const tables = db
    .prepare(
      "select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
    .all() as { name: string; sql: string }[];
  return Object.fromEntries(tables.map(({ name, sql }) => [name, tableShape(db, name, sql)]));
}

/** `table:event` for each row trigger (`BEFORE UPDATE ON t`), e.g. `audit_events:delete`. */
export function liveSqliteTriggers(db: Database.Database): string[] {
  const rows = db
    .prepare("select sql from sqlite_master where type = 'trigger'")
    .pluck()
    .all() as string[];
  return rows
    .map((sql) =>
      /\b(?:BEFORE|AFTER|INSTEAD OF)\s+(INSERT|UPDATE|DELETE)\b.*?\bON\s+[`"]?(\w+)/i.exec(sql),
    )
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[2]}:${m[1]!.toLowerCase()}`)
    .sort();
}
