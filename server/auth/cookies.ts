import { decode, encode } from "next-auth/jwt";
import { isStaffClaims, type StaffClaims } from "./claims";

/** next-auth's own cookie names; the Secure prefix is used whenever the app is served over HTTPS. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

export const PATIENT_COOKIE = "rehabit_patient";

export async function decodeStaffClaims(
  value: string | undefined,
  secret: string,
): Promise<StaffClaims | null> {
  if (!value) return null;
  try {
    const token = await decode({ token: value, secret });
    return isStaffClaims(token) ? token : null;
  } catch {
    return null;
  }
}

export async function encodeStaffClaims(
  claims: StaffClaims,
  secret: string,
  maxAgeSeconds: number,
): Promise<string> {
  return encode({ token: { ...claims }, secret, maxAge: maxAgeSeconds });
}
