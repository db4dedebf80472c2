// One normalised form of a database's tables, read from drizzle's definitions or from a live
// database, so that the two engines' schemas (and each schema and its migrations) can be compared.

export interface ColumnShape {
  /** The engine's type, or a logical one (db/identity/drizzle-shape.ts). */
  type: string;
  notNull: boolean;
  /** The SQL default as the engine would write it (casts dropped), null for none. */
  default: string | null;
}

export interface IndexShape {
  columns: string[];
  unique: boolean;
  /** A partial index's condition (normalised), null for none. */
  where: string | null;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  /** `cols -> table(cols) on delete X on update Y`, sorted. */
  foreignKeys: string[];
  /** Unique constraints count as unique indexes: SQLite has only the latter. */
  indexes: Record<string, IndexShape>;
  /** CHECK name -> its expression as written or as the engine shows it. */
  checks: Record<string, string>;
}

export type SchemaShape = Record<string, TableShape>;

/**
 * CHECKs whose SQL differs by engine (the dialects' `fragments`): compared by name only across
 * engines. The fragments' answers are compared by db/identity.test.ts instead.
 */
export const ENGINE_SPECIFIC_CHECKS: ReadonlySet<string> = new Set([
  "check_ins_day_check",
  "clinical_note_revisions_day_check",
  "clinics_emergency_number_check",
  "goals_target_day_check",
  "measure_responses_day_check",
  "measure_schedules_day_check",
]);

/** `::text`, `::double precision`, `::text[]` … */
const CAST =
  /::(character varying|double precision|timestamp(\(\d\))? with time zone|[a-z0-9_]+)(\[\])?/gi;

/** Casts, quotes, table qualifiers, parentheses, case and spacing removed; `= ANY (ARRAY[…])` read as IN. */
export function normaliseExpr(expr: string): string {
  return expr
    .replace(CAST, "")
    .replace(/[`"]?[a-z_]+[`"]?\.(?=[`"]?[a-z_])/gi, "")
    .replace(/[`"]/g, "")
    .replace(/\s*=\s*any\s*\(\s*array\s*\[(.*?)\]\s*\)/gi, " in ($1)")
    .replace(/[()]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/**
 * A CHECK's literals and numbers, sorted: PostgreSQL rewrites BETWEEN and IN when it stores a
 * constraint, so a live pg CHECK is compared by what it mentions, not by its text.
 */
export function checkFingerprint(expr: string): string {
  const e = expr.replace(CAST, "");
  const literals = [...e.matchAll(/'((?:[^']|'')*)'/g)].map((m) => `'${m[1]}'`);
  const numbers = [...e.replace(/'(?:[^']|'')*'/g, "").matchAll(/\b\d+(\.\d+)?\b/g)].map(
    (m) => m[0],
  );
  return [...literals, ...numbers].sort().join(" ");
}

/** A default as SQL text without casts or outer parentheses: `'112'::text` reads `'112'`. */
export function normaliseDefault(value: string | null): string | null {
  if (value === null) return null;
  return value
    .replace(CAST, "")
    .replace(/^\((.*)\)$/, "$1")
    .toLowerCase();
}

export interface Projection {
  /** Maps one side's column type before comparing (e.g. a pg type to the SQLite type it means). */
  type?: (type: string) => string;
  /** How CHECK expressions are compared: as normalised text, or by fingerprint (SQLite vs live pg). */
  checks: "text" | "fingerprint";
}

function project(shape: SchemaShape, projection: Projection, crossEngine: boolean): SchemaShape {
  const out: SchemaShape = {};
  for (const [name, t] of Object.entries(shape)) {
    const columns: Record<string, ColumnShape> = {};
    for (const [c, col] of Object.entries(t.columns)) {
      columns[c] = { ...col, type: projection.type ? projection.type(col.type) : col.type };
    }
    const checks: Record<string, string> = {};
    for (const [c, expr] of Object.entries(t.checks)) {
      checks[c] =
        crossEngine && ENGINE_SPECIFIC_CHECKS.has(c)
          ? "(engine-specific)"
          : projection.checks === "text"
            ? normaliseExpr(expr)
            : checkFingerprint(expr);
    }
    out[name] = { ...t, columns, checks };
  }
  return out;
}

const keys = (...records: object[]) => [...new Set(records.flatMap((r) => Object.keys(r)))].sort();
const show = (v: unknown) => (v === undefined ? "missing" : JSON.stringify(v));

interface Side {
  label: string;
  shape: SchemaShape;
  projection: Projection;
}

/**
 * Every difference between two schemas, one line each; empty means identical. `crossEngine`:
 * the two sides are different engines, so engine-specific CHECKs are compared by name only.
 */
export function diffSchemas(a: Side, b: Side, options: { crossEngine: boolean }): string[] {
  const left = project(a.shape, a.projection, options.crossEngine);
  const right = project(b.shape, b.projection, options.crossEngine);
  const diffs: string[] = [];
  const differ = (where: string, x: unknown, y: unknown) => {
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      diffs.push(`${where}: ${a.label} ${show(x)} vs ${b.label} ${show(y)}`);
    }
  };
  for (const tn of keys(left, right)) {
    const l = left[tn];
    const r = right[tn];
    if (!l || !r) {
      diffs.push(`table ${tn}: only in ${l ? a.label : b.label}`);
      continue;
    }
    for (const cn of keys(l.columns, r.columns))
      differ(`${tn}.${cn}`, l.columns[cn], r.columns[cn]);
    differ(`${tn} primary key`, l.primaryKey, r.primaryKey);
    for (const fk of [...new Set([...l.foreignKeys, ...r.foreignKeys])].sort()) {
      differ(`${tn} foreign key ${fk}`, l.foreignKeys.includes(fk), r.foreignKeys.includes(fk));
    }
    for (const ix of keys(l.indexes, r.indexes))
      differ(`${tn} index ${ix}`, l.indexes[ix], r.indexes[ix]);
    for (const ck of keys(l.checks, r.checks))
      differ(`${tn} check ${ck}`, l.checks[ck], r.checks[ck]);
  }
  return diffs;
}

/** `cols -> table(cols) on delete X on update Y`, the one spelling of a foreign key. */
export function foreignKeyText(fk: {
  columns: string[];
  table: string;
  foreignColumns: string[];
  onDelete: string;
  onUpdate: string;
}): string {
  return `${fk.columns.join(",")} -> ${fk.table}(${fk.foreignColumns.join(",")}) on delete ${fk.onDelete.toLowerCase()} on update ${fk.onUpdate.toLowerCase()}`;
}
