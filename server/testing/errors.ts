import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { appRouter } from "@/server/root";

/**
 * How tests read what a procedure call came to. One module, so every test speaks of a refusal the
 * same way and a failure caused by something other than a TRPCError (a crash, a database error) is
 * named in the assertion's diff instead of passing for a refusal.
 *
 * - `codeOf(promise)`: "OK", the TRPCError's code, or "not a TRPCError: …".
 * - `outcome(promise)`: the code and the message, to compare two answers for being indistinguishable.
 * - `settle(promise)`: the code and the answer itself, to look inside what a call returned.
 * - `refusal(promise)`: the TRPCError itself; throws when the call succeeded or failed otherwise.
 * - `errorCode(error)`: the code of something already caught.
 * - `errorShape(error)`: the error as our formatter sends it to the browser.
 */

/** What a call came to: "OK", a TRPCError's code, or what was thrown instead. */
export type CallCode = "OK" | TRPCError["code"] | `not a TRPCError: ${string}`;

/** The code of a caught value: its TRPCError code, or "not a TRPCError: …" naming what it was. */
export function errorCode(error: unknown): Exclude<CallCode, "OK"> {
  return error instanceof TRPCError ? error.code : `not a TRPCError: ${String(error)}`;
}

export async function codeOf(promise: Promise<unknown>): Promise<CallCode> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return errorCode(error);
  }
}

export async function outcome(
  promise: Promise<unknown>,
): Promise<{ code: CallCode; message: string }> {
  try {
    await promise;
    return { code: "OK", message: "" };
  } catch (error) {
    return { code: errorCode(error), message: error instanceof Error ? error.message : "" };
  }
}

export async function settle<T>(promise: Promise<T>): Promise<{ code: CallCode; value: T | null }> {
  try {
    return { code: "OK", value: await promise };
  } catch (error) {
    return { code: errorCode(error), value: null };
  }
}

export async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("The call succeeded, but a refusal was expected.");
}

/** The error as the browser receives it, through the app's own error formatter. */
export function errorShape(error: TRPCError) {
  // The formatter ignores the call's type and path, so any stand-in will do.
  return getErrorShape({
    config: appRouter._def._config,
    error,
    type: "mutation",
    path: "test",
    input: undefined,
    ctx: undefined,
  });
}
