// The normalised form (./shape.ts) of a live PostgreSQL database's public schema, read from its
// catalogue, plus what SQLite has no word for: row-level security and statement triggers.
import type pg from "pg";
import {
  type SchemaShape,
  type TableShape,
  foreignKeyText,
  normaliseDefault,
  normaliseExpr,
} from "./shape";

type Query = <T>(text: string, values?: unknown[]) => Promise<T[]>;

const ACTIONS: Record<string, string> = {
  a: "no action",
  r: "restrict",
  c: "cascade",
  n: "set null",
  d: "set default",
};

/** Column names of a constraint's or index's attribute numbers, in their order. */
const attnames = (keys: string, rel: string) =>
  `array(select a.attname::text from unnest(${keys}) with ordinality k(n, o)
     join pg_attribute a on a.attrelid = ${rel} and a.attnum = k.n order by k.o)`;

async function tableShape(q: Query, oid: number): Promise<TableShape> {
  const t: TableShape = { columns: {}, primaryKey: [], foreignKeys: [], indexes: {}, checks: {} };
  const cols = await q<{ name: string; type: string; notnull: boolean; def: string | null }>(
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as notnull,
            pg_get_expr(d.adbin, d.adrelid) as def
     from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where a.attrelid = $1 and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [oid],
  );
  for (const c of cols) {
    t.columns[c.name] = { type: c.type, notNull: c.notnull, default: normaliseDefault(c.def) };
  }

  const cons = await q<{
    name: string;
    type: string;
    cols: string[];
    ref: string | null;
    refcols: string[];
    def: string;
    upd: string;
    del: string;
  }>(
    `select c.conname as name, c.contype as type, ${attnames("c.conkey", "c.conrelid")} as cols,
            r.relname as ref, ${attnames("c.confkey", "c.confrelid")} as refcols,
            pg_get_constraintdef(c.oid) as def, c.confupdtype as upd, c.confdeltype as del
     from pg_constraint c left join pg_class r on r.oid = c.confrelid where c.conrelid = $1`,
    [oid],
  );
  for (const c of cons) {
    if (c.type === "p") t.primaryKey = c.cols;
    if (c.type === "u") t.indexes[c.name] = { columns: c.cols, unique: true, where: null };
    if (c.type === "c") t.checks[c.name] = c.def.replace(/^CHECK\s*/i, "");
    if (c.type === "f") {
      t.foreignKeys.push(
        foreignKeyText({
          columns: c.cols,
          table: c.ref ?? "?",
          foreignColumns: c.refcols,
          onDelete: ACTIONS[c.del] ?? c.del,
          onUpdate: ACTIONS[c.upd] ?? c.upd,
        }),
      );
    }
  }
  t.foreignKeys.sort();

  // Indexes that back a constraint (primary key, unique) were read with the constraint.
  const indexes = await q<{ name: string; unique: boolean; cols: string[]; pred: string | null }>(
    `select x.relname as name, i.indisunique as unique, ${attnames("i.indkey", "i.indrelid")} as cols,
            pg_get_expr(i.indpred, i.indrelid) as pred
     from pg_index i join pg_class x on x.oid = i.indexrelid
     where i.indrelid = $1 and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
    [oid],
  );
  for (const ix of indexes) {
    t.indexes[ix.name] = {
      columns: ix.cols,
      unique: ix.unique,
      where: ix.pred === null ? null : normaliseExpr(ix.pred),
    };
  }
  return t;
}

export interface PgSecurity {
  /** Row-level security enabled, and forced on the tables' owner. */
  enabled: boolean;
  forced: boolean;
  policies: string[];
}

export interface LivePg {
  shape: SchemaShape;
  security: Record<string, PgSecurity>;
  /** `table:event` for each trigger that is not internal, e.g. `audit_events:truncate`. */
  triggers: string[];
}

/** Trigger event bits of pg_trigger.tgtype. */
const TRIGGER_EVENTS: [number, string][] = [
  [4, "insert"],
  [8, "delete"],
  [16, "update"],
  [32, "truncate"],
];

export async function livePg(client: pg.Client): Promise<LivePg> {
  const q: Query = async (text, values = []) => (await client.query(text, values)).rows;
  const tables = await q<{ name: string; oid: number; enabled: boolean; forced: boolean }>(
    `select c.relname as name, c.oid, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' order by 1`,
  );
  const shape: SchemaShape = {};
  const security: Record<string, PgSecurity> = {};
  for (const t of tables) {
    shape[t.name] = await tableShape(q, t.oid);
    const policies = await q<{ name: string }>(
      "select policyname as name from pg_policies where schemaname = 'public' and tablename = $1 order by 1",
      [t.name],
    );
    security[t.name] = {
      enabled: t.enabled,
      forced: t.forced,
      policies: policies.map((p) => p.name),
    };
  }
  const triggerRows = await q<{ table: string; type: number }>(
    `select c.relname as table, t.tgtype as type from pg_trigger t
     join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and not t.tgisinternal`,
  );
  const triggers = triggerRows
    .flatMap((r) =>
      TRIGGER_EVENTS.filter(([bit]) => r.type & bit).map(([, e]) => `${r.table}:${e}`),
    )
    .sort();
  return { shape, security, triggers };
}

/**
 * `shape` (drizzle's pg tables) with each CHECK as PostgreSQL itself stores it: added to an empty
 * copy of the live table and read back, so a CHECK compares by text with the live one instead of
 * by fingerprint. A CHECK the server refuses keeps its text with the error.
 */
export async function pgStoredChecks(client: pg.Client, shape: SchemaShape): Promise<SchemaShape> {
  const out: SchemaShape = {};
  for (const [table, t] of Object.entries(shape)) {
    const checks: Record<string, string> = {};
    const scratch = `identity_${table}`;
    await client.query(`create temp table "${scratch}" (like public."${table}")`);
    try {
      for (const [name, expr] of Object.entries(t.checks)) {
        try {
          await client.query(`alter table "${scratch}" add constraint "${name}" check (${expr})`);
          const { rows } = await client.query<{ def: string }>(
            `select pg_get_constraintdef(oid) as def from pg_constraint
             where conname = $1 and conrelid = $2::regclass`,
            [name, scratch],
          );
          checks[name] = rows[0]!.def.replace(/^CHECK\s*/i, "");
        } catch (error) {
          checks[name] = `${expr} (refused: ${error instanceof Error ? error.message : error})`;
        }
      }
    } finally {
      await client.query(`drop table "${scratch}"`);
    }
    out[table] = { ...t, checks };
  }
  return out;
}
