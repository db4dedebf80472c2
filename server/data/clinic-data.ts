import { and, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db, Engine, Tx, WriteOptions, WriteTogetherOptions } from "@/db/engine/types";
import { patients } from "@/db/schema";
import { NotFoundError } from "@/server/services/errors";
import { perConnection } from "@/server/services/prepared";

/** Any table with a clinic column. */
export interface ClinicTable {
  clinicId: AnyPgColumn;
}
/** Any table with clinic and patient columns. */
export interface PatientTable extends ClinicTable {
  patientId: AnyPgColumn;
}

export type PatientRow = typeof patients.$inferSelect;

/**
 * The database as one clinic sees it (issue 13): the only place the clinic filter is written.
 * Services receive this, never the engine; every statement runs inside `read` or `write`, which on
 * PostgreSQL also set the clinic for row-level security, the second wall behind `mine`.
 */
export interface ClinicData {
  readonly clinicId: string;
  /** `clinic_id = <this clinic> and ...conditions`: the clinic filter, written once, here. */
  mine(table: ClinicTable, ...conditions: (SQL | undefined)[]): SQL;
  /**
   * `(clinic_id is null or clinic_id = <this clinic>) and ...conditions`: for the tables every
   * clinic reads a shared part of (the exercise library, program templates), that part and the
   * clinic's own rows, never another clinic's.
   */
  mineOrShared(table: ClinicTable, ...conditions: (SQL | undefined)[]): SQL;
  /** `column = <this clinic>`, for the clinic's own row (`clinics.id`) and the like. */
  clinicIs(column: AnyPgColumn): SQL;
  /**
   * The values of a statement prepared with `minePrepared`, with this clinic's id bound to its
   * clinic placeholder (whatever `values` says).
   */
  bind<V extends Record<string, unknown>>(values?: V): V & { clinicId: string };
  /** Row values stamped with this clinic, for inserts. */
  stamp<R extends object>(row: R): R & { clinicId: string };
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  write<T>(fn: (tx: Tx) => Promise<T>, options?: WriteOptions): Promise<T>;
  writeTogether<T>(fn: (tx: Tx) => Promise<T>, options?: WriteTogetherOptions): Promise<T>;
  /**
   * This patient of this clinic, or NotFoundError: another clinic's patient, a malformed id and a
   * missing one are answered alike.
   */
  requirePatient(db: Db, patientId: string): Promise<PatientRow>;
}

/** A patient through their link: the clinic's view narrowed to that one patient. */
export interface PatientData extends ClinicData {
  readonly patientId: string;
  /** `clinic_id = <clinic> and patient_id = <patient> and ...conditions`. */
  ours(table: PatientTable, ...conditions: (SQL | undefined)[]): SQL;
}

/**
 * The path that is not yet any one clinic's: sign-in by email, a link by its token, an invitation,
 * the sweeps that walk every clinic. It finds an identity, then hands over to `forClinic`.
 */
export interface SystemData {
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  write<T>(fn: (tx: Tx) => Promise<T>, options?: WriteOptions): Promise<T>;
  writeTogether<T>(fn: (tx: Tx) => Promise<T>, options?: WriteTogetherOptions): Promise<T>;
  forClinic(clinicId: string): ClinicData;
  forPatient(clinicId: string, patientId: string): PatientData;
}

/**
 * The clinic filter of a statement prepared once per connection (server/services/prepared.ts):
 * `clinic_id = :clinicId and ...conditions`, the placeholder filled by `ClinicData.bind` when it
 * runs. The only other place the filter is written.
 */
export function minePrepared(table: ClinicTable, ...conditions: (SQL | undefined)[]): SQL {
  return and(eq(table.clinicId, sql.placeholder("clinicId")), ...conditions)!;
}

/** `column = :clinicId` in a prepared statement, for the clinic's own row (`clinics.id`). */
export function clinicIsPrepared(column: AnyPgColumn): SQL {
  return eq(column, sql.placeholder("clinicId"));
}

/** Asked on nearly every staff page: prepared once per connection (decision 011). */
const statements = perConnection((db) => ({
  patient: db
    .select()
    .from(patients)
    .where(minePrepared(patients, eq(patients.id, sql.placeholder("patientId"))))
    .limit(1)
    .prepare("layer_require_patient"),
}));

export function clinicData(engine: Engine, clinicId: string): ClinicData {
  const clinicIs = (column: AnyPgColumn) => eq(column, clinicId);
  const mine = (table: ClinicTable, ...conditions: (SQL | undefined)[]) =>
    and(clinicIs(table.clinicId), ...conditions)!;
  return {
    clinicId,
    clinicIs,
    mine,
    bind: (values) => ({ ...(values ?? ({} as never)), clinicId }),
    mineOrShared: (table, ...conditions) =>
      and(or(isNull(table.clinicId), clinicIs(table.clinicId)), ...conditions)!,
    stamp: (row) => ({ ...row, clinicId }),
    read: (fn) => engine.read(clinicId, fn),
    write: (fn, options) => engine.write(clinicId, fn, options),
    writeTogether: (fn, options) => engine.writeTogether(clinicId, fn, options),
    async requirePatient(db, patientId) {
      const [patient] = await statements(db).patient.execute({ clinicId, patientId });
      if (!patient) throw new NotFoundError("That patient");
      return patient;
    },
  };
}

export function patientData(engine: Engine, clinicId: string, patientId: string): PatientData {
  const clinic = clinicData(engine, clinicId);
  return {
    ...clinic,
    patientId,
    ours: (table, ...conditions) =>
      clinic.mine(table, eq(table.patientId, patientId), ...conditions),
  };
}

export function systemData(engine: Engine): SystemData {
  return {
    read: (fn) => engine.read(null, fn),
    write: (fn, options) => engine.write(null, fn, options),
    writeTogether: (fn, options) => engine.writeTogether(null, fn, options),
    forClinic: (clinicId) => clinicData(engine, clinicId),
    forPatient: (clinicId, patientId) => patientData(engine, clinicId, patientId),
  };
}
