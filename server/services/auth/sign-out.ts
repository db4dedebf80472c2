import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import type { SessionLimits, StaffClaims } from "@/server/auth/claims";
import { resolveStaffSession } from "./staff-session";

/**
 * Signing out ends the session on the server, not only in the browser: the user's session version
 * moves on, so a copy of the cookie stops working at once (decision 019). The version is the
 * user's, so their other open sessions end too. A cookie the server no longer accepts (idle, too
 * old, already ended) changes nothing, so an old copy cannot end a newer session. Returns whether
 * a session was ended.
 */
export function endStaffSession(options: {
  db: Db;
  claims: StaffClaims;
  limits: SessionLimits;
  ip: string | null;
  now?: Date;
}): boolean {
  const { db, claims } = options;
  const now = options.now ?? new Date();
  const session = resolveStaffSession({ db, claims, limits: options.limits, now });
  if (!session) return false;
  return db.transaction(
    (tx) => {
      const result = tx
        .update(users)
        .set({ sessionVersion: claims.sv + 1 })
        .where(and(eq(users.id, claims.uid), eq(users.sessionVersion, claims.sv)))
        .run();
      // Someone else (a second sign-out, a deactivation) moved it on first: already ended.
      if (result.changes !== 1) return false;
      recordAudit(tx, {
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
    },
    { behavior: "immediate" },
  );
}
