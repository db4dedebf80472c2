import { eq, gt } from "drizzle-orm";
import type { Tx } from "@/db/engine/types";
import {
  checkIns,
  exerciseLogs,
  painReports,
  programItems,
  programs,
  programVersions,
} from "@/db/schema";
import type { SkipReason } from "@/db/schema/enums";
import { morningPainContexts } from "@/server/domain/check-in-schedule";
import { addDays, type Day } from "@/server/domain/days";
import { redFlagLevel } from "@/server/domain/red-flags";
import { kickOutbox } from "../notifications/outbox-runner";
import { ConflictError, NotFoundError } from "../errors";
import type { PatientScope } from "../scope";
import { raiseRedFlagAlerts } from "./red-flag-alerts";
import { recordCheckIn, type CheckInContent } from "./record-check-in";
import { enforceSubmissionLimits, holdPatientAnswers } from "./submission-limits";

interface Submission {
  idempotencyKey: string;
  tappedAt?: Date;
}

const empty = { note: null, pain: [], logs: [], redFlags: [] } satisfies Omit<
  CheckInContent,
  "kind"
>;

/**
 * Every answer is written by group commit (`writeTogether`: on SQLite one IMMEDIATE transaction
 * shared with the answers that arrived with it, each in its savepoint; on PostgreSQL a transaction
 * of its own) and acknowledged once that has committed, synced to disk; an alert it raised is
 * queued in it and the outbox is woken after the commit, so a clinician hears of a critical answer
 * at once. The patient's answers are held first, so their rules count exactly (submission-limits).
 */
async function inTransaction<T>(scope: PatientScope, work: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await scope.data.writeTogether(async (tx) => {
    await holdPatientAnswers(tx, scope);
    return work(tx);
  });
  kickOutbox();
  return result;
}

async function hadExerciseOn(tx: Tx, scope: PatientScope, day: Day): Promise<boolean> {
  const [row] = await tx
    .select({ id: exerciseLogs.id })
    .from(exerciseLogs)
    .innerJoin(checkIns, eq(checkIns.id, exerciseLogs.checkInId))
    .where(scope.data.ours(checkIns, eq(checkIns.day, day), gt(exerciseLogs.sessionsDone, 0)))
    .limit(1);
  return row !== undefined;
}

/** This morning's pain; after a day with exercise it is also the next-morning report. */
export async function submitMorningPain(options: {
  scope: PatientScope;
  input: Submission & { score: number };
  now?: Date;
}) {
  const { scope, input } = options;
  const now = options.now ?? new Date();
  return inTransaction(scope, async (tx) => {
    const { checkIn } = await recordCheckIn({
      scope,
      tx,
      idempotencyKey: input.idempotencyKey,
      tappedAt: input.tappedAt,
      now,
      compareWith: {
        ...empty,
        kind: "morning",
        pain: [{ context: "morning", score: input.score }],
      },
      plan: {
        guard: async ({ day }) => {
          await enforceSubmissionLimits({
            db: tx,
            scope,
            submission: { kind: "answer" },
            receivedAt: now,
          });
          const [answered] = await tx
            .select({ id: painReports.id })
            .from(painReports)
            .where(
              scope.data.ours(
                painReports,
                eq(painReports.day, day),
                eq(painReports.context, "morning"),
              ),
            )
            .limit(1);
          if (answered) {
            throw new ConflictError(
              "You have already told us this morning's pain today. Thank you.",
            );
          }
        },
        content: async ({ day }) => {
          const exerciseDays = (await hadExerciseOn(tx, scope, addDays(day, -1)))
            ? [addDays(day, -1)]
            : [];
          return {
            ...empty,
            kind: "morning",
            pain: morningPainContexts({ today: day, exerciseDays }).map((context) => ({
              context,
              score: input.score,
            })),
          };
        },
      },
    });
    return {
      checkInId: checkIn.id,
      day: checkIn.day,
      contexts: checkIn.content.pain.map((p) => p.context).sort(),
    };
  });
}

export type SessionOutcome =
  | { done: true; setsDone?: number | null; repsDone?: number | null }
  | { done: false; skippedReason: SkipReason };

/** One session of one exercise: done (optionally with what was done) or skipped with a reason. */
export async function logExerciseSession(options: {
  scope: PatientScope;
  input: Submission & { programItemId: string; outcome: SessionOutcome };
  now?: Date;
}) {
  const { scope, input } = options;
  const o = input.outcome;
  const log = {
    programItemId: input.programItemId,
    sessionsDone: o.done ? 1 : 0,
    setsDone: o.done ? (o.setsDone ?? null) : null,
    repsDone: o.done ? (o.repsDone ?? null) : null,
    skippedReason: o.done ? null : o.skippedReason,
  };
  const now = options.now ?? new Date();
  return inTransaction(scope, async (tx) => {
    // The item may belong to an earlier version when the session waited on an offline phone.
    const [item] = await tx
      .select({ versionId: programItems.versionId })
      .from(programItems)
      .innerJoin(programVersions, eq(programVersions.id, programItems.versionId))
      .innerJoin(programs, eq(programs.id, programVersions.programId))
      .where(scope.data.ours(programs, eq(programItems.id, input.programItemId)))
      .limit(1);
    const content: CheckInContent = { ...empty, kind: "exercise", logs: [log] };
    const { checkIn } = await recordCheckIn({
      scope,
      tx,
      idempotencyKey: input.idempotencyKey,
      tappedAt: input.tappedAt,
      now,
      compareWith: content,
      plan: {
        guard: async () => {
          await enforceSubmissionLimits({
            db: tx,
            scope,
            submission: { kind: "answer" },
            receivedAt: now,
          });
          if (!item) throw new NotFoundError("That exercise");
        },
        content: () => content,
        versionId: () => item?.versionId ?? null,
      },
    });
    return { checkInId: checkIn.id, day: checkIn.day };
  });
}

/** The worst pain during today's exercises, with an optional note. */
export async function submitExercisePain(options: {
  scope: PatientScope;
  input: Submission & { score: number; note?: string | null };
  now?: Date;
}) {
  const { scope, input } = options;
  const note = input.note?.trim() || null;
  const content: CheckInContent = {
    ...empty,
    kind: "exercise",
    note,
    pain: [{ context: "during", score: input.score }],
  };
  const now = options.now ?? new Date();
  return inTransaction(scope, async (tx) => {
    const { checkIn } = await recordCheckIn({
      scope,
      tx,
      idempotencyKey: input.idempotencyKey,
      tappedAt: input.tappedAt,
      now,
      compareWith: content,
      plan: {
        guard: () =>
          enforceSubmissionLimits({
            db: tx,
            scope,
            submission: { kind: "answer" },
            receivedAt: now,
          }),
        content: () => content,
      },
    });
    return { checkInId: checkIn.id, day: checkIn.day };
  });
}

/**
 * The red-flag safety check, weekly or through "I have new symptoms". Any yes raises the alert of
 * its level in the same transaction; the answer tells the page what to show first.
 */
export async function submitSafetyCheck(options: {
  scope: PatientScope;
  input: Submission & { answers: { questionId: string; answer: boolean }[] };
  now?: Date;
}) {
  const { scope, input } = options;
  const now = options.now ?? new Date();
  const content: CheckInContent = { ...empty, kind: "safety", redFlags: input.answers };
  return inTransaction(scope, async (tx) => {
    const { checkIn } = await recordCheckIn({
      scope,
      tx,
      idempotencyKey: input.idempotencyKey,
      tappedAt: input.tappedAt,
      now,
      compareWith: content,
      plan: {
        guard: () =>
          enforceSubmissionLimits({
            db: tx,
            scope,
            submission: { kind: "safety", answers: input.answers },
            receivedAt: now,
          }),
        content: () => content,
        after: (stored) =>
          raiseRedFlagAlerts({
            tx,
            scope,
            checkInId: stored.id,
            day: stored.day,
            answers: stored.content.redFlags,
            now,
          }),
      },
    });
    return {
      checkInId: checkIn.id,
      day: checkIn.day,
      level: redFlagLevel(checkIn.content.redFlags),
    };
  });
}
