import { and, count, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { patients, users } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";

/** One member of the scope's clinic; another clinic's id is "not found", like a made-up one. */
export function requireStaff(db: DbOrTx, scope: ClinicScope, userId: string) {
  const row = db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.clinicId, scope.clinicId)))
    .get();
  if (!row) throw new NotFoundError("That team member");
  return row;
}

export function countActiveAdmins(db: DbOrTx, clinicId: string): number {
  const row = db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.clinicId, clinicId), eq(users.role, "admin"), eq(users.active, true)))
    .get();
  return row?.n ?? 0;
}

/** Ids of the person's active patients in the clinic. */
export function activePatientIdsOf(db: DbOrTx, clinicId: string, userId: string): string[] {
  return db
    .select({ id: patients.id })
    .from(patients)
    .where(
      and(
        eq(patients.clinicId, clinicId),
        eq(patients.primaryClinicianId, userId),
        eq(patients.status, "active"),
      ),
    )
    .all()
    .map((p) => p.id);
}

/** Active members of the clinic other than `exceptUserId`: who can take over patients. */
export function activeColleagueIds(db: DbOrTx, clinicId: string, exceptUserId: string): string[] {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.clinicId, clinicId), eq(users.active, true), ne(users.id, exceptUserId)))
    .all()
    .map((u) => u.id);
}

/** The same email rule everywhere: the login is the address, trimmed and lower-cased. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();
