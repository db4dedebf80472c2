import { asc, count, eq, gt, sql } from "drizzle-orm";
import type { Tx } from "@/db/engine/types";
import { messages } from "@/db/schema";
import { submissionLimits, type SubmissionLimits } from "@/server/env";
import { enforceSubmissionLimits, SubmissionLimitError } from "../check-ins/submission-limits";
import type { PatientScope } from "../scope";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** "in a minute", "in 25 minutes", "in about 3 hours". */
function inAbout(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  if (minutes <= 1) return "in a minute";
  if (minutes < 60) return `in ${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? "in an hour" : `in about ${hours} hours`;
}

/**
 * A patient's message counts against the link's submission limits (decision 016) together with
 * their answers: messages and answers received in the last minute and the last day, added up,
 * must stay under the limits. Call it inside the message's transaction, after
 * `holdPatientAnswers`, for a new key only (a replay stores nothing). Counted from the rows
 * themselves, through the (patient, created) index, so several servers share the limits.
 *
 * Answers sent after many messages are still counted by the check-in service alone (it does not
 * read messages): decision 033 says why that is accepted for now.
 */
export async function enforceMessageLimits(options: {
  tx: Tx;
  scope: PatientScope;
  receivedAt: Date;
  limits?: SubmissionLimits;
}): Promise<void> {
  const { tx, scope, receivedAt: now } = options;
  const limits = options.limits ?? submissionLimits();
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const minuteAgo = new Date(now.getTime() - MINUTE_MS);
  const sent = (since: Date) =>
    scope.data.ours(messages, eq(messages.authorKind, "patient"), gt(messages.createdAt, since));
  const [held] = await tx
    .select({
      inLastDay: count(),
      inLastMinute:
        sql<number>`coalesce(sum(case when ${messages.createdAt} > ${sql.param(minuteAgo, messages.createdAt)} then 1 else 0 end), 0)`.mapWith(
          Number,
        ),
    })
    .from(messages)
    .where(sent(dayAgo));
  const inLastDay = held?.inLastDay ?? 0;
  const inLastMinute = held?.inLastMinute ?? 0;

  /** Seconds until the oldest messages over `limit` have left a window. */
  const secondsUntilRoom = async (since: Date, length: number, inWindow: number, limit: number) => {
    const [oldest] = await tx
      .select({ at: messages.createdAt })
      .from(messages)
      .where(sent(since))
      .orderBy(asc(messages.createdAt))
      .limit(1)
      .offset(inWindow - limit);
    const leavesAt = (oldest?.at.getTime() ?? now.getTime()) + length;
    return Math.max(1, Math.ceil((leavesAt - now.getTime()) / 1000));
  };

  if (inLastDay >= limits.answersPerDay) {
    const wait = await secondsUntilRoom(dayAgo, DAY_MS, inLastDay, limits.answersPerDay);
    throw new SubmissionLimitError(
      `You have sent a lot of messages today. Please try again ${inAbout(wait)}, or phone your clinic.`,
      wait,
    );
  }
  if (inLastMinute >= limits.answersPerMinute) {
    const wait = await secondsUntilRoom(
      minuteAgo,
      MINUTE_MS,
      inLastMinute,
      limits.answersPerMinute,
    );
    throw new SubmissionLimitError(
      "You have sent a lot of messages in a short time. Please wait a minute and try again.",
      wait,
    );
  }
  // The answers of the same windows, against what the messages left of each limit.
  await enforceSubmissionLimits({
    db: tx,
    scope,
    submission: { kind: "answer" },
    receivedAt: now,
    limits: {
      ...limits,
      answersPerDay: limits.answersPerDay - inLastDay,
      answersPerMinute: limits.answersPerMinute - inLastMinute,
    },
  });
}
