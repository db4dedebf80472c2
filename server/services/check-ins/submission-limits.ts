import { asc, count, eq, gt, gte, lte, ne, sql } from "drizzle-orm";
import { lockClinic } from "@/db/engine/raw";
import type { Db, Tx } from "@/db/engine/types";
import { checkIns } from "@/db/schema";
import { MAX_QUEUED_MS } from "@/server/domain/check-in-schedule";
import { addDays } from "@/server/domain/days";
import { minePrepared } from "@/server/data/clinic-data";
import { submissionLimits, type SubmissionLimits } from "@/server/env";
import { perConnection, placeholder as p } from "../prepared";
import type { PatientScope } from "../scope";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * Thrown when a patient link has sent more than its limits allow (decision 016). Nothing has been
 * written; the message says when to try again, and `retryAfterSeconds` says it to machines.
 */
export class SubmissionLimitError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = "SubmissionLimitError";
  }
}

/** What is being sent: safety checks are counted apart from every other answer. */
export type LimitedSubmission =
  { kind: "answer" } | { kind: "safety"; answers: readonly { answer: boolean }[] };

/**
 * Makes every read-then-write rule of a patient's answers exact when several arrive at once: the
 * limits below (count what the link sent, then store one more), "one key, one answer", one
 * morning answer a day, two postpones a week. Call it first in the answer's transaction.
 *
 * - SQLite: nothing to do. The one writer runs the answers of a group commit one after another,
 *   each in its savepoint, and nothing else writes meanwhile, so no answer can slip between
 *   another's count and its insert.
 * - PostgreSQL: each answer of a group is its own READ COMMITTED transaction, so two answers of one
 *   patient could both count 59 and both be stored. This transaction-scoped advisory lock, keyed
 *   by the patient, makes the second wait until the first has committed or rolled back; its
 *   statements then read a fresh snapshot (READ COMMITTED takes one per statement), which holds
 *   the first answer. A retried key then finds the stored answer instead of failing on the unique
 *   index. Keyed by patient, not clinic, so a clinic's patients still answer side by side up to
 *   their audit rows (which take the clinic's lock, always after this one: no deadlock).
 */
export async function holdPatientAnswers(tx: Tx, scope: PatientScope): Promise<void> {
  // lockClinic serialises on any key; this one names the patient's answers, not a clinic.
  await lockClinic(tx, `patient-answers:${scope.patientId}`);
}

/**
 * The days a check-in received since `since` can belong to. Its day is that of the instant the
 * patient tapped, which the server believes up to MAX_QUEUED_MS back and never after it received
 * the answer; a time zone puts that instant's day at most one day either side of the UTC day.
 */
function possibleDays(since: Date, now: Date): { fromDay: string; toDay: string } {
  const utcDay = (instant: Date) => instant.toISOString().slice(0, 10);
  return {
    fromDay: addDays(utcDay(new Date(since.getTime() - MAX_QUEUED_MS)), -1),
    toDay: addDays(utcDay(now), 1),
  };
}

/** "in a minute", "in 25 minutes", "in about 3 hours": how long until a refused answer can go. */
function inAbout(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  if (minutes <= 1) return "in a minute";
  if (minutes < 60) return `in ${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? "in an hour" : `in about ${hours} hours`;
}

/**
 * The two statements of one kind of count (safety checks, or every other answer), with
 * placeholders: building the SQL would cost more than running it, on every answer. Instants are
 * given as the column stores them (`at`): a placeholder is not mapped by the column.
 */
function prepareCounts(db: Db, kind: LimitedSubmission["kind"]) {
  const rows = (since: string) =>
    minePrepared(
      checkIns,
      eq(checkIns.patientId, p("patientId")),
      gte(checkIns.day, p("fromDay")),
      lte(checkIns.day, p("toDay")),
      gt(checkIns.createdAt, p(since)),
      kind === "safety" ? eq(checkIns.kind, "safety") : ne(checkIns.kind, "safety"),
    );
  return {
    /** Answers received in the last day, and how many of them in the last minute. */
    held: db
      .select({
        inLastDay: count(),
        inLastMinute:
          sql`coalesce(sum(case when ${checkIns.createdAt} > ${p("minuteAgo")} then 1 else 0 end), 0)`.mapWith(
            Number,
          ),
      })
      .from(checkIns)
      .where(rows("dayAgo"))
      .prepare(`submission_limits_${kind}_held`),
    /** When the answer at `offset`, oldest first, of those received since `since` came in. */
    receivedAt: db
      .select({ at: checkIns.createdAt })
      .from(checkIns)
      .where(rows("since"))
      .orderBy(asc(checkIns.createdAt))
      .limit(1)
      .offset(p("offset"))
      .prepare(`submission_limits_${kind}_received_at`),
  };
}

/** Prepared once per connection, both kinds together. */
const counts = perConnection((db) => ({
  answer: prepareCounts(db, "answer"),
  safety: prepareCounts(db, "safety"),
}));

/** An instant as `check_ins.created_at` stores it, for a placeholder. */
const at = (ms: number) => checkIns.createdAt.mapToDriverValue(new Date(ms));

/**
 * Refuses a new answer when its link has sent too many (decision 016), before anything is
 * written, inside the answer's own transaction (`db`) after `holdPatientAnswers`, so that the
 * count is exact. Everything is counted from the check-ins themselves, through the (patient, day)
 * index: no limit state lives in a server's memory, so several servers sharing the database share
 * the limits. Call it for new idempotency keys only: a replay of a stored key stores nothing and
 * is always answered.
 *
 * A safety check with any "yes" is never refused: a red flag must reach the clinic at once.
 */
export async function enforceSubmissionLimits(options: {
  db: Tx;
  scope: PatientScope;
  submission: LimitedSubmission;
  receivedAt: Date;
  limits?: SubmissionLimits;
}): Promise<void> {
  const { db, scope, submission, receivedAt: now } = options;
  if (submission.kind === "safety" && submission.answers.some((a) => a.answer)) return;
  const limits = options.limits ?? submissionLimits();
  const statements = counts(db)[submission.kind];
  const dayAgo = now.getTime() - DAY_MS;
  const minuteAgo = now.getTime() - MINUTE_MS;
  const where = scope.data.bind({
    patientId: scope.patientId,
    ...possibleDays(new Date(dayAgo), now),
  });
  const [held = { inLastDay: 0, inLastMinute: 0 }] = await statements.held.execute({
    ...where,
    dayAgo: at(dayAgo),
    minuteAgo: at(minuteAgo),
  });

  /** Seconds until the oldest answers over `limit` have left a window of `length` ms. */
  const secondsUntilRoom = async (
    since: number,
    length: number,
    inWindow: number,
    limit: number,
  ) => {
    const [oldest] = await statements.receivedAt.execute({
      ...where,
      since: at(since),
      offset: inWindow - limit,
    });
    const leavesAt = (oldest?.at.getTime() ?? now.getTime()) + length;
    return Math.max(1, Math.ceil((leavesAt - now.getTime()) / 1000));
  };

  if (submission.kind === "safety") {
    if (held.inLastDay < limits.safetyChecksPerDay) return;
    const wait = await secondsUntilRoom(dayAgo, DAY_MS, held.inLastDay, limits.safetyChecksPerDay);
    throw new SubmissionLimitError(
      `You have answered the safety questions many times today. Please try again ${inAbout(wait)}.`,
      wait,
    );
  }
  if (held.inLastDay >= limits.answersPerDay) {
    const wait = await secondsUntilRoom(dayAgo, DAY_MS, held.inLastDay, limits.answersPerDay);
    throw new SubmissionLimitError(
      `You have sent a lot of answers today. Please try again ${inAbout(wait)}.`,
      wait,
    );
  }
  if (held.inLastMinute >= limits.answersPerMinute) {
    const wait = await secondsUntilRoom(
      minuteAgo,
      MINUTE_MS,
      held.inLastMinute,
      limits.answersPerMinute,
    );
    throw new SubmissionLimitError(
      "You have sent a lot of answers in a short time. Please wait a minute and try again.",
      wait,
    );
  }
}
