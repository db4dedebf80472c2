import { count, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/engine/types";
import { patients, users } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { ClinicScope } from "../scope";

/** One member of the scope's clinic; another clinic's id is "not found", like a made-up one. */
export async function requireStaff(db: Db, scope: ClinicScope, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(scope.data.mine(users, eq(users.id, userId)))
    .limit(1);
  if (!row) throw new NotFoundError("That team member");
  return row;
}

export async function countActiveAdmins(db: Db, scope: ClinicScope): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(scope.data.mine(users, eq(users.role, "admin"), eq(users.active, true)));
  return row?.n ?? 0;
}

/** Ids of the person's active patients in the clinic. */
export async function activePatientIdsOf(
  db: Db,
  scope: ClinicScope,
  userId: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: patients.id })
    .from(patients)
    .where(
      scope.data.mine(
        patients,
        eq(patients.primaryClinicianId, userId),
        eq(patients.status, "active"),
      ),
    );
  return rows.map((p) => p.id);
}

/** Active members of the clinic other than `exceptUserId`: who can take over patients. */
export async function activeColleagueIds(
  db: Db,
  scope: ClinicScope,
  exceptUserId: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(scope.data.mine(users, eq(users.active, true), ne(users.id, exceptUserId)));
  return rows.map((u) => u.id);
}

/** The same email rule everywhere: the login is the address, trimmed and lower-cased. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();
