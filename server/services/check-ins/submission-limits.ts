import { and, asc, count, eq, gt, gte, lte, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { checkIns } from "@/db/schema";
import { MAX_QUEUED_MS } from "@/server/domain/check-in-schedule";
import { addDays } from "@/server/domain/days";
import { submissionLimits, type SubmissionLimits } from "@/server/env";
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

const p = (name: string) => sql.placeholder(name);

/**
 * The two statements of one kind of count (safety checks, or every other answer), built once per
 * connection with placeholders: building the SQL would cost more than running it, on every answer.
 */
function prepareCounts(db: DbOrTx, kind: LimitedSubmission["kind"]) {
  const rows = (since: string) =>
    and(
      eq(checkIns.patientId, p("patientId")),
      eq(checkIns.clinicId, p("clinicId")),
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
        inLastMinute: sql<number>`coalesce(sum(case when ${checkIns.createdAt} > ${p("minuteAgo")} then 1 else 0 end), 0)`,
      })
      .from(checkIns)
      .where(rows("dayAgo"))
      .prepare(),
    /** When the answer at `offset`, oldest first, of those received since `since` came in. */
    receivedAt: db
      .select({ at: checkIns.createdAt })
      .from(checkIns)
      .where(rows("since"))
      .orderBy(asc(checkIns.createdAt))
      .limit(1)
      .offset(p("offset"))
      .prepare(),
  };
}

type Counts = ReturnType<typeof prepareCounts>;
const prepared = new WeakMap<object, Record<LimitedSubmission["kind"], Counts>>();

function countsFor(db: DbOrTx, kind: LimitedSubmission["kind"]): Counts {
  let statements = prepared.get(db);
  if (!statements) {
    statements = { answer: prepareCounts(db, "answer"), safety: prepareCounts(db, "safety") };
    prepared.set(db, statements);
  }
  return statements[kind];
}

/**
 * Refuses a new answer when its link has sent too many (decision 016), before anything is
 * written, inside the answer's own IMMEDIATE transaction so that the count is exact. Everything is
 * counted from the check-ins themselves, through the (patient, day) index, so several servers
 * sharing the database share the limits. Call it for new idempotency keys only: a replay of a
 * stored key stores nothing and is always answered.
 *
 * A safety check with any "yes" is never refused: a red flag must reach the clinic at once.
 */
export function enforceSubmissionLimits(options: {
  scope: PatientScope;
  submission: LimitedSubmission;
  receivedAt: Date;
  limits?: SubmissionLimits;
}): void {
  const { scope, submission, receivedAt: now } = options;
  if (submission.kind === "safety" && submission.answers.some((a) => a.answer)) return;
  const limits = options.limits ?? submissionLimits();
  // Prepared on the scope's connection, run inside the caller's transaction on that connection.
  const counts = countsFor(scope.db, submission.kind);
  const dayAgo = now.getTime() - DAY_MS;
  const minuteAgo = now.getTime() - MINUTE_MS;
  const where = {
    patientId: scope.patientId,
    clinicId: scope.clinicId,
    ...possibleDays(new Date(dayAgo), now),
  };
  const held = counts.held.get({ ...where, dayAgo, minuteAgo }) ?? {
    inLastDay: 0,
    inLastMinute: 0,
  };

  /** Seconds until the oldest answers over `limit` have left a window of `length` ms. */
  const secondsUntilRoom = (since: number, length: number, inWindow: number, limit: number) => {
    const oldest = counts.receivedAt.get({ ...where, since, offset: inWindow - limit });
    const leavesAt = (oldest?.at.getTime() ?? now.getTime()) + length;
    return Math.max(1, Math.ceil((leavesAt - now.getTime()) / 1000));
  };

  if (submission.kind === "safety") {
    if (held.inLastDay < limits.safetyChecksPerDay) return;
    const wait = secondsUntilRoom(dayAgo, DAY_MS, held.inLastDay, limits.safetyChecksPerDay);
    throw new SubmissionLimitError(
      `You have answered the safety questions many times today. Please try again ${inAbout(wait)}.`,
      wait,
    );
  }
  if (held.inLastDay >= limits.answersPerDay) {
    const wait = secondsUntilRoom(dayAgo, DAY_MS, held.inLastDay, limits.answersPerDay);
    throw new SubmissionLimitError(
      `You have sent a lot of answers today. Please try again ${inAbout(wait)}.`,
      wait,
    );
  }
  if (held.inLastMinute >= limits.answersPerMinute) {
    const wait = secondsUntilRoom(minuteAgo, MINUTE_MS, held.inLastMinute, limits.answersPerMinute);
    throw new SubmissionLimitError(
      "You have sent a lot of answers in a short time. Please wait a minute and try again.",
      wait,
    );
  }
}
