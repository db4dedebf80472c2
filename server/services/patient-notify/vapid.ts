import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import webpush from "web-push";

/** The server's VAPID identity (RFC 8292): push services know the server by this key pair. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** Who runs this server, for the push services: an https: address or a mailto:. */
  subject: string;
}

/** Where a push service may be asked to deliver: the big browsers' own services. */
const DEFAULT_PUSH_HOSTS = [
  "fcm.googleapis.com",
  "android.googleapis.com",
  "updates.push.services.mozilla.com",
  "push.services.mozilla.com",
  "web.push.apple.com",
  "notify.windows.com",
];

const KEY_FILE = ".vapid-keys.json";

function subjectOf(source: Record<string, string | undefined>): string {
  const given = source.VAPID_SUBJECT?.trim();
  if (given) return given;
  const appUrl = source.NEXTAUTH_URL?.trim();
  // Apple refuses a localhost subject; a reserved name is accepted and says nothing false.
  return appUrl?.startsWith("https://") ? appUrl : "mailto:push@rehabit.invalid";
}

/**
 * The VAPID keys: from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY when set (several servers on one
 * database must share them), otherwise generated once and kept in the data directory beside the
 * auth secret, like it. In production they must be given: a server that generated its own would
 * silently break every phone's subscription the day its data directory is lost or another server
 * answers. Null there means Web Push is off, and the reminder page says so.
 */
export function loadVapidKeys(
  source: Record<string, string | undefined>,
  dataDir: string,
): VapidKeys | null {
  const subject = subjectOf(source);
  const publicKey = source.VAPID_PUBLIC_KEY?.trim();
  const privateKey = source.VAPID_PRIVATE_KEY?.trim();
  if (publicKey && privateKey) return { publicKey, privateKey, subject };
  if (publicKey || privateKey) {
    throw new Error(
      "Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (npx web-push generate-vapid-keys), or neither.",
    );
  }
  if (source.APP_ENV === "production") return null;
  const file = path.join(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const keys = webpush.generateVAPIDKeys();
    try {
      writeFileSync(file, JSON.stringify(keys), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process wrote it first: use theirs.
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    }
  }
  const kept = JSON.parse(readFileSync(file, "utf8")) as Omit<VapidKeys, "subject">;
  return { publicKey: kept.publicKey, privateKey: kept.privateKey, subject };
}

/**
 * The hosts a subscription's endpoint may name: the browsers' push services, and any given in
 * PUSH_EXTRA_ORIGINS (tests, a self-hosted push service). The server posts to the endpoint, so a
 * patient's link must never make it post anywhere else (an address inside the clinic's network).
 */
export function pushEndpointAllowed(
  endpoint: string,
  source: Record<string, string | undefined> = process.env,
): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  const extra = (source.PUSH_EXTRA_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  if (extra.includes(url.origin)) return true;
  if (url.protocol !== "https:" || url.port !== "") return false;
  return DEFAULT_PUSH_HOSTS.some(
    (host) => url.hostname === host || url.hostname.endsWith(`.${host}`),
  );
}

let cached: { dataDir: string; keys: VapidKeys | null } | undefined;

/** The server's keys, read (or made) once per process. */
export async function serverVapidKeys(): Promise<VapidKeys | null> {
  const { env } = await import("@/server/env");
  const { dataDir } = env();
  if (cached?.dataDir !== dataDir) cached = { dataDir, keys: loadVapidKeys(process.env, dataDir) };
  return cached.keys;
}
