import "server-only";
import { serverSystem } from "./data/server-system";
import { env } from "./env";
import { publicOriginOf } from "./request-origin";
import { readCalendarFeed } from "./services/patient-notify/calendar-feed";
import { unsubscribeEmail } from "./services/patient-notify/reminder-settings";

/**
 * The reminders' two addresses outside any session (decision 032): a patient's calendar feed,
 * fetched by their calendar app with the feed's own token, and the one-tap unsubscribe of a
 * reminder email, by the key in the email. Both on the system path, each finding its patient by
 * its own secret and then reading only that patient's clinic.
 */
export function calendarFor(token: string, headers: Headers): Promise<string | null> {
  return readCalendarFeed({
    system: serverSystem(),
    token,
    appUrl: env().appUrl ?? publicOriginOf(headers, null),
  });
}

export function unsubscribeReminderEmails(key: string): Promise<{ done: boolean }> {
  return unsubscribeEmail({ system: serverSystem(), key });
}
