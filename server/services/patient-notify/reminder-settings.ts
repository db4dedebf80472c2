import { randomBytes } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { calendarFeeds, patients, pushSubscriptions, reminderSettings } from "@/db/schema";
import type { ReminderChannel } from "@/db/schema/enums";
import { recordAudit } from "@/server/audit";
import { generateLinkToken, hashLinkToken } from "@/server/auth/tokens";
import type { SystemData } from "@/server/data/clinic-data";
import { dbErrorKind } from "@/db/engine/errors";
import {
  EVERY_DAY,
  isAllowedReminderTime,
  maskOfWeekdays,
  weekdaysOfMask,
} from "@/server/domain/reminders";
import { getCurrentProgram } from "../programs/get-current-program";
import { ConflictError } from "../errors";
import type { PatientScope } from "../scope";
import { pushEndpointAllowed } from "./vapid";

/** What the reminder page shows before the patient has saved anything. */
export const DEFAULT_SETTINGS = {
  remindersOn: false,
  remindAt: "18:00",
  weekdays: EVERY_DAY,
  channel: "none" as ReminderChannel,
  email: null as string | null,
};

/**
 * The patient's reminder settings as their page shows them: the choices, whether this patient
 * has a phone subscribed to push and a calendar address, and how many days a week the program
 * asks for (the page suggests choosing that many days). Never the unsubscribe key.
 */
export async function getReminderSettings(options: { scope: PatientScope }) {
  const { scope } = options;
  const { data } = scope;
  return data.read(async (db) => {
    const [row] = await db
      .select({
        remindersOn: reminderSettings.remindersOn,
        remindAt: reminderSettings.remindAt,
        weekdays: reminderSettings.weekdays,
        channel: reminderSettings.channel,
        email: reminderSettings.email,
      })
      .from(reminderSettings)
      .where(data.ours(reminderSettings))
      .limit(1);
    const [phones] = await db
      .select({ n: count() })
      .from(pushSubscriptions)
      .where(data.ours(pushSubscriptions));
    const [feed] = await db
      .select({ createdAt: calendarFeeds.createdAt })
      .from(calendarFeeds)
      .where(data.ours(calendarFeeds, eq(calendarFeeds.linkId, scope.linkId)))
      .limit(1);
    const program = await getCurrentProgram({
      db,
      clinicId: data.clinicId,
      patientId: scope.patientId,
    });
    const settings = row ?? DEFAULT_SETTINGS;
    return {
      remindersOn: settings.remindersOn,
      remindAt: settings.remindAt,
      weekdays: weekdaysOfMask(settings.weekdays),
      channel: settings.channel,
      email: settings.email,
      pushPhones: phones?.n ?? 0,
      calendarSince: feed?.createdAt ?? null,
      daysPerWeek: Math.max(0, ...(program?.items ?? []).map((i) => i.daysPerWeek)),
    };
  });
}

export interface SaveReminderSettingsInput {
  remindersOn: boolean;
  remindAt: string;
  /** 0 = Monday … 6 = Sunday. */
  weekdays: number[];
  channel: ReminderChannel;
  email: string | null;
}

/**
 * Saves the patient's choices. Push needs this phone subscribed first (the page subscribes, then
 * saves); email needs an address and the clinic's mail set up. The audit row says what changed,
 * and whether an address was given, never the address.
 */
export async function saveReminderSettings(options: {
  scope: PatientScope;
  input: SaveReminderSettingsInput;
  mailReady: boolean;
  now?: Date;
}) {
  const { scope, input, mailReady } = options;
  const { data } = scope;
  const now = options.now ?? new Date();
  if (!isAllowedReminderTime(input.remindAt)) {
    throw new ConflictError("Choose a time between 07:00 and 21:00.");
  }
  if (input.remindersOn && input.weekdays.length === 0) {
    throw new ConflictError("Choose at least one day to be reminded on.");
  }
  const email = input.email?.trim() || null;
  if (input.channel === "email" && !email) {
    throw new ConflictError("Type the email address the reminders should go to.");
  }
  if (input.channel === "email" && !mailReady) {
    throw new ConflictError(
      "Your clinic cannot send emails yet. Choose notifications on this phone, or the calendar.",
    );
  }
  return data.write(async (tx) => {
    await data.requirePatient(tx, scope.patientId);
    if (input.channel === "push") {
      const [phones] = await tx
        .select({ n: count() })
        .from(pushSubscriptions)
        .where(data.ours(pushSubscriptions));
      if (!phones?.n) {
        throw new ConflictError(
          "Notifications are not turned on for this phone yet. Tap “Turn on notifications” first.",
        );
      }
    }
    const values = {
      remindersOn: input.remindersOn,
      remindAt: input.remindAt,
      weekdays: maskOfWeekdays(input.weekdays),
      channel: input.channel,
      // Kept only while email is the way: nothing else uses it.
      email: input.channel === "email" ? email : null,
      updatedAt: now,
    };
    await tx
      .insert(reminderSettings)
      .values(
        data.stamp({
          patientId: scope.patientId,
          unsubscribeKey: randomBytes(24).toString("base64url"),
          ...values,
        }),
      )
      .onConflictDoUpdate({ target: reminderSettings.patientId, set: values });
    await recordAudit(tx, {
      clinicId: data.clinicId,
      actorKind: "patient_link",
      actorId: scope.linkId,
      action: "reminders.update",
      entityType: "reminder_settings",
      entityId: scope.patientId,
      patientId: scope.patientId,
      after: {
        remindersOn: values.remindersOn,
        remindAt: values.remindAt,
        weekdays: input.weekdays,
        channel: values.channel,
        emailGiven: values.email !== null,
      },
      ip: scope.ip,
      at: now,
    });
    return { saved: true as const };
  });
}

export interface PushSubscriptionInput {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/**
 * Keeps this phone's push subscription for the patient. Only the browsers' push services are
 * accepted as endpoints (the server posts to them: vapid.ts). A phone that subscribes again
 * (new keys) replaces its row.
 */
export async function subscribePush(options: {
  scope: PatientScope;
  subscription: PushSubscriptionInput;
  now?: Date;
}) {
  const { scope, subscription } = options;
  const { data } = scope;
  const now = options.now ?? new Date();
  if (!pushEndpointAllowed(subscription.endpoint)) {
    throw new ConflictError(
      "This browser's notification service is not one Rehabit can use. Choose email or the calendar instead.",
    );
  }
  return data.write(async (tx) => {
    await data.requirePatient(tx, scope.patientId);
    await tx
      .delete(pushSubscriptions)
      .where(data.ours(pushSubscriptions, eq(pushSubscriptions.endpoint, subscription.endpoint)));
    const [row] = await tx
      .insert(pushSubscriptions)
      .values(data.stamp({ patientId: scope.patientId, ...subscription, createdAt: now }))
      .returning({ id: pushSubscriptions.id })
      .catch((error: unknown) => {
        // The same phone already receives another patient's notices (a shared phone).
        if (dbErrorKind(error) === "unique") {
          throw new ConflictError(
            "This phone already gets notifications for another plan. Choose email or the calendar instead.",
          );
        }
        throw error;
      });
    await recordAudit(tx, {
      clinicId: data.clinicId,
      actorKind: "patient_link",
      actorId: scope.linkId,
      action: "reminders.push_subscribe",
      entityType: "push_subscription",
      entityId: row!.id,
      patientId: scope.patientId,
      ip: scope.ip,
      at: now,
    });
    return { subscribed: true as const };
  });
}

/**
 * Forgets this phone's subscription (the patient turned notifications off). With no phone left,
 * push reminders stop: the settings fall back to no channel.
 */
export async function unsubscribePush(options: {
  scope: PatientScope;
  endpoint: string;
  now?: Date;
}) {
  const { scope } = options;
  const { data } = scope;
  const now = options.now ?? new Date();
  return data.write(async (tx) => {
    const gone = await tx
      .delete(pushSubscriptions)
      .where(data.ours(pushSubscriptions, eq(pushSubscriptions.endpoint, options.endpoint)))
      .returning({ id: pushSubscriptions.id });
    const [left] = await tx
      .select({ n: count() })
      .from(pushSubscriptions)
      .where(data.ours(pushSubscriptions));
    if (!left?.n) {
      await tx
        .update(reminderSettings)
        .set({ channel: "none", updatedAt: now })
        .where(data.ours(reminderSettings, eq(reminderSettings.channel, "push")));
    }
    if (gone.length > 0) {
      await recordAudit(tx, {
        clinicId: data.clinicId,
        actorKind: "patient_link",
        actorId: scope.linkId,
        action: "reminders.push_unsubscribe",
        entityType: "push_subscription",
        entityId: gone[0]!.id,
        patientId: scope.patientId,
        ip: scope.ip,
        at: now,
      });
    }
    return { unsubscribed: gone.length > 0 };
  });
}

/**
 * Makes (or remakes) the calendar address of this link: a token of its own, shown once, of which
 * only the hash is kept. Making a new one ends the old address. The feed lives as long as the
 * link: revoke the link and the calendar stops.
 */
export async function createCalendarFeed(options: { scope: PatientScope; now?: Date }) {
  const { scope } = options;
  const { data } = scope;
  const now = options.now ?? new Date();
  const token = generateLinkToken();
  const tokenHash = hashLinkToken(token);
  await data.write(async (tx) => {
    await data.requirePatient(tx, scope.patientId);
    const [row] = await tx
      .insert(calendarFeeds)
      .values(
        data.stamp({ patientId: scope.patientId, linkId: scope.linkId, tokenHash, createdAt: now }),
      )
      .onConflictDoUpdate({ target: calendarFeeds.linkId, set: { tokenHash, createdAt: now } })
      .returning({ id: calendarFeeds.id });
    await recordAudit(tx, {
      clinicId: data.clinicId,
      actorKind: "patient_link",
      actorId: scope.linkId,
      action: "reminders.calendar_feed",
      entityType: "calendar_feed",
      entityId: row!.id,
      patientId: scope.patientId,
      ip: scope.ip,
      at: now,
    });
  });
  return { path: `/api/calendar/${token}.ics` };
}

/**
 * The one-tap unsubscribe of a reminder email: turns email off for the patient whose key it is
 * and forgets the address. Unknown keys do nothing and say nothing. On the system path: the
 * person tapping has no link cookie, only the key from their email.
 */
export async function unsubscribeEmail(options: {
  system: SystemData;
  key: string;
  now?: Date;
}): Promise<{ done: boolean }> {
  const { system, key } = options;
  const now = options.now ?? new Date();
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(key)) return { done: false };
  const [owner] = await system.read((db) =>
    db
      .select({ clinicId: reminderSettings.clinicId, patientId: reminderSettings.patientId })
      .from(reminderSettings)
      .innerJoin(
        patients,
        and(
          eq(patients.id, reminderSettings.patientId),
          eq(patients.clinicId, reminderSettings.clinicId),
        ),
      )
      .where(eq(reminderSettings.unsubscribeKey, key))
      .limit(1),
  );
  if (!owner) return { done: false };
  const data = system.forPatient(owner.clinicId, owner.patientId);
  await data.write(async (tx) => {
    const changed = await tx
      .update(reminderSettings)
      .set({ channel: "none", email: null, updatedAt: now })
      .where(data.ours(reminderSettings, eq(reminderSettings.channel, "email")))
      .returning({ patientId: reminderSettings.patientId });
    if (changed.length === 0) return;
    await recordAudit(tx, {
      clinicId: data.clinicId,
      actorKind: "system",
      actorId: null,
      action: "reminders.email_unsubscribe",
      entityType: "reminder_settings",
      entityId: owner.patientId,
      patientId: owner.patientId,
      at: now,
    });
  });
  return { done: true };
}
