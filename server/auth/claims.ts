import type { Role } from "@/db/schema/enums";

/** What the signed session cookie carries. Verified against the database on every request. */
export interface StaffClaims {
  uid: string;
  cid: string;
  role: Role;
  /** The user's session version at sign-in; a bump ends the session. */
  sv: number;
  /** Sign-in time, seconds since the epoch: the absolute limit counts from here. */
  signedInAt: number;
  /** Last request, seconds since the epoch: the idle limit counts from here. */
  lastActiveAt: number;
}

export interface SessionLimits {
  maxAgeSeconds: number;
  idleSeconds: number;
}

export type ClaimsVerdict = "valid" | "expired" | "idle";

/** Pure timing rule for a session; the database check comes after it. */
export function judgeClaimsTiming(
  claims: Pick<StaffClaims, "signedInAt" | "lastActiveAt">,
  nowSeconds: number,
  limits: SessionLimits,
): ClaimsVerdict {
  if (nowSeconds - claims.signedInAt > limits.maxAgeSeconds) return "expired";
  if (nowSeconds - claims.lastActiveAt > limits.idleSeconds) return "idle";
  return "valid";
}

export function isStaffClaims(value: unknown): value is StaffClaims {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.uid === "string" &&
    typeof v.cid === "string" &&
    (v.role === "admin" || v.role === "clinician") &&
    typeof v.sv === "number" &&
    typeof v.signedInAt === "number" &&
    typeof v.lastActiveAt === "number"
  );
}

/** Refresh the activity stamp at most once a minute, so most requests do not rewrite the cookie. */
export const ACTIVITY_REFRESH_SECONDS = 60;
