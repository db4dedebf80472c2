import { z } from "zod";
import { REMINDER_CHANNELS } from "@/db/schema/enums";
import { mailSettings } from "@/server/env";
import { isAllowedReminderTime } from "@/server/domain/reminders";
import {
  createCalendarFeed,
  getReminderSettings,
  saveReminderSettings,
  subscribePush,
  unsubscribePush,
} from "@/server/services/patient-notify/reminder-settings";
import { serverVapidKeys } from "@/server/services/patient-notify/vapid";
import { patientProcedure, router } from "@/server/trpc";

export const ZReminderSettingsOutput = z.object({
  remindersOn: z.boolean(),
  remindAt: z.string(),
  /** 0 = Monday … 6 = Sunday. */
  weekdays: z.array(z.number().int().min(0).max(6)),
  channel: z.enum(REMINDER_CHANNELS),
  email: z.string().nullable(),
  /** Phones of this patient subscribed to push. */
  pushPhones: z.number().int(),
  /** When this link's calendar address was made, if it has one. */
  calendarSince: z.date().nullable(),
  /** The most days a week an exercise of the program asks for (0 without a program). */
  daysPerWeek: z.number().int(),
  /** The server's VAPID public key; null when Web Push is not set up. */
  pushPublicKey: z.string().nullable(),
  /** The clinic's mail is set up, so email reminders can be chosen. */
  mailReady: z.boolean(),
});

export const ZSaveReminderSettingsInput = z
  .object({
    remindersOn: z.boolean(),
    remindAt: z.string().refine(isAllowedReminderTime, {
      message: "Choose a time between 07:00 and 21:00.",
    }),
    weekdays: z
      .array(z.number().int().min(0).max(6))
      .max(7)
      .refine((days) => new Set(days).size === days.length, "Each day once."),
    channel: z.enum(REMINDER_CHANNELS),
    email: z
      .email({ message: "That does not look like an email address. Please check it." })
      .max(254)
      .nullable(),
  })
  .refine((v) => v.channel !== "email" || v.email, {
    message: "Type the email address the reminders should go to.",
    path: ["email"],
  });

/** The browser's PushSubscription.toJSON(), as the phone sends it. */
export const ZPushSubscriptionInput = z.object({
  endpoint: z.url({ message: "The phone sent an unusable notification address." }).max(2048),
  keys: z.object({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, "The phone sent an unusable key."),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}={0,2}$/, "The phone sent an unusable key."),
  }),
});

export const ZUnsubscribePushInput = z.object({ endpoint: z.string().max(2048) });

/**
 * The patient's reminders (issue 16, decision 032): their choices, this phone's push
 * subscription, and the calendar address of their link. Only ever the linked patient's own.
 */
export const remindersRouter = router({
  settings: patientProcedure.output(ZReminderSettingsOutput).query(async ({ ctx }) => {
    const settings = await getReminderSettings({ scope: ctx.patient });
    const keys = await serverVapidKeys();
    return {
      ...settings,
      pushPublicKey: keys?.publicKey ?? null,
      mailReady: mailSettings() !== null,
    };
  }),

  save: patientProcedure
    .input(ZSaveReminderSettingsInput)
    .output(z.object({ saved: z.literal(true) }))
    .mutation(({ ctx, input }) =>
      saveReminderSettings({ scope: ctx.patient, input, mailReady: mailSettings() !== null }),
    ),

  subscribePush: patientProcedure
    .input(ZPushSubscriptionInput)
    .output(z.object({ subscribed: z.literal(true) }))
    .mutation(({ ctx, input }) =>
      subscribePush({
        scope: ctx.patient,
        subscription: {
          endpoint: input.endpoint,
          p256dh: input.keys.p256dh,
          auth: input.keys.auth,
        },
      }),
    ),

  unsubscribePush: patientProcedure
    .input(ZUnsubscribePushInput)
    .output(z.object({ unsubscribed: z.boolean() }))
    .mutation(({ ctx, input }) =>
      unsubscribePush({ scope: ctx.patient, endpoint: input.endpoint }),
    ),

  calendarFeed: patientProcedure
    .output(z.object({ path: z.string() }))
    .mutation(({ ctx }) => createCalendarFeed({ scope: ctx.patient })),
});
