import { and, asc, count, desc, eq } from "drizzle-orm";
import { clinics, patients, users } from "@/db/schema";
import type { ClinicScope } from "../scope";

/**
 * Everyone in the clinic, active people first, with how many active patients each one has, and the
 * clinic's time zone so sign-in times read the same on the server and in the browser.
 */
export function listTeam(options: { scope: ClinicScope }) {
  const { scope } = options;
  const { data } = scope;
  return data.read(async (db) => {
    const [clinic] = await db
      .select({ timeZone: clinics.timeZone })
      .from(clinics)
      .where(data.clinicIs(clinics.id))
      .limit(1);
    const members = await db
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
      .where(data.mine(users))
      .groupBy(users.id)
      .orderBy(desc(users.active), asc(users.name));
    return {
      timeZone: clinic?.timeZone ?? "UTC",
      members: members.map((u) => ({ ...u, isYou: u.id === scope.userId })),
    };
  });
}
