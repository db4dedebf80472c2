import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import { burnPasswordCheck, verifyPassword } from "@/server/auth/password";
import type { SystemData } from "@/server/data/clinic-data";
import { normaliseEmail } from "../team/staff";

export interface VerifiedUser {
  id: string;
  clinicId: string;
  role: Role;
  name: string;
  email: string;
  sessionVersion: number;
}

/**
 * Checks an email and password. Unknown email, wrong password and a deactivated account all return
 * null after the same amount of work, so the sign-in page cannot tell them apart. The email is no
 * clinic's until its account is found (the system path); the sign-in time is then written as that
 * clinic's, after the password check, never with a write held open around Argon2.
 */
export async function verifyCredentials(options: {
  system: SystemData;
  email: string;
  password: string;
}): Promise<VerifiedUser | null> {
  const email = normaliseEmail(options.email);
  const [user] = await options.system.read((db) =>
    db.select().from(users).where(eq(users.email, email)).limit(1),
  );
  if (!user) {
    await burnPasswordCheck(options.password);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, options.password);
  if (!ok || !user.active) return null;
  const clinic = options.system.forClinic(user.clinicId);
  await clinic.write((tx) =>
    tx
      .update(users)
      .set({ lastLoginAt: new Date() })
      .where(clinic.mine(users, eq(users.id, user.id))),
  );
  return {
    id: user.id,
    clinicId: user.clinicId,
    role: user.role,
    name: user.name,
    email: user.email,
    sessionVersion: user.sessionVersion,
  };
}
