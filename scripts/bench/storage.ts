import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { Engine } from "@/db/engine";
import type { SqliteEngine } from "@/db/engine/sqlite";

/**
 * Where a database's bytes go, grouped by table with its indexes, so the bench can say what a
 * patient-year costs on disk and which index or table takes it. SQLite: read from the `dbstat`
 * virtual table (better-sqlite3 is built with SQLITE_ENABLE_DBSTAT_VTAB), every b-tree's pages.
 * PostgreSQL: each table's `pg_total_relation_size` (heap, TOAST and indexes), split into the
 * table's own part and each index's `pg_relation_size`.
 */

/** Why SQLite keeps an index: `pk` is the one a non-integer primary key needs, `u` a UNIQUE constraint, `c` a CREATE INDEX. */
export type IndexOrigin = "pk" | "u" | "c";

export interface IndexStorage {
  name: string;
  columns: string[];
  origin: IndexOrigin;
  partial: boolean;
  bytes: number;
  entries: number;
}

export interface TableStorage {
  name: string;
  /** The table's own b-tree, overflow pages included. */
  bytes: number;
  rows: number;
  indexes: IndexStorage[];
}

export interface StorageReport {
  pageSize: number;
  /** The main file's size: every b-tree plus the free pages. */
  fileBytes: number;
  freeBytes: number;
  /** Largest first (table and its indexes together). */
  tables: TableStorage[];
}

/** One b-tree as `dbstat` sums it. */
export interface BtreeSize {
  name: string;
  bytes: number;
  /** Cells on leaf pages: a table's rows (its interior cells are only keys). */
  leafCells: number;
  /** Cells on every page: an index's entries (an index b-tree keeps entries on interior pages too). */
  cells: number;
}

/** What the schema says about each b-tree: whose it is and, for an index, why it exists. */
export interface BtreeOwner {
  name: string;
  table: string;
  index?: { columns: string[]; origin: IndexOrigin; partial: boolean };
}

export const tableTotal = (t: TableStorage) =>
  t.bytes + t.indexes.reduce((sum, i) => sum + i.bytes, 0);

/** Groups b-tree sizes by table, largest table (with its indexes) first, indexes largest first. */
export function groupStorage(
  btrees: readonly BtreeSize[],
  owners: readonly BtreeOwner[],
  file: { pageSize: number; pageCount: number; freePages: number },
): StorageReport {
  const byName = new Map(owners.map((o) => [o.name, o]));
  const tables = new Map<string, TableStorage>();
  const tableOf = (name: string) => {
    let t = tables.get(name);
    if (!t) {
      t = { name, bytes: 0, rows: 0, indexes: [] };
      tables.set(name, t);
    }
    return t;
  };
  for (const b of btrees) {
    // The schema table has no row of its own in sqlite_schema; anything unnamed stands alone.
    const owner = byName.get(b.name) ?? { name: b.name, table: b.name };
    const table = tableOf(owner.table);
    if (owner.index) {
      table.indexes.push({ name: b.name, ...owner.index, bytes: b.bytes, entries: b.cells });
    } else {
      table.bytes += b.bytes;
      table.rows += b.leafCells;
    }
  }
  const sorted = [...tables.values()]
    .map((t) => ({ ...t, indexes: [...t.indexes].sort((a, b) => b.bytes - a.bytes) }))
    .sort((a, b) => tableTotal(b) - tableTotal(a) || a.name.localeCompare(b.name));
  return {
    pageSize: file.pageSize,
    fileBytes: file.pageSize * file.pageCount,
    freeBytes: file.pageSize * file.freePages,
    tables: sorted,
  };
}

/**
 * Reads every page of the main database once (a couple of seconds per GB); works on a read-only
 * connection and on `:memory:`.
 */
export function measureStorage(sqlite: Database.Database): StorageReport {
  const btrees = sqlite
    .prepare(
      `select name, sum(pgsize) as bytes,
              sum(case when pagetype = 'leaf' then ncell else 0 end) as leafCells,
              sum(ncell) as cells
         from dbstat('main') group by name`,
    )
    .all() as BtreeSize[];
  const schema = sqlite
    .prepare(
      "select type, name, tbl_name as tableName from sqlite_schema where type in ('table', 'index')",
    )
    .all() as { type: "table" | "index"; name: string; tableName: string }[];
  const indexList = sqlite.prepare("select name, origin, partial from pragma_index_list(?)");
  const indexInfo = sqlite.prepare("select name from pragma_index_info(?) order by seqno");
  const owners: BtreeOwner[] = [];
  for (const entry of schema) {
    if (entry.type === "table") {
      owners.push({ name: entry.name, table: entry.name });
      continue;
    }
    const listed = (
      indexList.all(entry.tableName) as { name: string; origin: IndexOrigin; partial: number }[]
    ).find((i) => i.name === entry.name);
    owners.push({
      name: entry.name,
      table: entry.tableName,
      index: {
        columns: (indexInfo.all(entry.name) as { name: string | null }[]).map(
          // An expression column has no name.
          (c) => c.name ?? "<expr>",
        ),
        origin: listed?.origin ?? "c",
        partial: listed?.partial === 1,
      },
    });
  }
  const pragma = (name: string) => Number(sqlite.pragma(name, { simple: true }));
  return groupStorage(btrees, owners, {
    pageSize: pragma("page_size"),
    pageCount: pragma("page_count"),
    freePages: pragma("freelist_count"),
  });
}

const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(1);
const pct = (part: number, whole: number) =>
  whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : "-";
const count = (n: number) => n.toLocaleString("en-GB");

/** Tables below this share of the file are summed on one line: they tell nothing per patient. */
const SMALL_SHARE = 0.001;

const indexLabel = (i: IndexStorage) =>
  `${i.name} (${i.columns.join(", ")})${i.origin === "pk" ? " primary key" : i.origin === "u" ? " unique" : ""}${i.partial ? " partial" : ""}`;

/**
 * The printable report: the figure per patient-year first, then each table with its rows, its own
 * megabytes, its indexes', its share of the file and its bytes per row (indexes included), each
 * index on its own line below it; the smallest tables on one line.
 */
export function formatStorage(report: StorageReport, patientYears: number): string[] {
  const total = report.fileBytes;
  const sum = (indexes: readonly IndexStorage[]) => indexes.reduce((s, i) => s + i.bytes, 0);
  const indexBytes = report.tables.reduce((s, t) => s + sum(t.indexes), 0);
  const pkBytes = report.tables.reduce(
    (s, t) => s + sum(t.indexes.filter((i) => i.origin === "pk")),
    0,
  );
  const large = report.tables.filter((t) => tableTotal(t) >= total * SMALL_SHARE);
  const small = report.tables.filter((t) => tableTotal(t) < total * SMALL_SHARE);
  const width =
    Math.max(
      20,
      ...large.map((t) => t.name.length),
      ...large.flatMap((t) => t.indexes.map((i) => indexLabel(i).length + 2)),
    ) + 2;
  const row = (label: string, rows: string, own: string, idx: string, share: string, per = "") =>
    `  ${label.padEnd(width)}${rows.padStart(12)}${own.padStart(9)}${idx.padStart(9)}${share.padStart(8)}${per.padStart(7)}`.trimEnd();
  const perPatientYear =
    patientYears > 0 ? `: ${(total / 1024 / patientYears).toFixed(0)} KB per patient-year` : "";
  const lines = [
    `Storage: ${mb(total)} MB for ${count(patientYears)} patient-years${perPatientYear}.`,
    `  Tables ${mb(total - indexBytes - report.freeBytes)} MB, indexes ${mb(indexBytes)} MB (${pct(indexBytes, total)}, of which ${mb(pkBytes)} MB index text primary keys)${report.freeBytes > 0 ? `, free pages ${mb(report.freeBytes)} MB` : ""}.`,
    row("table / index", "rows", "MB", "idx MB", "% file", "B/row"),
  ];
  for (const t of large) {
    lines.push(
      row(
        t.name,
        count(t.rows),
        mb(t.bytes),
        mb(sum(t.indexes)),
        pct(tableTotal(t), total),
        t.rows > 0 ? (tableTotal(t) / t.rows).toFixed(0) : "-",
      ),
    );
    for (const i of t.indexes)
      lines.push(row(`  ${indexLabel(i)}`, "", "", mb(i.bytes), pct(i.bytes, total)));
  }
  if (small.length > 0) {
    const bytes = small.reduce((s, t) => s + tableTotal(t), 0);
    lines.push(
      row(
        `${small.length} small tables`,
        count(small.reduce((s, t) => s + t.rows, 0)),
        mb(bytes),
        "",
        pct(bytes, total),
      ),
    );
  }
  return lines;
}

interface PgIndexRow {
  name: string;
  table: string;
  bytes: string;
  entries: number;
  primary: boolean;
  constraint: boolean;
  partial: boolean;
  columns: (string | null)[];
}

/**
 * The tables and indexes of the schema in use, with their sizes; row counts are exact (counted,
 * on the system path so row-level security hides none), index entries PostgreSQL's estimate.
 * The "file" is the sum of the tables' total sizes; PostgreSQL has no free pages to report.
 */
export async function measurePgStorage(engine: Engine): Promise<StorageReport> {
  return engine.read(null, async (db) => {
    const tables = await engine.rows<{ name: string; bytes: string; total: string; rows: string }>(
      db,
      sql`select c.relname as name, pg_table_size(c.oid)::text as bytes,
                 pg_total_relation_size(c.oid)::text as total,
                 (xpath('/row/n/text()', query_to_xml(
                   format('select count(*) as n from %I.%I', n.nspname, c.relname),
                   false, true, '')))[1]::text as rows
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = current_schema() and c.relkind in ('r', 'p')`,
    );
    const indexes = await engine.rows<PgIndexRow>(
      db,
      sql`select i.relname as name, t.relname as "table", pg_relation_size(i.oid)::text as bytes,
                 greatest(i.reltuples, 0)::float8 as entries, x.indisprimary as "primary",
                 exists (select 1 from pg_constraint k
                          where k.conindid = x.indexrelid and k.contype = 'u') as "constraint",
                 x.indpred is not null as partial,
                 array(select a.attname::text from unnest(x.indkey) with ordinality as k(attnum, at)
                         left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
                        order by k.at) as columns
            from pg_index x
            join pg_class i on i.oid = x.indexrelid
            join pg_class t on t.oid = x.indrelid
            join pg_namespace n on n.oid = t.relnamespace
           where n.nspname = current_schema()`,
    );
    const [block] = await engine.rows<{ size: string }>(
      db,
      sql`select current_setting('block_size') as size`,
    );
    return pgStorage(tables, indexes, Number(block!.size));
  });
}

/** The report from PostgreSQL's catalog figures (pure, for tests). */
export function pgStorage(
  tables: readonly { name: string; bytes: string; total: string; rows: string }[],
  indexes: readonly PgIndexRow[],
  pageSize: number,
): StorageReport {
  const btrees: BtreeSize[] = [];
  const owners: BtreeOwner[] = [];
  let total = 0;
  for (const t of tables) {
    total += Number(t.total);
    // The table's own part; its indexes are counted as themselves below.
    btrees.push({ name: t.name, bytes: Number(t.bytes), leafCells: Number(t.rows), cells: 0 });
    owners.push({ name: t.name, table: t.name });
  }
  for (const i of indexes) {
    btrees.push({ name: i.name, bytes: Number(i.bytes), leafCells: 0, cells: i.entries });
    owners.push({
      name: i.name,
      table: i.table,
      index: {
        // An expression column has no name.
        columns: i.columns.map((c) => c ?? "<expr>"),
        origin: i.primary ? "pk" : i.constraint ? "u" : "c",
        partial: i.partial,
      },
    });
  }
  return groupStorage(btrees, owners, {
    pageSize,
    pageCount: total / pageSize,
    freePages: 0,
  });
}

/** The engine's database, measured the way its engine allows. */
export async function measureEngineStorage(engine: Engine): Promise<StorageReport> {
  return engine.kind === "sqlite"
    ? measureStorage((engine as SqliteEngine).readerConnection)
    : measurePgStorage(engine);
}
