import { TRPCClientError } from "@trpc/client";

/** The server's per-field messages (from the tRPC error formatter), keyed by the last path part. */
export function serverFieldErrors(error: unknown, prefix = ""): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const fields =
    (error.data as { fieldErrors?: Record<string, string[] | undefined> } | undefined)
      ?.fieldErrors ?? {};
  const out: Record<string, string> = {};
  for (const [key, messages] of Object.entries(fields)) {
    const field = prefix && key.startsWith(prefix) ? key.slice(prefix.length) : key;
    if (messages?.[0]) out[field] = messages[0];
  }
  return out;
}
