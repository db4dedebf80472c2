import { MESSAGE_MAX_LENGTH } from "@/db/schema/enums";

/**
 * A message's text as it is stored: surrounding blank space trimmed, line ends made one kind,
 * nothing else changed (the patient's words are theirs).
 */
export function normaliseMessageBody(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}

/** What is wrong with a message's text, in words for the person who typed it; null when fine. */
export function messageBodyProblem(text: string): string | null {
  const body = normaliseMessageBody(text);
  if (body.length === 0) return "Please write your message first.";
  if (body.length > MESSAGE_MAX_LENGTH) {
    return `Please shorten your message to ${MESSAGE_MAX_LENGTH} characters or fewer (it has ${body.length}).`;
  }
  return null;
}

/**
 * Who hears of a new patient message by email: its clinician, once per run of unread messages.
 * The first unread message starts a run; the ones after it while nobody has read the thread add
 * to the count on the staff pages but send no further email.
 */
export function startsUnreadRun(unreadIncludingThisOne: number): boolean {
  return unreadIncludingThisOne === 1;
}
