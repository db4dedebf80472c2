import webpush from "web-push";
import type { VapidKeys } from "./vapid";

/** What the service worker shows: no health data, only that there is something to do or read. */
export interface PushPayload {
  title: string;
  body: string;
  /** The page a tap opens, on this server (relative). */
  url: string;
  /** Replaces an earlier notification of the same tag on the phone. */
  tag: string;
}

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** How a push service answered, in the terms the outbox needs. */
export type PushOutcome =
  | { ok: true }
  /** The subscription is gone for good (404, 410): forget it. */
  | { ok: false; gone: true; code: string }
  | { ok: false; gone: false; code: string };

export type PushSender = (
  target: PushTarget,
  payload: PushPayload,
  ttlSeconds: number,
) => Promise<PushOutcome>;

/**
 * Sends one Web Push message: encrypted for the phone (RFC 8291, aes128gcm), signed with the
 * server's VAPID key (RFC 8292), with a time to live so the push service drops it rather than
 * deliver it after the moment has passed. web-push builds the request; it is sent with fetch so
 * a slow push service times out and nothing but the status code is kept.
 */
export function createPushSender(
  keys: VapidKeys,
  options: { timeoutMs?: number } = {},
): PushSender {
  return async (target, payload, ttlSeconds) => {
    const details = webpush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      JSON.stringify(payload),
      {
        vapidDetails: keys,
        TTL: Math.max(0, Math.floor(ttlSeconds)),
        urgency: "normal",
        topic: payload.tag.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 32),
      },
    );
    let response: Response;
    try {
      response = await fetch(details.endpoint, {
        method: details.method,
        headers: details.headers as Record<string, string>,
        body: details.body ? new Uint8Array(details.body) : null,
        signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
      });
    } catch (error) {
      const name = error instanceof Error ? error.name : "Error";
      return {
        ok: false,
        gone: false,
        code: name === "TimeoutError" ? "PUSH_TIMEOUT" : "PUSH_UNREACHABLE",
      };
    }
    await response.body?.cancel().catch(() => undefined);
    if (response.ok) return { ok: true };
    const code = `PUSH ${response.status}`;
    return { ok: false, gone: response.status === 404 || response.status === 410, code };
  };
}
