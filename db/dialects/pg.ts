// Column and constraint helpers for PostgreSQL. db/dialects/sqlite.ts has the same names and
// parameters; db/schema defines every table once over either (docs/research/issue-13-spike).
import { type SQL, sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";

/**
 * The request's clinic, set per transaction with set_config('app.clinic_id', …, true). A pooled
 * connection reads '' (not null) once a transaction that set it has ended, hence nullif. The system
 * path (sign-in by email, a link by its token, sweeps over every clinic) sets app.system to 'on'.
 */
const tenantRule = (column: string): SQL =>
  sql.raw(
    `${column} = nullif(current_setting('app.clinic_id', true), '') or current_setting('app.system', true) = 'on'`,
  );

export const pgDialect = {
  kind: "pg" as "sqlite" | "pg",
  table: pgTable,
  /** Text primary key on both engines: ids are UUIDv7 strings, but seeded and polymorphic ids exist. */
  id: () =>
    text("id")
      .primaryKey()
      .$defaultFn(() => uuidv7()),
  /** A column holding another row's id (text, like `id`). */
  ref: (name: string) => text(name),
  text: (name: string) => text(name),
  int: (name: string) => integer(name),
  /** An 8-byte float: SQLite's `real` is one, PostgreSQL's `real` is 4 bytes. */
  double: (name: string) => doublePrecision(name),
  bool: (name: string) => boolean(name),
  /** A UTC instant to the millisecond, a Date in TypeScript. */
  timestamp: (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 }),
  json: <T>(name: string) => jsonb(name).$type<T>(),
  /** Text limited to a list: text plus a CHECK on both engines (no pg enum type, so both stay alike). */
  enumText: <const V extends readonly [string, ...string[]]>(name: string, values: V) =>
    text(name, { enum: values }),
  index,
  uniqueIndex,
  check,
  /** SQL that only one engine speaks; each helper answers the same on both (db/identity.test.ts). */
  fragments: {
    /** `column` is a calendar day, YYYY-MM-DD. */
    isIsoDay: (column: string): SQL => sql.raw(`${column} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`),
    /** `column` starts with a digit. */
    startsWithDigit: (column: string): SQL => sql.raw(`${column} ~ '^[0-9]'`),
  },
  /**
   * Row-level security, the second wall behind the clinic-bound data access: a row is visible and
   * writable only under its own clinic (or on the system path). `sharedRows`: rows whose clinic is
   * null (the shared exercise library) are readable by every clinic, writable only by the system.
   */
  tenantPolicies: (table: string, clinicColumn: string, options?: { sharedRows?: boolean }) => [
    pgPolicy(`${table}_clinic_isolation`, {
      as: "permissive",
      for: "all",
      to: "public",
      using: tenantRule(clinicColumn),
      withCheck: tenantRule(clinicColumn),
    }),
    ...(options?.sharedRows
      ? [
          pgPolicy(`${table}_shared_read`, {
            as: "permissive",
            for: "select",
            to: "public",
            using: sql.raw(`${clinicColumn} is null`),
          }),
        ]
      : []),
  ],
};

/** What db/schema's define functions receive; SQLite's helpers are cast to it once. */
export type Dialect = typeof pgDialect;
