import { and, asc, count, desc, eq } from "drizzle-orm";
import { patients, users } from "@/db/schema";
import type { ClinicScope } from "../scope";

/** Everyone in the clinic, active people first, with how many active patients each one has. */
export function listTeam(options: { scope: ClinicScope }) {
  const { scope } = options;
  return scope.db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      lastLoginAt: users.lastLoginAt,
      createdAt: users.createdAt,
      activePatients: count(patients.id),
    })
    .from(users)
    .leftJoin(
      patients,
      and(eq(patients.primaryClinicianId, users.id), eq(patients.status, "active")),
    )
    .where(eq(users.clinicId, scope.clinicId))
    .groupBy(users.id)
    .orderBy(desc(users.active), asc(users.name))
    .all()
    .map((u) => ({ ...u, isYou: u.id === scope.userId }));
}
