import type { SystemData } from "@/server/data/clinic-data";
import { SignInThrottle } from "./sign-in-throttle-store";
import { verifyCredentials, type VerifiedUser } from "./verify-credentials";

export type SignInOutcome =
  | { kind: "signed-in"; user: VerifiedUser }
  /** Wrong password, unknown email or deactivated account: one answer for all three. */
  | { kind: "refused" }
  /** Too early for this account or this address: the password was not checked. */
  | { kind: "throttled"; waitMs: number };

/**
 * One sign-in attempt with an email and password, through the throttle (decision 019). Unknown
 * emails are throttled exactly like real ones, so a wait says nothing about whether an account
 * exists. `address` is the client's address when it can be trusted (behind TRUST_PROXY), else null.
 * Nobody's clinic is known until the account is found: the system path.
 */
export async function signInWithPassword(options: {
  system: SystemData;
  secret: string;
  email: string;
  password: string;
  address: string | null;
  now?: Date;
}): Promise<SignInOutcome> {
  const now = (options.now ?? new Date()).getTime();
  const throttle = new SignInThrottle(options.system, options.secret);
  const keys = throttle.keysFor({ email: options.email, address: options.address });
  const reservation = await throttle.reserve(keys, now);
  if (!reservation.ok) return { kind: "throttled", waitMs: reservation.waitMs };
  const user = await verifyCredentials({
    system: options.system,
    email: options.email,
    password: options.password,
  });
  if (!user) return { kind: "refused" };
  await throttle.recordSuccess(keys);
  return { kind: "signed-in", user };
}
