import { TRPCClientError } from "@trpc/client";

/** The plain sentence the server sent, or a generic one when the network failed. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    return error.message || "Something went wrong. Please try again.";
  }
  return "We could not reach Rehabit. Check your connection and try again.";
}
