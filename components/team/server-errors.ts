import { TRPCClientError } from "@trpc/client";

/** The per-field messages the server's error formatter sends, keyed by field name. */
export function serverFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const data: unknown = error.data;
  if (!data || typeof data !== "object" || !("fieldErrors" in data)) return {};
  const fieldErrors = data.fieldErrors;
  if (!fieldErrors || typeof fieldErrors !== "object") return {};
  const result: Record<string, string> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (Array.isArray(messages) && typeof messages[0] === "string") result[field] = messages[0];
  }
  return result;
}

/** The tRPC code of a failed call ("CONFLICT", "NOT_FOUND" ...), or null for a network failure. */
export function errorCode(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data: unknown = error.data;
  return data && typeof data === "object" && "code" in data && typeof data.code === "string"
    ? data.code
    : null;
}
