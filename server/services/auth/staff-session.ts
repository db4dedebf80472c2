import { eq } from "drizzle-orm";
import { clinics, users } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import { judgeClaimsTiming, type SessionLimits, type StaffClaims } from "@/server/auth/claims";
import type { SystemData } from "@/server/data/clinic-data";
import { perConnection, placeholder as p } from "../prepared";

export interface StaffSession {
  userId: string;
  clinicId: string;
  clinicName: string;
  role: Role;
  name: string;
  email: string;
}

/** Every staff request checks its session against the database: prepared once per connection. */
const statements = perConnection((db) => ({
  user: db
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
    .where(eq(users.id, p("userId")))
    .limit(1)
    .prepare("staff_session_user"),
}));

/**
 * Turns cookie claims into a session only if the user still exists, is active, belongs to the same
 * clinic and has not had their sessions ended since sign-in.
 */
export async function resolveStaffSession(options: {
  system: SystemData;
  claims: StaffClaims | null;
  limits: SessionLimits;
  now?: Date;
}): Promise<StaffSession | null> {
  const { claims } = options;
  if (!claims) return null;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (judgeClaimsTiming(claims, nowSeconds, options.limits) !== "valid") return null;
  // The system path: the claims name the clinic, and the row must still belong to it.
  const [row] = await options.system.read((db) =>
    statements(db).user.execute({ userId: claims.uid }),
  );
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
