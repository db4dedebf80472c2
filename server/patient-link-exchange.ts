import "server-only";
import { getEngine } from "@/db/engine";
import { systemData } from "./data/clinic-data";
import { env } from "./env";
import { resolvePatientLink } from "./services/patient-links/resolve-patient-link";

/**
 * Checks a token from a patient's link. Returns the cookie to set when it works, or null for one
 * friendly "link no longer works" page whatever the reason.
 */
export async function exchangeLinkToken(token: string, now = new Date()) {
  const config = env();
  const link = await resolvePatientLink({ system: systemData(getEngine()), token, now });
  if (!link) return null;
  const maxAge = Math.max(60, Math.floor((link.expiresAt.getTime() - now.getTime()) / 1000));
  return { value: token, maxAge, secure: config.secureCookies };
}
