import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { MESSAGE_AUTHOR_KINDS } from "@/db/schema/enums";
import { messageBodyProblem } from "@/server/domain/message-text";
import { SubmissionLimitError } from "@/server/services/check-ins/submission-limits";
import { exportMessages } from "@/server/services/messages/export";
import {
  markThreadReadByPatient,
  markThreadReadByStaff,
} from "@/server/services/messages/mark-read";
import { answerPatient, sendPatientMessage } from "@/server/services/messages/send";
import { readPatientThread, readStaffThread } from "@/server/services/messages/thread";
import { listUnreadThreads, unreadMessageCounts } from "@/server/services/messages/unread";
import { patientProcedure, router, staffProcedure } from "@/server/trpc";
import { ZId } from "./schemas";

/**
 * The text as typed; its rules (not empty, at most MESSAGE_MAX_LENGTH once trimmed) are checked
 * below so the sender reads one plain sentence. The bound here only stops an absurd request.
 */
const ZBody = z.string().max(20_000, { message: "This message is far too long." });

/** A message is refused with the rule's own sentence (not the generic "fields need fixing"). */
function checkBody(body: string): void {
  const problem = messageBodyProblem(body);
  if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem });
}

export const ZSendMessageInput = z.object({
  idempotencyKey: z.uuid({ message: "This message has no valid key. Please send it again." }),
  tappedAt: z.coerce.date().optional(),
  body: ZBody,
});

export const ZAnswerMessageInput = z.object({
  patientId: ZId,
  idempotencyKey: z.uuid({ message: "This answer has no valid key. Please send it again." }),
  body: ZBody,
});

const ZSentMessage = z.object({ messageId: z.string(), sentAt: z.date(), replayed: z.boolean() });

const ZThreadMessage = z.object({
  id: z.string(),
  from: z.enum(MESSAGE_AUTHOR_KINDS),
  authorName: z.string().nullable(),
  body: z.string(),
  sentAt: z.date(),
  readAt: z.date().nullable(),
  readByName: z.string().nullable(),
});

export const ZPatientThreadOutput = z.object({
  clinic: z.object({
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    emergencyNumber: z.string(),
  }),
  /** The patient's own zone: the times shown are theirs. */
  timeZone: z.string(),
  messages: z.array(ZThreadMessage),
  more: z.boolean(),
});

export const ZStaffThreadOutput = z.object({
  patientId: z.string(),
  patientName: z.string(),
  discharged: z.boolean(),
  unread: z.number().int(),
  messages: z.array(ZThreadMessage),
  more: z.boolean(),
});

const ZMarked = z.object({ marked: z.number().int() });

export const ZUnreadCountsOutput = z.object({
  patients: z.number().int(),
  messages: z.number().int(),
  minePatients: z.number().int(),
});

export const ZInboxOutput = z.object({
  /** The clinic's zone, for the times shown. */
  timeZone: z.string(),
  threads: z.array(
    z.object({
      patientId: z.string(),
      patientName: z.string(),
      unread: z.number().int(),
      lastMessageAt: z.date(),
      mine: z.boolean(),
    }),
  ),
});

export const ZExportMessagesOutput = z.array(
  z.object({
    day: z.string(),
    sentAt: z.date(),
    from: z.enum(MESSAGE_AUTHOR_KINDS),
    authorName: z.string().nullable(),
    body: z.string(),
    readAt: z.date().nullable(),
  }),
);

/**
 * The patient's message is an answer like any other: over the link's limits it is refused as
 * TOO_MANY_REQUESTS (HTTP 429, with Retry-After), which the phone keeps and sends again later.
 */
const limitedPatientProcedure = patientProcedure.use(async ({ next }) => {
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

/** Messages between a patient and the clinic (issue 16, decision 033). */
export const messagesRouter = router({
  /** The patient's own thread, with the clinic's phone and emergency number. */
  thread: patientProcedure
    .output(ZPatientThreadOutput)
    .query(({ ctx }) => readPatientThread({ scope: ctx.patient })),
  send: limitedPatientProcedure
    .input(ZSendMessageInput)
    .output(ZSentMessage)
    .mutation(({ ctx, input }) => {
      checkBody(input.body);
      return sendPatientMessage({ scope: ctx.patient, input });
    }),
  /** The patient has seen the clinic's messages. */
  seen: patientProcedure
    .output(ZMarked)
    .mutation(({ ctx }) => markThreadReadByPatient({ scope: ctx.patient })),

  forPatient: staffProcedure
    .input(z.object({ patientId: ZId }))
    .output(ZStaffThreadOutput)
    .query(({ ctx, input }) => readStaffThread({ scope: ctx.scope, patientId: input.patientId })),
  answer: staffProcedure
    .input(ZAnswerMessageInput)
    .output(ZSentMessage)
    .mutation(({ ctx, input }) => {
      checkBody(input.body);
      return answerPatient({ scope: ctx.scope, input });
    }),
  markRead: staffProcedure
    .input(z.object({ patientId: ZId }))
    .output(ZMarked)
    .mutation(({ ctx, input }) =>
      markThreadReadByStaff({ scope: ctx.scope, patientId: input.patientId }),
    ),
  /** The menu's count: patients and messages waiting, no patient named. */
  unreadCounts: staffProcedure
    .output(ZUnreadCountsOutput)
    .query(({ ctx }) => unreadMessageCounts({ scope: ctx.scope })),
  /** Every message of the thread, for the patient's CSV export. */
  exportRows: staffProcedure
    .input(z.object({ patientId: ZId }))
    .output(ZExportMessagesOutput)
    .query(({ ctx, input }) => exportMessages({ scope: ctx.scope, patientId: input.patientId })),
  /** The patients whose messages wait to be read. */
  inbox: staffProcedure
    .output(ZInboxOutput)
    .query(({ ctx }) => listUnreadThreads({ scope: ctx.scope })),
});
