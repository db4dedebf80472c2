import { and, count, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { patients, safetyPostponements } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { submissionInstant, weekStart } from "@/server/domain/check-in-schedule";
import { dayInZone, type Day } from "@/server/domain/days";
import { postponesLeftAfter, SAFETY_CHECK_POSTPONES } from "@/server/domain/safety-check-postpones";
import { ConflictError, NotFoundError } from "../errors";
import { perConnection, placeholder as p } from "../prepared";
import type { PatientScope } from "../scope";
import { writeTogether } from "../group-commit";
import { enforceSubmissionLimits } from "./submission-limits";

/** Read by the plan on every visit: prepared once per connection. */
const postponesUsed = perConnection((db) =>
  db
    .select({ used: count() })
    .from(safetyPostponements)
    .where(
      and(
        eq(safetyPostponements.patientId, p("patientId")),
        eq(safetyPostponements.clinicId, p("clinicId")),
        eq(safetyPostponements.weekStart, p("week")),
      ),
    )
    .prepare(),
);

/** How many more times this patient may put off the check of the week starting on `week`. */
export function safetyCheckPostponesLeft(options: {
  db: DbOrTx;
  scope: PatientScope;
  week: Day;
}): number {
  const { db, scope } = options;
  const row = postponesUsed(db).get({
    patientId: scope.patientId,
    clinicId: scope.clinicId,
    week: options.week,
  });
  return postponesLeftAfter(row?.used ?? 0);
}

/**
 * "Answer later" on the weekly safety check (CLINICAL.md: at most twice for one week's check).
 * Counts for the ISO week of the instant the patient tapped, in their time zone, so a tap that
 * waited on an offline phone still counts for its own week. One row per key: a retried tap
 * returns what was stored; a third postpone of the same week is refused.
 */
export function postponeSafetyCheck(options: {
  scope: PatientScope;
  input: { idempotencyKey: string; tappedAt?: Date };
  now?: Date;
}): Promise<{ weekStart: Day; postponesLeft: number }> {
  const { scope, input } = options;
  return writeTogether(scope.db, (tx) => {
    const existing = tx
      .select({
        patientId: safetyPostponements.patientId,
        weekStart: safetyPostponements.weekStart,
      })
      .from(safetyPostponements)
      .where(eq(safetyPostponements.idempotencyKey, input.idempotencyKey))
      .get();
    if (existing) {
      // Another patient's key says nothing about that patient.
      if (existing.patientId !== scope.patientId) {
        throw new ConflictError(
          "This answer was already sent with different details. Please answer again.",
        );
      }
      return {
        weekStart: existing.weekStart,
        postponesLeft: safetyCheckPostponesLeft({ db: tx, scope, week: existing.weekStart }),
      };
    }

    const patient = tx
      .select({ timeZone: patients.timeZone })
      .from(patients)
      .where(and(eq(patients.id, scope.patientId), eq(patients.clinicId, scope.clinicId)))
      .get();
    if (!patient) throw new NotFoundError("Your plan");
    const receivedAt = options.now ?? new Date();
    enforceSubmissionLimits({ scope, submission: { kind: "answer" }, receivedAt });
    const at = submissionInstant(input.tappedAt, receivedAt);
    const week = weekStart(dayInZone(at, patient.timeZone));
    const left = safetyCheckPostponesLeft({ db: tx, scope, week });
    if (left <= 0) {
      throw new ConflictError(
        `You have already put off this week's safety check ${SAFETY_CHECK_POSTPONES} times. Please answer it now: it takes about a minute.`,
      );
    }
    const row = tx
      .insert(safetyPostponements)
      .values({
        clinicId: scope.clinicId,
        patientId: scope.patientId,
        weekStart: week,
        idempotencyKey: input.idempotencyKey,
        postponedAt: at,
      })
      .returning({ id: safetyPostponements.id })
      .get();
    recordAudit(tx, {
      clinicId: scope.clinicId,
      actorKind: "patient_link",
      actorId: scope.linkId,
      action: "safety_check.postpone",
      entityType: "safety_postponement",
      entityId: row.id,
      patientId: scope.patientId,
      // Only which week's check was put off: no answers, nothing about health.
      after: { weekStart: week },
      ip: scope.ip,
      at: receivedAt,
    });
    return { weekStart: week, postponesLeft: left - 1 };
  });
}
