import { count, eq } from "drizzle-orm";
import { dbErrorKind } from "@/db/engine/errors";
import type { Db } from "@/db/engine/types";
import { patients, safetyPostponements } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { minePrepared } from "@/server/data/clinic-data";
import { submissionInstant, weekStart } from "@/server/domain/check-in-schedule";
import { dayInZone, type Day } from "@/server/domain/days";
import { postponesLeftAfter, SAFETY_CHECK_POSTPONES } from "@/server/domain/safety-check-postpones";
import { ConflictError, NotFoundError } from "../errors";
import { perConnection, placeholder as p } from "../prepared";
import type { PatientScope } from "../scope";
import { enforceSubmissionLimits, holdPatientAnswers } from "./submission-limits";

/** Read by the plan on every visit: prepared once per connection. */
const postponesUsed = perConnection((db) =>
  db
    .select({ used: count() })
    .from(safetyPostponements)
    .where(
      minePrepared(
        safetyPostponements,
        eq(safetyPostponements.patientId, p("patientId")),
        eq(safetyPostponements.weekStart, p("week")),
      ),
    )
    .prepare("safety_check_postpones_used"),
);

/** How many more times this patient may put off the check of the week starting on `week`. */
export async function safetyCheckPostponesLeft(options: {
  db: Db;
  scope: PatientScope;
  week: Day;
}): Promise<number> {
  const { db, scope } = options;
  const [row] = await postponesUsed(db).execute(
    scope.data.bind({ patientId: scope.patientId, week: options.week }),
  );
  return postponesLeftAfter(row?.used ?? 0);
}

/** What a patient is told when a key is another patient's: nothing about that patient. */
const KEY_REUSED = "This answer was already sent with different details. Please answer again.";

/**
 * "Answer later" on the weekly safety check (CLINICAL.md: at most twice for one week's check).
 * Counts for the ISO week of the instant the patient tapped, in their time zone, so a tap that
 * waited on an offline phone still counts for its own week. One row per key: a retried tap
 * returns what was stored; a third postpone of the same week is refused. The patient's answers
 * are held first, so the count and the limits are exact on every engine (submission-limits).
 */
export async function postponeSafetyCheck(options: {
  scope: PatientScope;
  input: { idempotencyKey: string; tappedAt?: Date };
  now?: Date;
}): Promise<{ weekStart: Day; postponesLeft: number }> {
  const { scope, input } = options;
  const { data } = scope;
  return data.writeTogether(async (tx) => {
    await holdPatientAnswers(tx, scope);
    const [existing] = await tx
      .select({
        patientId: safetyPostponements.patientId,
        weekStart: safetyPostponements.weekStart,
      })
      .from(safetyPostponements)
      .where(eq(safetyPostponements.idempotencyKey, input.idempotencyKey))
      .limit(1);
    if (existing) {
      // Another patient's key says nothing about that patient.
      if (existing.patientId !== scope.patientId) throw new ConflictError(KEY_REUSED);
      return {
        weekStart: existing.weekStart,
        postponesLeft: await safetyCheckPostponesLeft({ db: tx, scope, week: existing.weekStart }),
      };
    }

    const [patient] = await tx
      .select({ timeZone: patients.timeZone })
      .from(patients)
      .where(data.mine(patients, eq(patients.id, scope.patientId)))
      .limit(1);
    if (!patient) throw new NotFoundError("Your plan");
    const receivedAt = options.now ?? new Date();
    await enforceSubmissionLimits({
      db: tx,
      scope,
      submission: { kind: "answer" },
      receivedAt,
    });
    const at = submissionInstant(input.tappedAt, receivedAt);
    const week = weekStart(dayInZone(at, patient.timeZone));
    const left = await safetyCheckPostponesLeft({ db: tx, scope, week });
    if (left <= 0) {
      throw new ConflictError(
        `You have already put off this week's safety check ${SAFETY_CHECK_POSTPONES} times. Please answer it now: it takes about a minute.`,
      );
    }
    const [row] = await tx
      .insert(safetyPostponements)
      .values(
        data.stamp({
          patientId: scope.patientId,
          weekStart: week,
          idempotencyKey: input.idempotencyKey,
          postponedAt: at,
        }),
      )
      .returning({ id: safetyPostponements.id })
      .catch((error: unknown) => {
        // The key is unique across clinics, but on PostgreSQL row-level security hides another
        // clinic's row from the lookup above: that key is refused here, saying nothing about it.
        throw dbErrorKind(error) === "unique" ? new ConflictError(KEY_REUSED) : error;
      });
    await recordAudit(tx, {
      clinicId: data.clinicId,
      actorKind: "patient_link",
      actorId: scope.linkId,
      action: "safety_check.postpone",
      entityType: "safety_postponement",
      entityId: row!.id,
      patientId: scope.patientId,
      // Only which week's check was put off: no answers, nothing about health.
      after: { weekStart: week },
      ip: scope.ip,
      at: receivedAt,
    });
    return { weekStart: week, postponesLeft: left - 1 };
  });
}
