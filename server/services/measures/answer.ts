import { and, desc, eq, lte } from "drizzle-orm";
import { dbErrorKind } from "@/db/engine/errors";
import type { Tx } from "@/db/engine/types";
import {
  measureAnswers,
  measureResponses,
  measureSchedules,
  patientSummaries,
  programs,
  programVersions,
} from "@/db/schema";
import { findMeasure } from "@/lib/measures";
import { formItems, MeasureAnswerError, scoreResponse } from "@/lib/measures/scoring";
import { recordAudit } from "@/server/audit";
import { submissionInstant } from "@/server/domain/check-in-schedule";
import { isOccurrence } from "@/server/domain/measure-schedule";
import { dayInZone, type Day } from "@/server/domain/days";
import { enforceSubmissionLimits, holdPatientAnswers } from "../check-ins/submission-limits";
import { refreshPatient } from "../clinical/refresh-patient";
import { ConflictError, NotFoundError } from "../errors";
import type { PatientScope } from "../scope";
import { patientToday } from "./due";
import { activitiesOf, asSchedule, responsesOf } from "./responses";
import { summariseResponses } from "./summary";

/** What a patient is told when a key is another patient's: nothing about that patient. */
const KEY_REUSED = "This answer was already sent with different details. Please answer again.";

export interface AnswerMeasureInput {
  idempotencyKey: string;
  tappedAt?: Date;
  scheduleId: string;
  occurrenceDay: Day;
  answers: { itemId: string; value: number }[];
}

export interface AnsweredMeasure {
  responseId: string;
  day: Day;
  measureId: string;
}

/**
 * The caseload's outcome figures (patient_summaries), from the patient's responses, in the
 * answer's transaction: the latest response's measure, its score and its change from the first.
 * Written only here, so the caseload reads them without a join.
 */
async function storeOutcomeFigures(tx: Tx, scope: PatientScope, now: Date) {
  const { data } = scope;
  const responses = await responsesOf(tx, data, scope.patientId);
  const latest = responses.at(-1);
  if (!latest) return;
  const summary = summariseResponses(responses).find((s) => s.measureId === latest.measureId);
  const figures = {
    outcomeMeasureId: latest.measureId,
    outcomeScore: latest.score,
    outcomeChange: summary?.change ?? null,
    outcomeMeaningful: summary?.meaningful ?? null,
    outcomeDay: latest.day,
  };
  const write = () =>
    tx
      .update(patientSummaries)
      .set(figures)
      .where(data.mine(patientSummaries, eq(patientSummaries.patientId, scope.patientId)))
      .returning({ patientId: patientSummaries.patientId });
  if ((await write()).length > 0) return;
  // No figures yet for this patient (a new record the sweep has not reached): make them first.
  await refreshPatient({
    tx,
    clinicId: data.clinicId,
    patientId: scope.patientId,
    now,
    actor: { kind: "patient_link", id: scope.linkId, ip: scope.ip },
  });
  await write();
}

/** The program version in force at `at`, for the chart's version markers; null without one. */
async function versionAt(tx: Tx, scope: PatientScope, at: Date): Promise<string | null> {
  const [row] = await tx
    .select({ id: programVersions.id })
    .from(programVersions)
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .where(
      scope.data.ours(
        programs,
        and(eq(programs.status, "active"), lte(programVersions.effectiveFrom, at)),
      ),
    )
    .orderBy(desc(programVersions.number))
    .limit(1);
  return row?.id ?? null;
}

/**
 * A patient's answers to one due questionnaire (issue 15), sent through the phone's outbox like
 * every answer: one key, one response (a retry returns what was stored), one response per
 * occurrence, refused over the link's submission limits (decision 016). Scored on the server
 * from the measure's data file; stored append-only with the caseload figures and an audit row
 * in the same transaction.
 */
export async function answerMeasure(options: {
  scope: PatientScope;
  input: AnswerMeasureInput;
  now?: Date;
}): Promise<AnsweredMeasure> {
  const { scope, input } = options;
  const { data } = scope;
  const receivedAt = options.now ?? new Date();
  return data.writeTogether(async (tx) => {
    await holdPatientAnswers(tx, scope);
    const [stored] = await tx
      .select({
        id: measureResponses.id,
        patientId: measureResponses.patientId,
        day: measureResponses.day,
        measureId: measureResponses.measureId,
      })
      .from(measureResponses)
      .where(eq(measureResponses.idempotencyKey, input.idempotencyKey))
      .limit(1);
    if (stored) {
      if (stored.patientId !== scope.patientId) throw new ConflictError(KEY_REUSED);
      return { responseId: stored.id, day: stored.day, measureId: stored.measureId };
    }

    await enforceSubmissionLimits({ db: tx, scope, submission: { kind: "answer" }, receivedAt });
    const [schedule] = await tx
      .select()
      .from(measureSchedules)
      .where(scope.data.ours(measureSchedules, eq(measureSchedules.id, input.scheduleId)))
      .limit(1);
    const measure = schedule ? findMeasure(schedule.measureId) : undefined;
    if (!schedule || !measure) throw new NotFoundError("That questionnaire");

    const { timeZone } = await patientToday(tx, data, scope.patientId, receivedAt);
    const at = submissionInstant(input.tappedAt, receivedAt);
    const day = dayInZone(at, timeZone);
    if (!isOccurrence(asSchedule(schedule), input.occurrenceDay, day)) {
      throw new ConflictError(
        "This questionnaire is no longer waiting for an answer. Thank you all the same.",
      );
    }
    const [answered] = await tx
      .select({ id: measureResponses.id })
      .from(measureResponses)
      .where(
        data.ours(
          measureResponses,
          eq(measureResponses.scheduleId, schedule.id),
          eq(measureResponses.occurrenceDay, input.occurrenceDay),
        ),
      )
      .limit(1);
    if (answered) {
      throw new ConflictError("You have already answered this questionnaire. Thank you.");
    }
    const activities = measure.patientSpecific
      ? await activitiesOf(tx, data, scope.patientId, measure.id)
      : [];
    const items = formItems(measure, activities);
    let score: number;
    try {
      score = scoreResponse(measure, items, input.answers);
    } catch (error) {
      if (error instanceof MeasureAnswerError) throw new ConflictError(error.message);
      throw error;
    }

    const [row] = await tx
      .insert(measureResponses)
      .values(
        data.stamp({
          patientId: scope.patientId,
          scheduleId: schedule.id,
          measureId: measure.id,
          measureVersion: measure.version,
          occurrenceDay: input.occurrenceDay,
          day,
          idempotencyKey: input.idempotencyKey,
          submittedAt: at,
          score,
          programVersionId: await versionAt(tx, scope, at),
          createdAt: receivedAt,
        }),
      )
      .returning({ id: measureResponses.id })
      .catch((error: unknown) => {
        // The key is unique across clinics, but on PostgreSQL row-level security hides another
        // clinic's row from the lookup above: that key is refused here, saying nothing about it.
        throw dbErrorKind(error) === "unique" ? new ConflictError(KEY_REUSED) : error;
      });
    const values = new Map(input.answers.map((a) => [a.itemId, a.value]));
    await tx.insert(measureAnswers).values(
      items.map((item, i) =>
        data.stamp({
          responseId: row!.id,
          itemId: item.id,
          itemText: item.text,
          position: i + 1,
          value: values.get(item.id)!,
        }),
      ),
    );
    await storeOutcomeFigures(tx, scope, receivedAt);
    await recordAudit(tx, {
      clinicId: data.clinicId,
      actorKind: "patient_link",
      actorId: scope.linkId,
      action: "measure.answer",
      entityType: "measure_response",
      entityId: row!.id,
      patientId: scope.patientId,
      // Which questionnaire and when, not the answers (as for check-ins).
      after: {
        measureId: measure.id,
        scheduleId: schedule.id,
        occurrenceDay: input.occurrenceDay,
        day,
      },
      ip: scope.ip,
      at: receivedAt,
    });
    return { responseId: row!.id, day, measureId: measure.id };
  });
}
