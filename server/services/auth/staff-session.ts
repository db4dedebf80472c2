import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, users } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import { judgeClaimsTiming, type SessionLimits, type StaffClaims } from "@/server/auth/claims";

export interface StaffSession {
  userId: string;
  clinicId: string;
  clinicName: string;
  role: Role;
  name: string;
  email: string;
}

/**
 * Turns cookie claims into a session only if the user still exists, is active, belongs to the same
 * clinic and has not had their sessions ended since sign-in.
 */
export function resolveStaffSession(options: {
  db: Db;
  claims: StaffClaims | null;
  limits: SessionLimits;
  now?: Date;
}): StaffSession | null {
  const { claims } = options;
  if (!claims) return null;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (judgeClaimsTiming(claims, nowSeconds, options.limits) !== "valid") return null;
  const row = options.db
    .select({
      id: users.id,
      clinicId: users.clinicId,
      role: users.role,
      name: users.name,
      email: users.email,
      active: users.active,
      sessionVersion: users.sessionVersion,
      clinicName: clinics.name,
    })
    .from(users)
    .innerJoin(clinics, eq(clinics.id, users.clinicId))
    .where(eq(users.id, claims.uid))
    .get();
  if (!row || !row.active || row.sessionVersion !== claims.sv || row.clinicId !== claims.cid) {
    return null;
  }
  return {
    userId: row.id,
    clinicId: row.clinicId,
    clinicName: row.clinicName,
    role: row.role,
    name: row.name,
    email: row.email,
  };
}
