import type { OutboxPush } from "@/server/services/notifications/deliver-outbox";
import { createPushSender } from "./push-send";
import { serverVapidKeys } from "./vapid";

let cached: Promise<OutboxPush | null> | undefined;

/** The server's Web Push sender, made once per process; null without VAPID keys. */
export function serverPush(): Promise<OutboxPush | null> {
  cached ??= serverVapidKeys().then((keys) => (keys ? { send: createPushSender(keys) } : null));
  return cached;
}
