import "server-only";
import { cookies, headers } from "next/headers";
import { getEngine } from "@/db/engine";
import { clientAddress } from "./auth/client-address";
import { decodeStaffClaims, PATIENT_COOKIE, sessionCookieName } from "./auth/cookies";
import type { StaffClaims } from "./auth/claims";
import type { Context } from "./context";
import { env } from "./env";
import { requestOrigin } from "./request-origin";

/** The one context factory, used by the tRPC route handler and by server components alike. */
export async function createRequestContext(): Promise<Context> {
  const config = env();
  const cookieStore = await cookies();
  const headerStore = await headers();
  // Decoded at most once per request: every staff procedure of a page asks for it.
  let claims: Promise<StaffClaims | null> | undefined;
  return {
    db: getEngine(),
    ip: clientAddress((name) => headerStore.get(name), config.trustProxy),
    limits: { maxAgeSeconds: config.sessionMaxAgeSeconds, idleSeconds: config.sessionIdleSeconds },
    readStaffClaims: () =>
      (claims ??= decodeStaffClaims(
        cookieStore.get(sessionCookieName(config.secureCookies))?.value,
        config.authSecret,
      )),
    patientToken: cookieStore.get(PATIENT_COOKIE)?.value ?? null,
    patientLinkDays: config.patientLinkDays,
    origin: requestOrigin({
      appUrl: config.appUrl,
      host: headerStore.get("x-forwarded-host") ?? headerStore.get("host"),
      proto: headerStore.get("x-forwarded-proto"),
    }),
    mediaDir: config.mediaDir,
    auditedReads: new Map(),
    identity: {},
  };
}
