import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { SKIP_REASONS } from "@/db/schema/enums";
import { RED_FLAG_IDS } from "@/server/domain/red-flags";
import { postponeSafetyCheck } from "@/server/services/check-ins/postpone-safety-check";
import { SubmissionLimitError } from "@/server/services/check-ins/submission-limits";
import {
  logExerciseSession,
  submitExercisePain,
  submitMorningPain,
  submitSafetyCheck,
} from "@/server/services/check-ins/submissions";
import { patientProcedure, router } from "@/server/trpc";
import { ZId } from "./schemas";

/** Every submission carries a key made on the phone when the patient tapped, and when. */
const ZSubmission = {
  idempotencyKey: z.uuid({ message: "This answer has no valid key. Please tap again." }),
  tappedAt: z.coerce.date().optional(),
};

const ZPainScore = z.number().int().min(0).max(10);

export const ZSubmitMorningPainInput = z.object({ ...ZSubmission, score: ZPainScore });

export const ZLogExerciseSessionInput = z.object({
  ...ZSubmission,
  programItemId: ZId,
  outcome: z.discriminatedUnion("done", [
    z.object({
      done: z.literal(true),
      setsDone: z.number().int().min(0).max(50).nullish(),
      repsDone: z.number().int().min(0).max(500).nullish(),
    }),
    z.object({ done: z.literal(false), skippedReason: z.enum(SKIP_REASONS) }),
  ]),
});

export const ZSubmitExercisePainInput = z.object({
  ...ZSubmission,
  score: ZPainScore,
  note: z.string().trim().max(1000).nullish(),
});

export const ZSubmitSafetyCheckInput = z.object({
  ...ZSubmission,
  answers: z
    .array(
      z.object({ questionId: z.enum(RED_FLAG_IDS as [string, ...string[]]), answer: z.boolean() }),
    )
    .refine(
      (answers) =>
        answers.length === RED_FLAG_IDS.length &&
        new Set(answers.map((a) => a.questionId)).size === RED_FLAG_IDS.length,
      { message: "Please answer every question." },
    ),
});

const ZSubmitted = z.object({ checkInId: z.string(), day: z.string() });

export const ZSubmitMorningPainOutput = ZSubmitted.extend({ contexts: z.array(z.string()) });
export const ZSubmitSafetyCheckOutput = ZSubmitted.extend({
  level: z.enum(["emergency", "urgent"]).nullable(),
});

/** "Answer later" on the weekly safety check: only the tap's key and time. */
export const ZPostponeSafetyCheckInput = z.object(ZSubmission);
export const ZPostponeSafetyCheckOutput = z.object({
  weekStart: z.string(),
  postponesLeft: z.number().int().min(0),
});

/**
 * A patient's answer that is stored: over the link's limits it is refused as TOO_MANY_REQUESTS
 * (HTTP 429, which the phone keeps and sends again later), with the service's kind sentence. The
 * refusal keeps its cause so the route can tell the phone when to try again (Retry-After).
 */
export const answerProcedure = patientProcedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof SubmissionLimitError) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: result.error.cause.message,
      cause: result.error.cause,
    });
  }
  return result;
});

/** Seconds until a refused answer may be sent again, for the Retry-After header; null otherwise. */
export function retryAfterSeconds(error: TRPCError): number | null {
  return error.code === "TOO_MANY_REQUESTS" && error.cause instanceof SubmissionLimitError
    ? error.cause.retryAfterSeconds
    : null;
}

/** The patient's answers from their phone; every procedure acts on the link's patient only. */
export const checkInsRouter = router({
  morningPain: answerProcedure
    .input(ZSubmitMorningPainInput)
    .output(ZSubmitMorningPainOutput)
    .mutation(({ ctx, input }) => submitMorningPain({ scope: ctx.patient, input })),
  exerciseSession: answerProcedure
    .input(ZLogExerciseSessionInput)
    .output(ZSubmitted)
    .mutation(({ ctx, input }) => logExerciseSession({ scope: ctx.patient, input })),
  exercisePain: answerProcedure
    .input(ZSubmitExercisePainInput)
    .output(ZSubmitted)
    .mutation(({ ctx, input }) => submitExercisePain({ scope: ctx.patient, input })),
  safetyCheck: answerProcedure
    .input(ZSubmitSafetyCheckInput)
    .output(ZSubmitSafetyCheckOutput)
    .mutation(({ ctx, input }) => submitSafetyCheck({ scope: ctx.patient, input })),
  postponeSafetyCheck: answerProcedure
    .input(ZPostponeSafetyCheckInput)
    .output(ZPostponeSafetyCheckOutput)
    .mutation(({ ctx, input }) => postponeSafetyCheck({ scope: ctx.patient, input })),
});
