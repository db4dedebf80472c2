/**
 * Every reason an invitation or reset link cannot be used (unknown, used, revoked, expired, account
 * gone) gives this one message, so the answer tells a guesser nothing.
 */
export const INVALID_LINK_MESSAGE =
  "This link no longer works: it may have expired or been used already. Ask your clinic admin for a new one.";

export class InvalidLinkError extends Error {
  constructor() {
    super(INVALID_LINK_MESSAGE);
    this.name = "InvalidLinkError";
  }
}

/** A chosen password broke the policy in a way only the server could check (it knows the email). */
export class PasswordRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PasswordRejectedError";
  }
}
