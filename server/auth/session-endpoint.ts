import { getEngine } from "@/db/engine";
import { systemData, type SystemData } from "@/server/data/clinic-data";
import { env } from "@/server/env";
import { resolveStaffSession } from "@/server/services/auth/staff-session";
import type { SessionLimits } from "./claims";
import { decodeStaffClaims, sessionCookieName } from "./cookies";

/** One cookie's value from a Cookie header, joining next-auth's chunks (`name.0`, `name.1`…). */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  const pairs = header.split(";").map((part) => {
    const at = part.indexOf("=");
    return at < 0 ? ["", ""] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
  });
  const whole = pairs.find(([key]) => key === name)?.[1];
  if (whole) return whole;
  const chunks = pairs
    .map(([key, value]) => ({
      index: key?.startsWith(`${name}.`) ? key.slice(name.length + 1) : "",
      value,
    }))
    .filter((c) => /^\d+$/.test(c.index))
    .sort((a, b) => Number(a.index) - Number(b.index));
  return chunks.length ? chunks.map((c) => c.value).join("") : undefined;
}

/**
 * next-auth's /api/auth/session reads only the signed cookie, so it would keep naming a deactivated
 * or signed-out user. This answers first: a session cookie the database no longer accepts (user
 * gone or inactive, session version moved on, another clinic, idle or too old, not ours) gets
 * next-auth's own "signed out" answer, `{}`, and the cookie is cleared. Null means "let next-auth
 * answer": there is no cookie, or the session is still good.
 */
export async function endedSessionResponse(
  request: Request,
  options: {
    system: SystemData;
    secret: string;
    secureCookies: boolean;
    limits: SessionLimits;
    now?: Date;
  },
): Promise<Response | null> {
  const name = sessionCookieName(options.secureCookies);
  const value = readCookie(request.headers.get("cookie"), name);
  if (!value) return null;
  const claims = await decodeStaffClaims(value, options.secret);
  const session = await resolveStaffSession({
    system: options.system,
    claims,
    limits: options.limits,
    ...(options.now ? { now: options.now } : {}),
  });
  if (session) return null;
  const clear = [
    `${name}=`,
    "Path=/",
    "Max-Age=0",
    "Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    "HttpOnly",
    "SameSite=Lax",
    ...(options.secureCookies ? ["Secure"] : []),
  ].join("; ");
  return new Response("{}", {
    status: 200,
    headers: {
      "content-type": "application/json",
      "cache-control": "private, no-cache, no-store",
      "set-cookie": clear,
    },
  });
}

/** `endedSessionResponse` with this server's database, secret and limits. */
export function refuseEndedSession(request: Request): Promise<Response | null> {
  const config = env();
  return endedSessionResponse(request, {
    system: systemData(getEngine()),
    secret: config.authSecret,
    secureCookies: config.secureCookies,
    limits: { maxAgeSeconds: config.sessionMaxAgeSeconds, idleSeconds: config.sessionIdleSeconds },
  });
}
