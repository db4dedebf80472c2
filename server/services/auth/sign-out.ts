import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import type { SessionLimits, StaffClaims } from "@/server/auth/claims";
import type { SystemData } from "@/server/data/clinic-data";
import { resolveStaffSession } from "./staff-session";

/**
 * Signing out ends the session on the server, not only in the browser: the user's session version
 * moves on, so a copy of the cookie stops working at once (decision 019). The version is the
 * user's, so their other open sessions end too. A cookie the server no longer accepts (idle, too
 * old, already ended) changes nothing, so an old copy cannot end a newer session. Returns whether
 * a session was ended.
 */
export async function endStaffSession(options: {
  system: SystemData;
  claims: StaffClaims;
  limits: SessionLimits;
  ip: string | null;
  now?: Date;
}): Promise<boolean> {
  const { system, claims } = options;
  const now = options.now ?? new Date();
  const session = await resolveStaffSession({ system, claims, limits: options.limits, now });
  if (!session) return false;
  const clinic = system.forClinic(session.clinicId);
  return clinic.write(async (tx) => {
    // Moves the version on only from the one this cookie carries: the update re-checks it as it
    // runs, so of two sign-outs (or a sign-out and a deactivation) at once, one does it.
    const moved = await tx
      .update(users)
      .set({ sessionVersion: claims.sv + 1 })
      .where(clinic.mine(users, eq(users.id, claims.uid), eq(users.sessionVersion, claims.sv)))
      .returning({ id: users.id });
    // Someone else (a second sign-out, a deactivation) moved it on first: already ended.
    if (moved.length !== 1) return false;
    await recordAudit(tx, {
      clinicId: session.clinicId,
      actorKind: "user",
      actorId: session.userId,
      action: "user.sign_out",
      entityType: "user",
      entityId: session.userId,
      before: { sessionVersion: claims.sv },
      after: { sessionVersion: claims.sv + 1 },
      ip: options.ip,
      at: now,
    });
    return true;
  });
}
