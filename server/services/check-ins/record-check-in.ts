import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { dbErrorKind } from "@/db/engine/errors";
import type { Db, Tx } from "@/db/engine/types";
import {
  checkIns,
  exerciseLogs,
  painReports,
  patients,
  programs,
  programVersions,
  redFlagAnswers,
} from "@/db/schema";
import type { CheckInKind, PainContext, SkipReason } from "@/db/schema/enums";
import { recordAudit } from "@/server/audit";
import { minePrepared } from "@/server/data/clinic-data";
import { submissionInstant } from "@/server/domain/check-in-schedule";
import { dayInZone, type Day } from "@/server/domain/days";
import { RED_FLAG_SET_VERSION } from "@/server/domain/red-flags";
import { refreshPatient } from "../clinical/refresh-patient";
import { ConflictError, NotFoundError } from "../errors";
import { driverValues, perConnection, placeholder as p, valuePlaceholders } from "../prepared";
import type { PatientScope } from "../scope";

/** The statements every check-in runs, prepared once per connection. */
const statements = perConnection((db) => {
  const activeProgram = minePrepared(
    programs,
    eq(programs.patientId, p("patientId")),
    eq(programs.status, "active"),
  );
  const versions = db
    .select({ id: programVersions.id })
    .from(programVersions)
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .$dynamic();
  return {
    byKey: db
      .select({ id: checkIns.id, patientId: checkIns.patientId })
      .from(checkIns)
      .where(eq(checkIns.idempotencyKey, p("key")))
      .limit(1)
      .prepare("record_check_in_by_key"),
    timeZone: db
      .select({ timeZone: patients.timeZone })
      .from(patients)
      .where(minePrepared(patients, eq(patients.id, p("patientId"))))
      .limit(1)
      .prepare("record_check_in_time_zone"),
    // Placeholders in a where clause are not mapped by the column: `at` is given as the column
    // stores it (milliseconds on SQLite, ISO text on PostgreSQL).
    versionAt: versions
      .where(and(activeProgram, lte(programVersions.effectiveFrom, sql`${p("at")}`)))
      .orderBy(desc(programVersions.number))
      .limit(1)
      .prepare("record_check_in_version_at"),
    firstVersion: db
      .select({ id: programVersions.id })
      .from(programVersions)
      .innerJoin(programs, eq(programs.id, programVersions.programId))
      .where(activeProgram)
      .orderBy(asc(programVersions.number))
      .limit(1)
      .prepare("record_check_in_first_version"),
    checkIn: db
      .insert(checkIns)
      .values(valuePlaceholders(CHECK_IN_FIELDS) as never)
      .prepare("record_check_in_insert"),
    pain: db
      .insert(painReports)
      .values(valuePlaceholders(PAIN_FIELDS) as never)
      .prepare("record_check_in_insert_pain"),
    log: db
      .insert(exerciseLogs)
      .values(valuePlaceholders(LOG_FIELDS) as never)
      .prepare("record_check_in_insert_log"),
    redFlag: db
      .insert(redFlagAnswers)
      .values(valuePlaceholders(RED_FLAG_FIELDS) as never)
      .prepare("record_check_in_insert_red_flag"),
  };
});

const CHECK_IN_FIELDS = [
  "id",
  "clinicId",
  "patientId",
  "versionId",
  "day",
  "kind",
  "idempotencyKey",
  "submittedAt",
  "note",
  "createdAt",
] as const;
const PAIN_FIELDS = [
  "id",
  "clinicId",
  "checkInId",
  "patientId",
  "day",
  "context",
  "score",
] as const;
const LOG_FIELDS = [
  "id",
  "clinicId",
  "checkInId",
  "programItemId",
  "sessionsDone",
  "setsDone",
  "repsDone",
  "skippedReason",
] as const;
const RED_FLAG_FIELDS = [
  "id",
  "clinicId",
  "checkInId",
  "questionSet",
  "questionId",
  "answer",
] as const;

/** What a check-in holds, in one canonical shape: the input and the stored rows compare equal. */
export interface CheckInContent {
  kind: CheckInKind;
  note: string | null;
  pain: { context: PainContext; score: number }[];
  logs: {
    programItemId: string;
    sessionsDone: number;
    setsDone: number | null;
    repsDone: number | null;
    skippedReason: SkipReason | null;
  }[];
  redFlags: { questionId: string; answer: boolean }[];
}

/** Contexts derived by the server (not typed by the patient) take no part in the comparison. */
const DERIVED_CONTEXTS: readonly PainContext[] = ["next_morning"];

function canonical(content: CheckInContent): string {
  return JSON.stringify({
    kind: content.kind,
    note: content.note ?? null,
    pain: content.pain
      .filter((p) => !DERIVED_CONTEXTS.includes(p.context))
      .map((p) => [p.context, p.score])
      .sort(),
    logs: content.logs
      .map((l) => [l.programItemId, l.sessionsDone, l.setsDone, l.repsDone, l.skippedReason])
      .sort(),
    redFlags: content.redFlags.map((r) => [r.questionId, r.answer]).sort(),
  });
}

export interface StoredCheckIn {
  id: string;
  day: Day;
  versionId: string | null;
  content: CheckInContent;
}

/** The check-in stored under a key, with its rows, read through the patient's own scope. */
async function readCheckIn(tx: Tx, scope: PatientScope, checkInId: string): Promise<StoredCheckIn> {
  const { data } = scope;
  const [row] = await tx
    .select()
    .from(checkIns)
    .where(data.ours(checkIns, eq(checkIns.id, checkInId)))
    .limit(1);
  if (!row) throw new NotFoundError("The check-in");
  const pain = await tx
    .select({ context: painReports.context, score: painReports.score })
    .from(painReports)
    // Through the (patient, day) index: nothing indexes pain reports by check-in alone.
    .where(
      data.ours(painReports, eq(painReports.day, row.day), eq(painReports.checkInId, checkInId)),
    )
    .orderBy(asc(painReports.context));
  const logs = await tx
    .select({
      programItemId: exerciseLogs.programItemId,
      sessionsDone: exerciseLogs.sessionsDone,
      setsDone: exerciseLogs.setsDone,
      repsDone: exerciseLogs.repsDone,
      skippedReason: exerciseLogs.skippedReason,
    })
    .from(exerciseLogs)
    .where(data.mine(exerciseLogs, eq(exerciseLogs.checkInId, checkInId)));
  const redFlags = await tx
    .select({ questionId: redFlagAnswers.questionId, answer: redFlagAnswers.answer })
    .from(redFlagAnswers)
    .where(data.mine(redFlagAnswers, eq(redFlagAnswers.checkInId, checkInId)))
    .orderBy(asc(redFlagAnswers.questionId));
  return {
    id: row.id,
    day: row.day,
    versionId: row.versionId,
    content: { kind: row.kind, note: row.note, pain, logs, redFlags },
  };
}

/** The patient's time zone, read inside the caller's scope. */
export async function patientTimeZone(db: Db, scope: PatientScope): Promise<string> {
  const [row] = await statements(db).timeZone.execute(
    scope.data.bind({ patientId: scope.patientId }),
  );
  if (!row) throw new NotFoundError("Your plan");
  return row.timeZone;
}

/** The version of the patient's active program in force at an instant (the first one before it). */
export async function versionInForce(
  db: Db,
  scope: PatientScope,
  at: Date,
): Promise<string | null> {
  const read = statements(db);
  const ids = scope.data.bind({ patientId: scope.patientId });
  const [atThen] = await read.versionAt.execute({
    ...ids,
    at: programVersions.effectiveFrom.mapToDriverValue(at),
  });
  if (atThen) return atThen.id;
  const [first] = await read.firstVersion.execute(ids);
  return first?.id ?? null;
}

type Maybe<T> = T | Promise<T>;

export interface CheckInPlan {
  /** The check-in's rows, given the day it belongs to. */
  content: (context: { day: Day; at: Date }) => Maybe<CheckInContent>;
  /** Overrides the version in force, e.g. an exercise log belongs to its item's version. */
  versionId?: (context: { day: Day; at: Date }) => Maybe<string | null>;
  /** Refuses a submission the state does not allow (checked only for a new key). */
  guard?: (context: { day: Day; at: Date }) => Maybe<void>;
  /** Further writes in the same transaction, e.g. an alert. */
  after?: (checkIn: StoredCheckIn) => Maybe<void>;
}

/** What a patient is told when a key comes back with other content, or is another patient's. */
const KEY_REUSED = "This answer was already sent with different details. Please answer again.";

/**
 * Stores one check-in exactly once per idempotency key, with its audit event, in the caller's
 * transaction, which must have called `holdPatientAnswers` first (so two arrivals of one key, or
 * two answers racing for one limit, run one after the other on every engine). The same key again
 * returns what was stored; the same key with other content is refused.
 */
export async function recordCheckIn(options: {
  scope: PatientScope;
  tx: Tx;
  idempotencyKey: string;
  tappedAt?: Date;
  now?: Date;
  compareWith: CheckInContent;
  plan: CheckInPlan;
}): Promise<{ checkIn: StoredCheckIn; replayed: boolean }> {
  const { scope, tx, idempotencyKey, plan } = options;
  const write = statements(tx);
  const [existing] = await write.byKey.execute({ key: idempotencyKey });
  if (existing) {
    const stored =
      existing.patientId === scope.patientId ? await readCheckIn(tx, scope, existing.id) : null;
    if (!stored || canonical(stored.content) !== canonical(options.compareWith)) {
      throw new ConflictError(KEY_REUSED);
    }
    return { checkIn: stored, replayed: true };
  }

  const receivedAt = options.now ?? new Date();
  const at = submissionInstant(options.tappedAt, receivedAt);
  const day = dayInZone(at, await patientTimeZone(tx, scope));
  await plan.guard?.({ day, at });
  const content = await plan.content({ day, at });
  const versionId = plan.versionId
    ? await plan.versionId({ day, at })
    : await versionInForce(tx, scope, at);
  const checkInId = uuidv7();
  await write.checkIn
    .execute(
      driverValues(checkIns, {
        id: checkInId,
        clinicId: scope.data.clinicId,
        patientId: scope.patientId,
        versionId,
        day,
        kind: content.kind,
        idempotencyKey,
        submittedAt: at,
        note: content.note,
        createdAt: receivedAt,
      }),
    )
    .catch((error: unknown) => {
      // The key is unique across clinics, but on PostgreSQL row-level security hides another
      // clinic's check-in from the lookup above: that key is refused here, saying nothing about it.
      throw dbErrorKind(error) === "unique" ? new ConflictError(KEY_REUSED) : error;
    });
  const owner = { clinicId: scope.data.clinicId, checkInId };
  for (const pain of content.pain) {
    await write.pain.execute(
      driverValues(painReports, {
        id: uuidv7(),
        ...owner,
        patientId: scope.patientId,
        day,
        context: pain.context,
        score: pain.score,
      }),
    );
  }
  for (const log of content.logs) {
    await write.log.execute(driverValues(exerciseLogs, { id: uuidv7(), ...owner, ...log }));
  }
  for (const answer of content.redFlags) {
    await write.redFlag.execute(
      driverValues(redFlagAnswers, {
        id: uuidv7(),
        ...owner,
        questionSet: RED_FLAG_SET_VERSION,
        ...answer,
      }),
    );
  }
  await recordAudit(tx, {
    clinicId: scope.data.clinicId,
    actorKind: "patient_link",
    actorId: scope.linkId,
    action: `check_in.${content.kind}`,
    entityType: "check_in",
    entityId: checkInId,
    patientId: scope.patientId,
    // What happened, not what was said: scores, notes and answers live in their own tables, which
    // can be corrected; the append-only trail must never hold health data it cannot let go of.
    after: {
      day,
      versionId,
      kind: content.kind,
      painContexts: content.pain.map((p) => p.context),
      logCount: content.logs.length,
      redFlagCount: content.redFlags.length,
      hasNote: Boolean(content.note),
    },
    ip: scope.ip,
    at: receivedAt,
  });
  const checkIn: StoredCheckIn = { id: checkInId, day, versionId, content };
  await plan.after?.(checkIn);
  // Every alert rule runs on every check-in, in its transaction: nothing acknowledged to the
  // patient can exist without the figures and alerts it implies.
  await refreshPatient({
    tx,
    clinicId: scope.data.clinicId,
    patientId: scope.patientId,
    now: receivedAt,
    actor: { kind: "patient_link", id: scope.linkId, ip: scope.ip },
  });
  return { checkIn, replayed: false };
}
