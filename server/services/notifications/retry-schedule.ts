/**
 * When a failed message is tried again: 30 s after the first failure, then twice as long after each
 * further one, never more than 15 minutes apart. After 20 tries (about four hours of a mail server
 * being down) the message is marked failed and stays visible to admins.
 */
export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 15 * 60_000;
export const MAX_ATTEMPTS = 20;

/** The wait after the `attempts`-th failed try (1 for the first failure). */
export function retryDelayMs(attempts: number): number {
  const doublings = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(FIRST_RETRY_MS * 2 ** doublings, MAX_RETRY_MS);
}

/** True when this many failed tries are enough: the message is given up as failed. */
export function attemptsExhausted(attempts: number): boolean {
  return attempts >= MAX_ATTEMPTS;
}

/**
 * What is kept of a send error: its code only (ECONNECTION, EAUTH, EENVELOPE 550 …). The message
 * text may quote an address or a line of the email, so it is never stored or logged.
 */
export function errorCodeOf(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const name = typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code) ? code : "ERROR";
  return typeof responseCode === "number" && Number.isInteger(responseCode)
    ? `${name} ${responseCode}`
    : name;
}
