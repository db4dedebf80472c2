// Column and constraint helpers for SQLite. Same names and parameters as db/dialects/pg.ts.
import { type SQL, sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { uuidv7 } from "uuidv7";
import { type Dialect, pgDialect } from "./pg";

export const sqliteDialect = {
  kind: "sqlite" as "sqlite" | "pg",
  table: sqliteTable,
  /** UUIDv7 sorts by creation time, so inserts stay append-only in the primary key's index. */
  id: () =>
    text("id")
      .primaryKey()
      .$defaultFn(() => uuidv7()),
  ref: (name: string) => text(name),
  text: (name: string) => text(name),
  int: (name: string) => integer(name),
  double: (name: string) => real(name),
  bool: (name: string) => integer(name, { mode: "boolean" }),
  /** Milliseconds since the epoch. */
  timestamp: (name: string) => integer(name, { mode: "timestamp_ms" }),
  json: <T>(name: string) => text(name, { mode: "json" }).$type<T>(),
  enumText: <const V extends readonly [string, ...string[]]>(name: string, values: V) =>
    text(name, { enum: values }),
  index,
  uniqueIndex,
  check,
  fragments: {
    // GLOB matches the whole value, like the anchored pattern on PostgreSQL.
    isIsoDay: (column: string): SQL =>
      sql.raw(`${column} glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`),
    startsWithDigit: (column: string): SQL => sql.raw(`${column} glob '[0-9]*'`),
  },
  // One process and no roles: the clinic-bound data access is the only wall.
  tenantPolicies: (
    _table: string,
    _clinicColumn: string,
    _options?: { sharedRows?: boolean },
  ) => [],
};

/**
 * The one cast: the tables are defined (and type-checked) once, against PostgreSQL's helper
 * types. drizzle reads the tables at run time (`is(x, SQLiteTable)`), so the cast costs nothing
 * there; the two checks below keep it from hiding drift between the helper sets.
 */
export const sqliteAsDialect = sqliteDialect as unknown as Dialect;

type Helpers<D> = Omit<D, "kind" | "table" | "index" | "uniqueIndex" | "check" | "fragments">;
type Params<T> = { [K in keyof T]: T[K] extends (...a: infer P) => unknown ? P : never };
type Pg = typeof pgDialect;
type Sq = typeof sqliteDialect;

/** Each helper takes the same parameters on both engines: a drifted list fails to compile here. */
type PgParams = Params<Helpers<Pg>> & Params<Pg["fragments"]>;
type SqParams = Params<Helpers<Sq>> & Params<Sq["fragments"]>;
const _sameParameters: [PgParams, SqParams] = [{} as SqParams, {} as PgParams];
void _sameParameters;

/**
 * Each column helper gives the same TypeScript value type on both engines: a SQLite `bool` that
 * returned a plain integer (number) would fail here, although the cast above would accept it.
 * DataOf reads the value type as drizzle does (MakeColumnConfig): `$type<T>()` wins over `data`.
 */
type DataOf<B> = B extends { _: infer C }
  ? C extends { $type: infer U }
    ? U
    : C extends { data: infer D }
      ? D
      : never
  : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SameData<K extends "id" | "ref" | "text" | "int" | "double" | "bool" | "timestamp"> = Same<
  DataOf<ReturnType<Pg[K]>>,
  DataOf<ReturnType<Sq[K]>>
>;
// The generic helpers, each at one sample type.
type PgJson = DataOf<ReturnType<typeof pgDialect.json<{ a: number }>>>;
type SqJson = DataOf<ReturnType<typeof sqliteDialect.json<{ a: number }>>>;
type PgEnum = DataOf<ReturnType<typeof pgDialect.enumText<readonly ["x", "y"]>>>;
type SqEnum = DataOf<ReturnType<typeof sqliteDialect.enumText<readonly ["x", "y"]>>>;
const _sameData: {
  id: SameData<"id">;
  ref: SameData<"ref">;
  text: SameData<"text">;
  int: SameData<"int">;
  double: SameData<"double">;
  bool: SameData<"bool">;
  timestamp: SameData<"timestamp">;
  json: Same<PgJson, SqJson>;
  enumText: Same<PgEnum, SqEnum>;
} = {
  id: true,
  ref: true,
  text: true,
  int: true,
  double: true,
  bool: true,
  timestamp: true,
  json: true,
  enumText: true,
};
void _sameData;
